// The interactive Add or Edit App flow shared by Set Credentials…, Add App… and Manage Apps…: the guided
// input, storing, then the offers that follow (test the connection; check again what failed on credentials).
import * as vscode from 'vscode';
import { promptForApp, type AppBeingEdited } from '../apps/appPrompt';
import { DEFAULT_APP } from '../apps/profile';
import { failedOnCredentials, recheckRequests } from '../checks/credentialFailures';
import { testConnection } from '../checks/connectionTest';
import type { Services } from '../services';
import { plainText } from '../ui/foreignText';
import { reportFailure } from '../ui/reportFailure';

export type AppEditMode = { kind: 'add' } | { kind: 'edit'; label: string } | { kind: 'active' };

/** Runs the guided input for a new app, a named app or the active one (`default` when there is none). */
export async function editAppInteractively(services: Services, mode: AppEditMode): Promise<void> {
  const { apps } = services;
  const label = mode.kind === 'edit' ? mode.label : mode.kind === 'active' ? (apps.active() ?? (apps.list().length ? undefined : DEFAULT_APP)) : undefined;
  const profile = label === undefined ? undefined : apps.get(label);
  let editing: AppBeingEdited | undefined;
  if (profile) {
    editing = { profile };
    try {
      editing.credentials = (await apps.resolve(profile.label)).credentials;
    } catch {
      // storage unreadable or no secret: still let the user store new ones
    }
  }
  const title =
    mode.kind === 'add'
      ? vscode.l10n.t('Chat Roles: Add App')
      : profile
        ? vscode.l10n.t('Chat Roles: Set Credentials (app {0})', plainText(profile.label))
        : vscode.l10n.t('Chat Roles: Set Credentials');
  const entered = await promptForApp(services.prompts, { title, existing: apps.list().map((p) => p.label), editing, label: mode.kind === 'add' ? undefined : label });
  if (!entered) return;
  try {
    await apps.put(entered.profile, entered.credentials);
  } catch (err) {
    reportFailure(services.log, vscode.l10n.t('Storing credentials failed'), err);
    return;
  }
  // Not awaited: the command is done once stored; the offer stays until the user answers or it times out.
  void offerFollowUps(services, entered.profile.label);
}

/** "Stored", with Test Connection, and Check Again when groups of this app failed on its old credentials. */
async function offerFollowUps(services: Services, label: string): Promise<void> {
  const app = services.apps.get(label);
  if (!app) return;
  const failed = failedOnCredentials(services.results, label);
  const checkAgain = vscode.l10n.t('Check Again');
  const testConnection = vscode.l10n.t('Test Connection');
  const actions = failed.length ? [checkAgain, testConnection] : [testConnection];
  const text = failed.length
    ? vscode.l10n.t('Chat Roles: credentials stored for app {0} (SDKAppID {1}). {2} group(s) failed on the old credentials: check them again?', plainText(label), app.sdkAppId, failed.length)
    : vscode.l10n.t('Chat Roles: credentials stored for app {0} (SDKAppID {1}).', plainText(label), app.sdkAppId);
  const choice = await vscode.window.showInformationMessage(text, ...actions);
  if (choice === checkAgain) {
    try {
      await services.checker.checkAll(recheckRequests(failed, label));
    } catch (err) {
      reportFailure(services.log, vscode.l10n.t('Checking again failed'), err);
    }
  } else if (choice === testConnection) {
    await runConnectionTest(services, label);
  }
}

/** Tests the app's connection under a progress notification and says what the answer proved. */
export async function runConnectionTest(services: Services, label: string): Promise<void> {
  try {
    const target = await services.apps.resolve(label);
    const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Testing the connection of app {0}', plainText(label)), cancellable: true }, (_p, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return testConnection(services.connection, target, abort.signal);
    });
    const message = vscode.l10n.t('Chat Roles: {0}', plainText(services.log.redact(outcome.message)));
    services.log.info(vscode.l10n.t('Connection test of app "{0}": {1}', label, outcome.message));
    if (outcome.ok) void vscode.window.showInformationMessage(message);
    else void vscode.window.showErrorMessage(message);
  } catch (err) {
    reportFailure(services.log, vscode.l10n.t('Testing the connection failed'), err);
  }
}
