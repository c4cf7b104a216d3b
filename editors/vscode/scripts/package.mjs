#!/usr/bin/env node
// Builds the .vsix: bundles the extension with esbuild and puts the copydesk
// binary for this platform inside it (server/<platform>-<arch>/copydesk).
//
//   npm run package                       # cargo build --release, then package
//   npm run package -- --binary PATH      # package an already built binary
//   npm run package -- --out FILE.vsix    # choose where the .vsix goes
//
// The .vsix lands in <repo>/target/vsix/ unless --out says otherwise.
import { execFileSync } from 'node:child_process';
import { copyFileSync, chmodSync, mkdirSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const repo = resolve(here, '..', '..');
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};

const run = (command, commandArgs, cwd) => {
  console.error(`$ ${command} ${commandArgs.join(' ')}`);
  execFileSync(command, commandArgs, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
};

let binary = option('--binary') ?? process.env.COPYDESK_BINARY;
if (!binary) {
  run('cargo', ['build', '--release', '--bin', 'copydesk'], repo);
  binary = join(repo, 'target', 'release', 'copydesk');
}
binary = resolve(binary);
if (!existsSync(binary)) {
  console.error(`copydesk binary not found at ${binary}`);
  process.exit(1);
}

const vsceTarget = { 'linux-x64': 'linux-x64', 'linux-arm64': 'linux-arm64', 'darwin-x64': 'darwin-x64', 'darwin-arm64': 'darwin-arm64', 'win32-x64': 'win32-x64' }[
  `${process.platform}-${process.arch}`
];
const serverDir = join(here, 'server');
rmSync(serverDir, { recursive: true, force: true });
const platformDir = join(serverDir, `${process.platform}-${process.arch}`);
mkdirSync(platformDir, { recursive: true });
const bundled = join(platformDir, process.platform === 'win32' ? 'copydesk.exe' : 'copydesk');
copyFileSync(binary, bundled);
chmodSync(bundled, 0o755);

const { version } = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
const out = resolve(option('--out') ?? join(repo, 'target', 'vsix', `copydesk-${vsceTarget ?? 'any'}-${version}.vsix`));
mkdirSync(dirname(out), { recursive: true });

run('npx', ['--no-install', 'esbuild', 'src/extension.ts', '--bundle', '--outfile=dist/extension.js', '--external:vscode', '--format=cjs', '--platform=node', '--target=node20', '--minify'], here);
run(
  'npx',
  [
    '--no-install', 'vsce', 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--no-rewrite-relative-links',
    ...(vsceTarget ? ['--target', vsceTarget] : []),
    '--out', out,
  ],
  here,
);
console.log(out);
