import * as vscode from 'vscode';
import { createTestApi, PromptWatch, SwappableSecretStorage, type ChatRolesApi } from './api';
import { AppRegistryGate } from './changes/gate';
import { RecentChanges } from './changes/recentChanges';
import { RoleChangeService } from './changes/service';
import { RoleChecker } from './checks/checker';
import { ChatConnection } from './checks/connection';
import { ListingService, OWNER_AND_ADMINS } from './checks/listings';
import { RecentAccounts } from './checks/recentAccounts';
import { RegionDoctor } from './checks/regionDoctor';
import { registerCommands } from './commands';
import { ActiveCredentials } from './apps/activeCredentials';
import { AppRegistry } from './apps/registry';
import { createCredentialStatusBarItem, CredentialStatusBar } from './apps/statusBar';
import { RoleCodeActions } from './editor/codeActions';
import { RoleDiagnostics } from './editor/diagnostics';
import { RoleHover } from './editor/hover';
import { Log } from './log';
import { useTranslations } from './chat/l10n';
import { isRuntimeLoaded } from './runtime';
import type { Services } from './services';
import { Prompts } from './ui/prompts';
import { ResultsStore } from './results/store';
import { ListingsStore } from './results/listings';
import { describeActiveApp, RolesTreeProvider } from './views/rolesTree';

let connection: ChatConnection | undefined;

// Activation registers everything synchronously and does no network I/O; the Chat client
// (undici and all) is loaded from dist/chat-runtime.js on the first query. It returns the test API in
// ExtensionMode.Test only (see api.ts): in production any extension could read it.
export function activate(context: vscode.ExtensionContext): ChatRolesApi | undefined {
  const testing = context.extensionMode === vscode.ExtensionMode.Test;
  useTranslations(vscode.l10n.bundle);
  const log = new Log();
  // Which display language VS Code gave us (and so which bundle): one line a user (and the zh-cn UI test) can read.
  log.info(vscode.l10n.t('Chat Roles started; display language: {0}.', vscode.env.language));
  // The test seams exist only when testing: a switchable SecretStorage and a watch on the prompts.
  const secrets = testing ? new SwappableSecretStorage(context.secrets) : undefined;
  const promptWatch = testing ? new PromptWatch() : undefined;
  const prompts = new Prompts(promptWatch);
  const apps = new AppRegistry(context.globalState, secrets ?? context.secrets, log);
  const credentials = new ActiveCredentials(apps);
  const statusBarItem = createCredentialStatusBarItem();
  const statusBar = new CredentialStatusBar(apps, statusBarItem);
  connection = new ChatConnection(log);
  const results = new ResultsStore(context.workspaceState, log);
  const recents = new RecentAccounts(context.workspaceState, context.globalState);
  const diagnostics = new RoleDiagnostics(results);
  const checker = new RoleChecker(connection, apps, results, diagnostics, recents, log);
  const regionDoctor = new RegionDoctor(connection, apps, log);
  const listings = new ListingsStore(context.workspaceState, log);
  const listingService = new ListingService(connection, apps, listings, diagnostics, log);
  const recentChanges = new RecentChanges();
  const tree = new RolesTreeProvider(results, { apps, listings, extras: recentChanges });
  tree.loadOwnerAdmins = (groupId) => listingService.listMembers({ groupId, roles: OWNER_AND_ADMINS, progress: 'view' }).then(() => undefined);
  const treeView = vscode.window.createTreeView('chatRoles.roles', { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  context.subscriptions.push(log, prompts, apps, credentials, statusBar, connection, results, diagnostics, checker, tree, treeView, describeActiveApp(treeView, apps));
  const roleChanges = new RoleChangeService(new AppRegistryGate(apps), connection, results, recentChanges, log);
  context.subscriptions.push(listings, listingService, recentChanges);

  const services: Services = { log, prompts, credentials, apps, statusBar, connection, results, recents, diagnostics, checker, regionDoctor, tree, treeView, roleChanges, recentChanges, listings, listingService };
  registerCommands(context, services);
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider('*', new RoleCodeActions(), RoleCodeActions.metadata),
    vscode.languages.registerHoverProvider('*', new RoleHover(results)),
  );

  void vscode.commands.executeCommand('setContext', 'chatRoles.hasResults', results.all().length > 0);
  // Read SecretStorage once, in the background: the welcome view (chatRoles.hasCredentials), the status
  // bar and log redaction need to know the credentials. Kept on purpose: activation happens only when the
  // Chat Roles view opens or one of its commands runs, which then needs the credentials anyway; a failing
  // keyring is logged here and reported with its remedy when a command needs them.
  apps.load().then(
    () => statusBar.update(),
    (err) => {
      log.error(vscode.l10n.t('Reading credentials at startup failed'), err);
      void vscode.commands.executeCommand('setContext', 'chatRoles.hasCredentials', false);
    },
  );

  if (!secrets || !promptWatch) return undefined;
  context.subscriptions.push(secrets, promptWatch);
  return createTestApi(context, services, { secrets, prompts: promptWatch, statusBarItem, runtimeLoaded: isRuntimeLoaded });
}

/** Closes the Chat client (every connection) before the extension host goes away. */
export async function deactivate(): Promise<void> {
  const c = connection;
  connection = undefined;
  await c?.close();
}
