// The copydesk extension: starts the copydesk language server for news copy
// (Markdown and plain text), keeps its settings in step, and offers the
// commands and the status-bar item.
import * as vscode from 'vscode';
import {
  CloseAction,
  CloseHandlerResult,
  ErrorAction,
  ErrorHandlerResult,
  LanguageClient,
  LanguageClientOptions,
  Message,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';

import { findServer, installHelp } from './discovery';
import { serverSettings } from './settings';

const NORMALIZE_DATES_KIND = vscode.CodeActionKind.Source.append('copydesk').append('normalizeDates');
/** How many of the code actions found `vscode.executeCodeActionProvider` resolves (edits filled in). */
const RESOLVE_COUNT = 10;
/** How many unexpected stops within `RESTART_WINDOW_MS` are restarted before giving up. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let status: vscode.StatusBarItem;
let serverPath: string | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('copydesk', { log: true });
  status = vscode.window.createStatusBarItem('copydesk.status', vscode.StatusBarAlignment.Left, 0);
  status.name = 'copydesk';
  status.command = 'copydesk.showOutput';
  context.subscriptions.push(output, status);

  context.subscriptions.push(
    vscode.commands.registerCommand('copydesk.normalizeDates', normalizeDates),
    vscode.commands.registerCommand('copydesk.restartServer', () => restart(context)),
    vscode.commands.registerCommand('copydesk.showOutput', () => output.show(true)),
    vscode.languages.onDidChangeDiagnostics(() => updateStatus()),
    vscode.window.onDidChangeActiveTextEditor(() => updateStatus()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('copydesk.server.path') || event.affectsConfiguration('copydesk.languages')) {
        void vscode.window
          .showInformationMessage('copydesk: restart the server to use the new server path or languages.', 'Restart server')
          .then((choice) => choice && restart(context));
      }
      // Every other copydesk setting reaches the running server through
      // workspace/didChangeConfiguration (see `synchronize` below): no restart.
    }),
  );

  // Markdown and plain text activate the extension directly; the languages in
  // `copydesk.languages` cannot be activation events, so the extension also
  // activates after start-up and starts the server once such a file is open.
  if (vscode.workspace.textDocuments.some(isCopydeskDocument)) {
    await start(context);
    return;
  }
  const waiting = vscode.workspace.onDidOpenTextDocument((document) => {
    if (isCopydeskDocument(document)) {
      waiting.dispose();
      void start(context);
    }
  });
  context.subscriptions.push(waiting);
}

function copydeskLanguages(): string[] {
  const extra = vscode.workspace.getConfiguration('copydesk').get<string[]>('languages', []);
  return [...new Set(['markdown', 'plaintext', ...extra])];
}

function isCopydeskDocument(document: vscode.TextDocument): boolean {
  return (document.uri.scheme === 'file' || document.uri.scheme === 'untitled') && copydeskLanguages().includes(document.languageId);
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop();
    client = undefined;
  }
}

/** Document selector: Markdown, plain text, and the languages the user adds. */
function documentSelector(): { scheme: string; language: string }[] {
  return copydeskLanguages().flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const found = findServer(context.extensionPath);
  if (!found.path) {
    setStatus('error', 'copydesk: no server', found.problem ?? 'The copydesk server was not found.');
    output.appendLine(found.problem ?? 'The copydesk server was not found.');
    const choice = await vscode.window.showErrorMessage(
      `copydesk: ${found.problem} ${installHelp()}`,
      'Open settings',
      'Show output',
    );
    if (choice === 'Open settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'copydesk.server.path');
    } else if (choice === 'Show output') {
      output.show(true);
    }
    return;
  }
  serverPath = found.path;
  output.appendLine(`Starting ${found.path} (${found.source}).`);

  const serverOptions: ServerOptions = {
    run: { command: found.path, args: ['lsp'] },
    debug: { command: found.path, args: ['lsp'], options: { env: { ...process.env, COPYDESK_LOG: 'debug' } } },
  };

  const restarts: number[] = [];
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    outputChannel: output,
    traceOutputChannel: output,
    synchronize: {
      // didChangeConfiguration is sent on every change of a `copydesk.*`
      // setting; the middleware below gives the server its own shape.
      configurationSection: 'copydesk',
    },
    initializationOptions: serverSettings(vscode.workspace.getConfiguration('copydesk')),
    middleware: {
      workspace: {
        // Answer workspace/configuration for section `copydesk` with the
        // server's settings struct (no editor-only keys, which it rejects).
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) {
            return answers;
          }
          return params.items.map((item, index) => {
            if (item.section === 'copydesk' || item.section === undefined) {
              const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
              return serverSettings(vscode.workspace.getConfiguration('copydesk', scope));
            }
            return answers[index];
          });
        },
        didChangeConfiguration: async (sections, next) => {
          // Send the server-shaped settings instead of the raw section.
          if (client && client.state === State.Running) {
            await client.sendNotification('workspace/didChangeConfiguration', {
              settings: { copydesk: serverSettings(vscode.workspace.getConfiguration('copydesk')) },
            });
            return;
          }
          return next(sections);
        },
      },
    },
    errorHandler: {
      error: (error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult => {
        output.appendLine(`copydesk: protocol error: ${error.message}`);
        return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
      },
      closed: (): CloseHandlerResult => {
        const now = Date.now();
        restarts.push(now);
        while (restarts.length > 0 && now - restarts[0] > RESTART_WINDOW_MS) {
          restarts.shift();
        }
        if (restarts.length <= MAX_RESTARTS) {
          const message = `The copydesk server stopped unexpectedly; restarting it (${restarts.length} of ${MAX_RESTARTS}).`;
          output.appendLine(message);
          setStatus('starting', 'copydesk: restarting', message);
          void vscode.window.showWarningMessage(`copydesk: ${message}`, 'Show output').then((choice) => choice && output.show(true));
          return { action: CloseAction.Restart, handled: true };
        }
        const message = `The copydesk server stopped ${restarts.length} times in three minutes and was not restarted. See the output, then run "copydesk: Restart server".`;
        output.appendLine(message);
        setStatus('error', 'copydesk: stopped', message);
        void vscode.window.showErrorMessage(`copydesk: ${message}`, 'Show output', 'Restart server').then((choice) => {
          if (choice === 'Show output') {
            output.show(true);
          } else if (choice === 'Restart server') {
            void restart(context);
          }
        });
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    },
  };

  client = new LanguageClient('copydesk', 'copydesk', serverOptions, clientOptions);
  client.onDidChangeState((event) => {
    if (event.newState === State.Running) {
      setStatus('running', 'copydesk', `copydesk ${client?.initializeResult?.serverInfo?.version ?? ''} is running (${serverPath}).`);
    } else if (event.newState === State.Starting) {
      setStatus('starting', 'copydesk: starting', 'The copydesk server is starting.');
    } else if (event.newState === State.Stopped && status.text.indexOf('restarting') < 0) {
      setStatus('error', 'copydesk: stopped', 'The copydesk server is not running. Run "copydesk: Restart server".');
    }
  });
  setStatus('starting', 'copydesk: starting', 'The copydesk server is starting.');
  try {
    await client.start();
  } catch (error) {
    const message = `The copydesk server at ${found.path} could not start: ${String(error)}`;
    output.appendLine(message);
    setStatus('error', 'copydesk: stopped', message);
    void vscode.window.showErrorMessage(`copydesk: ${message}`, 'Show output').then((choice) => choice && output.show(true));
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  output.appendLine('Restarting the copydesk server.');
  if (client) {
    try {
      await client.stop();
    } catch (error) {
      output.appendLine(`Stopping the old server failed: ${String(error)}`);
    }
    client = undefined;
  }
  await start(context);
}

type ServerState = 'starting' | 'running' | 'error';
let serverState: ServerState = 'starting';

function setStatus(state: ServerState, text: string, tooltip: string): void {
  serverState = state;
  const icon = state === 'running' ? '$(check)' : state === 'starting' ? '$(sync~spin)' : '$(error)';
  status.text = `${icon} ${text}`;
  status.tooltip = tooltip;
  status.backgroundColor = state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  updateStatus();
  status.show();
}

/** When running, the status item also counts copydesk's findings in the active editor. */
function updateStatus(): void {
  if (serverState !== 'running' || !status) {
    return;
  }
  const document = vscode.window.activeTextEditor?.document;
  const findings = document
    ? vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => diagnostic.source === 'copydesk').length
    : 0;
  status.text = document ? `$(check) copydesk: ${findings} ${findings === 1 ? 'finding' : 'findings'}` : '$(check) copydesk';
}

/** "copydesk: Normalize all dates" runs the server's `source.copydesk.normalizeDates` action. */
async function normalizeDates(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('copydesk: open an article to normalize its dates.');
    return;
  }
  const document = editor.document;
  const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  // The server offers document-wide actions without their edit and fills
  // it in on `codeAction/resolve`: ask VS Code to resolve the ones found.
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      whole,
      NORMALIZE_DATES_KIND.value,
      RESOLVE_COUNT,
    )) ?? [];
  const action = actions.find((candidate) => candidate.kind && NORMALIZE_DATES_KIND.contains(candidate.kind));
  if (!action) {
    void vscode.window.showInformationMessage('copydesk: every date already follows the house style.');
    return;
  }
  if (action.edit) {
    await vscode.workspace.applyEdit(action.edit);
  }
  if (action.command) {
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }
}
