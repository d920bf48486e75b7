import * as vscode from 'vscode';
import type { Log } from '../log';

/** Shows a failure of a user-started action: the message (already free of secrets) and a log line. */
export function reportFailure(log: Log, what: string, err: unknown): void {
  const message = log.redact(err instanceof Error ? err.message : String(err));
  log.error(what, err);
  void vscode.window.showErrorMessage(`Chat Roles: ${message}`);
}
