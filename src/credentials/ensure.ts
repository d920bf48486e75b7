import * as vscode from 'vscode';
import type { Log } from '../log';
import type { CredentialStore } from './store';

/** Shows a failure of a user-started action: the message (already free of secrets) and a log line. */
export function reportFailure(log: Log, what: string, err: unknown): void {
  const message = log.redact(err instanceof Error ? err.message : String(err));
  log.error(what, err);
  void vscode.window.showErrorMessage(`Chat Roles: ${message}`);
}

/**
 * True when credentials are stored; otherwise offers to set them (and waits for that). Secret-storage
 * failures are shown with their remedy.
 */
export async function ensureCredentials(store: CredentialStore, log: Log): Promise<boolean> {
  try {
    if (await store.get()) return true;
  } catch (err) {
    reportFailure(log, 'Reading credentials failed', err);
    return false;
  }
  const choice = await vscode.window.showWarningMessage('Chat Roles needs the credentials of your Chat app before it can check roles.', 'Set Credentials…');
  if (!choice) return false;
  await vscode.commands.executeCommand('chatRoles.setCredentials');
  try {
    return (await store.get()) !== undefined;
  } catch {
    return false;
  }
}
