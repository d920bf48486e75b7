import * as vscode from 'vscode';
import type { Log } from '../log';
import { reportFailure } from '../ui/reportFailure';
import type { Credentials } from '../chat/types';

/**
 * True when credentials are stored; otherwise offers to set them (and waits for that). Secret-storage
 * failures are shown with their remedy.
 */
export async function ensureCredentials(store: { get(): Promise<Credentials | undefined> }, log: Log): Promise<boolean> {
  try {
    if (await store.get()) return true;
  } catch (err) {
    reportFailure(log, vscode.l10n.t('Reading credentials failed'), err);
    return false;
  }
  const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Chat Roles needs the credentials of your Chat app before it can check roles.'), vscode.l10n.t('Set Credentials…'));
  if (!choice) return false;
  await vscode.commands.executeCommand('chatRoles.setCredentials');
  try {
    return (await store.get()) !== undefined;
  } catch {
    return false;
  }
}
