// Finding the copydesk binary: the `copydesk.server.path` setting, then the
// binary bundled in the extension (server/<platform>-<arch>/copydesk), then PATH.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

export interface Found {
  path?: string;
  source?: 'setting' | 'bundled' | 'PATH';
  problem?: string;
}

const EXE = process.platform === 'win32' ? 'copydesk.exe' : 'copydesk';

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The folder inside the extension that holds the bundled binary for this machine. */
export function bundledDir(extensionPath: string): string {
  return path.join(extensionPath, 'server', `${process.platform}-${process.arch}`);
}

export function findServer(extensionPath: string): Found {
  const configured = vscode.workspace.getConfiguration('copydesk').get<string | null>('server.path', null);
  if (configured) {
    const expanded = configured.replace(/^~(?=$|\/)/, process.env.HOME ?? '~');
    if (isExecutable(expanded)) {
      return { path: expanded, source: 'setting' };
    }
    return { problem: `The setting copydesk.server.path points to "${configured}", which is not an executable file. Fix the path or clear the setting.` };
  }
  const bundled = path.join(bundledDir(extensionPath), EXE);
  if (isExecutable(bundled)) {
    return { path: bundled, source: 'bundled' };
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, EXE))) {
      return { path: path.join(dir, EXE), source: 'PATH' };
    }
  }
  return { problem: `No copydesk server was found: this extension has no bundled binary for ${process.platform}-${process.arch}, and copydesk is not on PATH.` };
}

export function installHelp(): string {
  return 'Install it with "cargo install --path ." in a copydesk checkout (or download a release binary), then set copydesk.server.path or put copydesk on PATH.';
}
