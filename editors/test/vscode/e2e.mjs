// End-to-end test of the copydesk VS Code extension in real VS Code
// (code-server) in a real browser (Debian's chromium, driven by playwright-core).
// Started by run.sh, which installs the .vsix into a clean profile and starts
// code-server; this script only drives the page.
//
// Environment: CODE_URL (the workspace URL), ARTICLE (the file on disk),
// EXTENSIONS_DIR, SHOTS (screenshot folder), COPYDESK_E2E_ONLY (optional
// comma list of step names to run; the others are skipped).
// Fails on any browser request to a non-loopback address.
// Prints "ok - STEP" / "not ok - STEP: why" and "N passed, N failed".
import { mkdirSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const url = process.env.CODE_URL;
const articlePath = process.env.ARTICLE;
const shots = process.env.SHOTS;
const extensionsDir = process.env.EXTENSIONS_DIR;
const only = (process.env.COPYDESK_E2E_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const original = readFileSync(articlePath, 'utf8');
const TIMEOUT = 30000;

const QUOTE_CONTEXT = 'ministries\u201c';
const offending = [];
const isLoopback = (host) => host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1' || /^127\./.test(host);

function recordRequest(requestUrl) {
  let parsed;
  try {
    parsed = new URL(requestUrl);
  } catch {
    return true;
  }
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'about:' || parsed.protocol === 'chrome-extension:') {
    return true;
  }
  if (!isLoopback(parsed.hostname)) {
    offending.push(requestUrl);
    return false;
  }
  return true;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-domain-reliability',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
    '--metrics-recording-only',
  ],
});
const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, serviceWorkers: 'block' });
await context.route('**/*', (route) => (recordRequest(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
context.on('request', (request) => recordRequest(request.url()));
const page = await context.newPage();
page.on('websocket', (socket) => recordRequest(socket.url().replace(/^ws/, 'http')));

const results = [];
async function step(name, fn) {
  if (only.length && !only.some((pattern) => name.includes(pattern))) {
    return;
  }
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok - [vscode] ${name}`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`not ok - [vscode] ${name}: ${error?.message ?? error}`);
    await page.screenshot({ path: join(shots, `failed-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`) }).catch(() => {});
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Bounding box of the first occurrence of `needle` + [from, to) characters in the editor's rendered lines. */
async function textBox(needle, from, to) {
  return page.evaluate(
    ([needle, from, to]) => {
      const nbsp = (s) => s.replace(/ /g, '\u00a0');
      for (const line of document.querySelectorAll('.monaco-editor .view-line')) {
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.data.indexOf(nbsp(needle));
          const at2 = at >= 0 ? at : node.data.indexOf(needle);
          if (at2 >= 0) {
            const range = document.createRange();
            range.setStart(node, at2 + from);
            range.setEnd(node, at2 + to);
            const r = range.getBoundingClientRect();
            return { x: r.x, y: r.y, width: r.width, height: r.height };
          }
        }
      }
      return null;
    },
    [needle, from, to],
  );
}

async function squiggleBoxes() {
  return page.evaluate(() =>
    [...document.querySelectorAll('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error, .monaco-editor .squiggly-info')].map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height, cls: e.className };
    }),
  );
}

async function waitFor(predicate, what, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(200);
  }
}

async function squiggleUnderQuote() {
  return squiggleUnder(QUOTE_CONTEXT, QUOTE_CONTEXT.length - 1, QUOTE_CONTEXT.length);
}

/** The text's box when a squiggle lies under it, else null. */
async function squiggleUnder(needle, from, to) {
  const mark = await textBox(needle, from, to);
  if (!mark) return null;
  const boxes = await squiggleBoxes();
  return boxes.find(
    (b) => b.x <= mark.x + mark.width / 2 && b.x + b.width >= mark.x + mark.width / 2 && Math.abs(b.y - mark.y) < mark.height * 1.5,
  ) ? mark : null;
}

/** Errors + warnings + infos in VS Code's own status-bar problem counter. */
async function problemTotal() {
  const text = await statusText('#status\\.problems');
  return [...text.matchAll(/(?:Errors|Warnings|Infos): (\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
}

async function statusText(selector) {
  const item = page.locator(selector).first();
  return ((await item.getAttribute('aria-label').catch(() => null)) ?? '') + ' ' + ((await item.textContent().catch(() => null)) ?? '');
}

/** Pids of running copydesk servers started from the installed extension. */
function serverPids() {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const exe = readlinkSync(`/proc/${entry}/exe`);
      if (exe.startsWith(extensionsDir) && exe.endsWith('/copydesk')) pids.push(Number(entry));
    } catch {
      // gone or not ours
    }
  }
  return pids;
}

try {
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });

  await step('the extension activates with no settings and the bundled server', async () => {
    await page.getByRole('treeitem', { name: /article\.txt/ }).first().click({ timeout: TIMEOUT });
    await page.locator('.monaco-editor .view-line').first().waitFor({ timeout: TIMEOUT });
    await waitFor(async () => (await statusText('.statusbar-item:has-text("copydesk")')).includes('copydesk:'), 'the copydesk status item');
    assert(serverPids().length === 1, `expected one bundled copydesk process, found ${serverPids().length}`);
  });

  await step('a squiggle appears under the mismatched quote after "defense ministries"', async () => {
    await waitFor(() => squiggleUnderQuote(), 'a squiggle under the mark');
    const mark = await textBox(QUOTE_CONTEXT, QUOTE_CONTEXT.length - 1, QUOTE_CONTEXT.length);
    const hover = page.locator('.monaco-hover:visible').first();
    // The first hover of a session can be swallowed while the editor is still
    // settling: move away and back, a few times, before giving up.
    for (let attempt = 1; ; attempt++) {
      await page.mouse.move(5, 400);
      await page.mouse.move(mark.x + mark.width / 2, mark.y + mark.height / 2);
      try {
        await hover.waitFor({ timeout: TIMEOUT / 3 });
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
    await waitFor(async () => /mismatched-quote/.test(await hover.textContent()), 'the problem hover naming mismatched-quote');
    await page.screenshot({ path: join(shots, 'vscode-1-squiggle.png') });
    await page.mouse.move(5, 400);
  });

  await step('the status bar shows the problem count', async () => {
    const problems = await waitFor(async () => {
      const text = await statusText('#status\\.problems');
      const counts = [...text.matchAll(/(\d+)/g)].map((m) => Number(m[1]));
      return counts.some((n) => n > 0) ? text : null;
    }, 'a non-zero problem count');
    const ours = await statusText('.statusbar-item:has-text("copydesk")');
    assert(/copydesk: [1-9]\d* finding/.test(ours), `copydesk's status item says: ${ours}`);
    console.log(`# problems: ${problems.trim()} | ${ours.trim()}`);
  });

  await step('hovering "Putin" shows the actor card', async () => {
    await page.mouse.move(5, 400);
    // The article's own words (line 3), not the "— Vladimir Putin" inlay hint
    // after a quotation, whose tooltip also names him.
    const box = await textBox('Vladimir Putin, met', 'Vladimir '.length, 'Vladimir Putin'.length);
    assert(box, '"Vladimir Putin, met" is not on screen');
    const hover = page.locator('.monaco-hover:visible').first();
    await waitFor(async () => {
      await page.mouse.move(5, 400);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await hover.waitFor({ timeout: 5000 }).catch(() => {});
      const text = (await hover.textContent().catch(() => '')) ?? '';
      return /Vladimir Putin\s*·\s*person/.test(text) && text.includes('President of Russia');
    }, 'the actor card "Vladimir Putin · person … President of Russia"');
    await page.screenshot({ path: join(shots, 'vscode-2-hover.png') });
    await page.mouse.move(5, 400);
    await page.keyboard.press('Escape');
  });

  await step('the quick fix from the Quick Fix menu corrects the mark', async () => {
    const mark = await waitFor(() => squiggleUnderQuote(), 'the squiggle');
    const problemsBefore = await problemTotal();
    // Put the cursor on the mark, then open the Quick Fix menu (Ctrl+.).
    await page.mouse.click(mark.x + 1, mark.y + mark.height / 2);
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget:visible, .context-view .monaco-list:visible').first();
    await menu.waitFor({ timeout: TIMEOUT });
    await page.screenshot({ path: join(shots, 'vscode-3-quickfix-menu.png') });
    await page.keyboard.press('Enter');
    await waitFor(async () => (await textBox('ministries\u201d', 0, 1)) !== null, 'the corrected mark on screen');
    await page.keyboard.press('Control+s');
    const expected = original.replace(QUOTE_CONTEXT, 'ministries\u201d');
    await waitFor(() => readFileSync(articlePath, 'utf8') === expected, 'the saved file to differ from the original by exactly that mark', 10000);
    // The new diagnostics arrive: one problem fewer, and no squiggle under the corrected mark.
    await waitFor(async () => (await problemTotal()) < problemsBefore, `the problem count to drop below ${problemsBefore}`);
    await waitFor(async () => (await squiggleUnder('ministries\u201d', QUOTE_CONTEXT.length - 1, QUOTE_CONTEXT.length)) === null, 'the squiggle to go');
    await page.mouse.move(5, 400);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(shots, 'vscode-4-fixed.png') });
  });

  await step('a settings change reaches the server without a restart', async () => {
    // The workspace's .vscode/settings.json, as a newsroom project would keep it.
    const settingsDir = join(dirname(articlePath), '.vscode');
    const settingsPath = join(settingsDir, 'settings.json');
    const [pid] = serverPids();
    const box = await textBox('February\u00a024', 0, 'February 24'.length);
    assert(box, '"February 24" is not on screen');
    const hoverText = async () => {
      await page.mouse.move(5, 400);
      await page.waitForTimeout(300);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.waitForTimeout(800);
      return (await page.locator('.monaco-hover:visible').first().textContent().catch(() => '')) ?? '';
    };
    mkdirSync(settingsDir, { recursive: true });
    try {
      writeFileSync(settingsPath, '{ "copydesk.dates.style": "iso" }\n');
      await waitFor(async () => (await hoverText()).includes('2022-02-24'), 'the date finding to use the ISO style', TIMEOUT);
    } finally {
      writeFileSync(settingsPath, '{ "copydesk.dates.style": "ap" }\n');
    }
    await waitFor(async () => (await hoverText()).includes('Feb. 24, 2022'), 'the date finding back in AP style', TIMEOUT);
    await page.mouse.move(5, 400);
    assert(serverPids().length === 1 && serverPids()[0] === pid, 'the server was restarted');
  });

  await step('"copydesk: Normalize all dates" rewrites the dates', async () => {
    assert(await textBox('February\u00a024', 0, 1), '"February 24" is not on screen before the command');
    await page.keyboard.press('F1');
    await page.keyboard.type('copydesk: Normalize all dates');
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    await waitFor(async () => (await textBox('February\u00a024', 0, 1)) === null, '"February 24" to be rewritten');
    await page.keyboard.press('Control+s');
  });

  await step('a killed server is reported and restarted', async () => {
    const [pid] = serverPids();
    assert(pid, 'no copydesk process');
    process.kill(pid, 'SIGKILL');
    const toast = page.locator('.notifications-toasts').getByText(/stopped unexpectedly; restarting/).first();
    await toast.waitFor({ timeout: TIMEOUT });
    await waitFor(() => serverPids().some((p) => p !== pid), 'a new copydesk process');
    await waitFor(async () => /copydesk: [1-9]\d* finding/.test(await statusText('.statusbar-item:has-text("copydesk")')), 'the status item back, counting findings');
    await page.screenshot({ path: join(shots, 'vscode-5-restarted.png') });
    // The new server still answers: a hover on Putin.
    const box = await textBox('Vladimir\u00a0Putin', 'Vladimir '.length, 'Vladimir Putin'.length);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await waitFor(async () => ((await page.locator('.monaco-hover:visible').first().textContent().catch(() => '')) ?? '').includes('Putin'), 'a hover from the new server');
  });

  await step('no request left the machine', async () => {
    assert(offending.length === 0, `requests to non-loopback addresses: ${[...new Set(offending)].join(', ')}`);
  });
} finally {
  await browser.close();
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
