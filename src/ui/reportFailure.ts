import * as vscode from 'vscode';
import type { Log } from '../log';
import { plainText } from './foreignText';

/**
 * Shows a failure of a user-started action: the message (free of secrets, and inert: it may quote a group
 * ID, an account or a server's text) and a log line.
 */
export function reportFailure(log: Log, what: string, err: unknown): void {
  const message = log.redact(err instanceof Error ? err.message : String(err));
  log.error(what, err);
  void vscode.window.showErrorMessage(vscode.l10n.t('Chat Roles: {0}', plainText(message)));
}
