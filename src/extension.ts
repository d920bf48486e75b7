import * as vscode from 'vscode';
import type { ChatRolesApi } from './api';
import { RoleChecker } from './checks/checker';
import { ChatConnection } from './checks/connection';
import { RecentAccounts } from './checks/recentAccounts';
import { registerCommands } from './commands';
import { CredentialStatusBar } from './credentials/statusBar';
import { CredentialStore } from './credentials/store';
import { RoleCodeActions } from './editor/codeActions';
import { RoleDiagnostics } from './editor/diagnostics';
import { RoleHover } from './editor/hover';
import { Log } from './log';
import { isRuntimeLoaded } from './runtime';
import type { Services } from './services';
import { Prompts } from './ui/prompts';
import { ResultsStore } from './views/results';
import { RolesTreeProvider } from './views/rolesTree';

let connection: ChatConnection | undefined;

// Activation registers everything synchronously and does no network I/O; the Chat client
// (undici and all) is loaded from dist/chat-runtime.js on the first query.
export function activate(context: vscode.ExtensionContext): ChatRolesApi {
  const log = new Log();
  const prompts = new Prompts();
  const credentials = new CredentialStore(context.secrets, log);
  const statusBar = new CredentialStatusBar(credentials);
  connection = new ChatConnection(log);
  const results = new ResultsStore(context.workspaceState);
  const recents = new RecentAccounts(context.workspaceState, context.globalState);
  const diagnostics = new RoleDiagnostics();
  const checker = new RoleChecker(connection, credentials, results, diagnostics, recents, log);
  const tree = new RolesTreeProvider(results);
  const treeView = vscode.window.createTreeView('chatRoles.roles', { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  context.subscriptions.push(log, prompts, credentials, statusBar, connection, results, diagnostics, checker, tree, treeView);

  const services: Services = { log, prompts, credentials, statusBar, connection, results, recents, diagnostics, checker, tree, treeView };
  registerCommands(context, services);
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider('*', new RoleCodeActions(), RoleCodeActions.metadata),
    vscode.languages.registerHoverProvider('*', new RoleHover(results)),
  );

  void vscode.commands.executeCommand('setContext', 'chatRoles.hasResults', results.all().length > 0);
  // Load the stored credentials in the background: the context key, status bar and log redaction follow.
  credentials.get().then(
    () => statusBar.update(),
    (err) => {
      log.error('Reading credentials at startup failed', err);
      void vscode.commands.executeCommand('setContext', 'chatRoles.hasCredentials', false);
    },
  );

  return {
    services,
    restoredTree: () => new RolesTreeProvider(new ResultsStore(context.workspaceState)),
    logDirectory: context.logUri,
    runtimeLoaded: isRuntimeLoaded,
    state: { workspace: context.workspaceState, global: context.globalState },
  };
}

/** Closes the Chat client (every connection) before the extension host goes away. */
export async function deactivate(): Promise<void> {
  const c = connection;
  connection = undefined;
  await c?.close();
}
