// Reference-client conformance: drives the copydesk binary over stdio with
// vscode-languageserver-protocol, the protocol library VS Code itself uses.
//
//   COPYDESK_BINARY=target/debug/copydesk NODE_PATH=<protocol client>/node_modules \
//     node --test editors/test/protocol/conformance.test.mjs
//
// Each test is one protocol step on one shared connection, in order:
// initialize, capabilities, open, diagnostics, hover, code action, edit,
// shutdown. Filter with `--test-name-pattern`.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const P = require('vscode-languageserver-protocol/node');

const binary = resolve(process.env.COPYDESK_BINARY ?? 'target/debug/copydesk');
const articlePath = resolve(process.env.COPYDESK_ARTICLE ?? 'examples/russia-china-2023-04-17.txt');
const text = readFileSync(articlePath, 'utf8');
const uri = pathToFileURL(articlePath).href;
const TIMEOUT = 15000;

/** UTF-16 position of the first occurrence of `needle` (+ offset code units). */
function positionOf(source, needle, offset = 0) {
  const index = source.indexOf(needle);
  assert.ok(index >= 0, `not in the text: ${needle}`);
  const before = source.slice(0, index + offset);
  const line = before.split('\n').length - 1;
  const character = before.length - (before.lastIndexOf('\n') + 1);
  return { line, character };
}

function applyEdits(source, edits) {
  const offsetAt = ({ line, character }) => {
    let offset = 0;
    for (let i = 0; i < line; i++) offset = source.indexOf('\n', offset) + 1;
    return offset + character;
  };
  const sorted = [...edits].sort((a, b) => offsetAt(b.range.start) - offsetAt(a.range.start));
  let out = source;
  for (const edit of sorted) {
    out = out.slice(0, offsetAt(edit.range.start)) + edit.newText + out.slice(offsetAt(edit.range.end));
  }
  return out;
}

function withTimeout(promise, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), TIMEOUT);
    }),
  ]).finally(() => clearTimeout(timer));
}

describe('copydesk speaks LSP to the reference client', () => {
  let child;
  let connection;
  let initializeResult;
  const published = [];
  const waiters = [];
  let exitCode;

  function nextDiagnostics(predicate) {
    const found = published.find(predicate);
    if (found) return Promise.resolve(found);
    return withTimeout(new Promise((resolveWaiter) => waiters.push({ predicate, resolve: resolveWaiter })), 'publishDiagnostics');
  }

  before(() => {
    child = spawn(binary, ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
    child.on('exit', (code) => {
      exitCode = code;
    });
    connection = P.createProtocolConnection(new P.StreamMessageReader(child.stdout), new P.StreamMessageWriter(child.stdin));
    connection.onNotification(P.PublishDiagnosticsNotification.type, (params) => {
      published.push(params);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(params)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    connection.onRequest(P.ConfigurationRequest.type, (params) => params.items.map(() => ({})));
    connection.onRequest(P.RegistrationRequest.type, () => null);
    connection.onRequest(P.WorkDoneProgressCreateRequest.type, () => null);
    connection.listen();
  });

  after(() => {
    connection?.dispose();
    if (child && exitCode === undefined) child.kill('SIGKILL');
  });

  test('initialize answers with server info', async () => {
    initializeResult = await withTimeout(
      connection.sendRequest(P.InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: null,
        capabilities: {
          general: { positionEncodings: ['utf-16'] },
          workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
          textDocument: {
            synchronization: { dynamicRegistration: false },
            publishDiagnostics: { relatedInformation: true, versionSupport: true },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            codeAction: {
              codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.rewrite', 'source', 'source.fixAll'] } },
              resolveSupport: { properties: ['edit'] },
            },
          },
        },
      }),
      'initialize',
    );
    assert.equal(initializeResult.serverInfo?.name, 'copydesk');
    await connection.sendNotification(P.InitializedNotification.type, {});
  });

  test('capabilities: incremental sync, hover, code actions, utf-16', () => {
    const caps = initializeResult.capabilities;
    const sync = typeof caps.textDocumentSync === 'number' ? caps.textDocumentSync : caps.textDocumentSync?.change;
    assert.equal(sync, P.TextDocumentSyncKind.Incremental, 'textDocumentSync should be incremental');
    assert.ok(caps.hoverProvider, 'hoverProvider');
    assert.ok(caps.codeActionProvider, 'codeActionProvider');
    assert.ok(caps.positionEncoding === undefined || caps.positionEncoding === 'utf-16', `positionEncoding ${caps.positionEncoding}`);
    if (typeof caps.codeActionProvider === 'object' && caps.codeActionProvider.codeActionKinds) {
      assert.ok(caps.codeActionProvider.codeActionKinds.includes('quickfix'), 'quickfix kind');
    }
  });

  test('open and diagnostics: mismatched-quote after "defense ministries"', async () => {
    await connection.sendNotification(P.DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'plaintext', version: 1, text },
    });
    const params = await nextDiagnostics((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'mismatched-quote'));
    const expected = positionOf(text, 'defense ministries\u201c', 'defense ministries'.length);
    const hit = params.diagnostics.find(
      (d) => d.code === 'mismatched-quote' && d.range.start.line === expected.line && d.range.start.character === expected.character,
    );
    assert.ok(hit, `no mismatched-quote at ${JSON.stringify(expected)}: ${JSON.stringify(params.diagnostics.map((d) => [d.code, d.range.start]))}`);
    assert.equal(hit.source, 'copydesk');
    assert.ok(hit.message.length > 0);
  });

  test('hover on "Putin" returns the actor card', async () => {
    const hover = await withTimeout(
      connection.sendRequest(P.HoverRequest.type, { textDocument: { uri }, position: positionOf(text, 'Vladimir Putin', 'Vladimir '.length + 2) }),
      'hover',
    );
    assert.ok(hover, 'no hover');
    const value = typeof hover.contents === 'string' ? hover.contents : hover.contents.value ?? JSON.stringify(hover.contents);
    assert.match(value, /Putin/);
    assert.match(value, /President/);
  });

  test('code action: quick fix for the mismatched quote replaces only the mark', async () => {
    const start = positionOf(text, 'defense ministries\u201c', 'defense ministries'.length);
    const diagnostics = published.filter((p) => p.uri === uri).at(-1).diagnostics.filter((d) => d.code === 'mismatched-quote');
    const actions = await withTimeout(
      connection.sendRequest(P.CodeActionRequest.type, {
        textDocument: { uri },
        range: { start, end: { line: start.line, character: start.character + 1 } },
        context: { diagnostics, only: ['quickfix'], triggerKind: 1 },
      }),
      'codeAction',
    );
    assert.ok(Array.isArray(actions) && actions.length > 0, 'no quick fix');
    let action = actions.find((a) => a.kind === 'quickfix' && a.isPreferred) ?? actions.find((a) => a.kind === 'quickfix');
    assert.ok(action, `no quickfix among ${JSON.stringify(actions.map((a) => a.title))}`);
    if (!action.edit) action = await connection.sendRequest(P.CodeActionResolveRequest.type, action);
    const edits = action.edit.changes?.[uri] ?? action.edit.documentChanges?.find((c) => c.textDocument?.uri === uri)?.edits;
    assert.ok(edits?.length > 0, 'the quick fix has no edit');
    const fixed = applyEdits(text, edits);
    const expectedFixed = text.replace('defense ministries\u201c', 'defense ministries\u201d');
    assert.equal(fixed, expectedFixed, 'the fix should turn the opening mark into a closing mark and change nothing else');
  });

  test('code action: "Rewrite as ..." on a date edits only the date', async () => {
    const start = positionOf(text, 'February 24 last year');
    const actions = await withTimeout(
      connection.sendRequest(P.CodeActionRequest.type, {
        textDocument: { uri },
        range: { start, end: { line: start.line, character: start.character + 'February 24'.length } },
        context: { diagnostics: [], triggerKind: 1 },
      }),
      'codeAction',
    );
    let action = (actions ?? []).find((a) => /^Rewrite as/.test(a.title));
    assert.ok(action, `no "Rewrite as" among ${JSON.stringify((actions ?? []).map((a) => a.title))}`);
    if (!action.edit) action = await connection.sendRequest(P.CodeActionResolveRequest.type, action);
    const edits = action.edit.changes?.[uri] ?? action.edit.documentChanges?.find((c) => c.textDocument?.uri === uri)?.edits;
    const fixed = applyEdits(text, edits);
    const index = text.indexOf('February 24 last year');
    assert.equal(fixed.slice(0, index), text.slice(0, index), 'text before the date changed');
    const tail = text.slice(index + 'February 24 last year'.length);
    assert.ok(fixed.endsWith(tail), 'text after the date changed');
  });

  test('an incremental edit moves the diagnostics', async () => {
    const published_before = published.length;
    await connection.sendNotification(P.DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'A new first line.\n\n' }],
    });
    const expected = positionOf(text, 'defense ministries\u201c', 'defense ministries'.length);
    const params = await nextDiagnostics(
      (p) => published.indexOf(p) >= published_before && p.uri === uri && p.diagnostics.some((d) => d.code === 'mismatched-quote' && d.range.start.line === expected.line + 2),
    );
    assert.ok(params.version === undefined || params.version === 2, `diagnostics for version ${params.version}`);
  });

  test('shutdown and exit', async () => {
    await withTimeout(connection.sendRequest(P.ShutdownRequest.type), 'shutdown');
    await connection.sendNotification(P.ExitNotification.type);
    const code = await withTimeout(
      new Promise((resolveExit) => (exitCode !== undefined ? resolveExit(exitCode) : child.on('exit', resolveExit))),
      'exit',
    );
    assert.equal(code, 0);
  });
});
