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
  const title = mode.kind === 'add' ? 'Chat Roles: Add App' : profile ? `Chat Roles: Set Credentials (app ${plainText(profile.label)})` : 'Chat Roles: Set Credentials';
  const entered = await promptForApp(services.prompts, { title, existing: apps.list().map((p) => p.label), editing, label: mode.kind === 'add' ? undefined : label });
  if (!entered) return;
  try {
    await apps.put(entered.profile, entered.credentials);
  } catch (err) {
    reportFailure(services.log, 'Storing credentials failed', err);
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
  const actions = failed.length ? ['Check Again', 'Test Connection'] : ['Test Connection'];
  const text = failed.length
    ? `Chat Roles: credentials stored for app ${plainText(label)} (SDKAppID ${app.sdkAppId}). ${failed.length} group(s) failed on the old credentials: check them again?`
    : `Chat Roles: credentials stored for app ${plainText(label)} (SDKAppID ${app.sdkAppId}).`;
  const choice = await vscode.window.showInformationMessage(text, ...actions);
  if (choice === 'Check Again') {
    try {
      await services.checker.checkAll(recheckRequests(failed, label));
    } catch (err) {
      reportFailure(services.log, 'Checking again failed', err);
    }
  } else if (choice === 'Test Connection') {
    await runConnectionTest(services, label);
  }
}

/** Tests the app's connection under a progress notification and says what the answer proved. */
export async function runConnectionTest(services: Services, label: string): Promise<void> {
  try {
    const target = await services.apps.resolve(label);
    const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Testing the connection of app ${plainText(label)}`, cancellable: true }, (_p, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return testConnection(services.connection, target, abort.signal);
    });
    const message = `Chat Roles: ${plainText(services.log.redact(outcome.message))}`;
    services.log.info(`Connection test of app "${label}": ${outcome.message}`);
    if (outcome.ok) void vscode.window.showInformationMessage(message);
    else void vscode.window.showErrorMessage(message);
  } catch (err) {
    reportFailure(services.log, 'Testing the connection failed', err);
  }
}
