import * as vscode from 'vscode';
import { RoleChangeRefused } from '../changes/service';
import type { Services } from '../services';
import { reportFailure } from '../ui/reportFailure';

/** Runs a change started by the user: a refusal (unknown or read-only app) is shown, not thrown. */
export async function runInteractively<T>(services: Services, change: () => Promise<T>): Promise<T | undefined> {
  try {
    return await change();
  } catch (err) {
    if (err instanceof RoleChangeRefused) {
      void vscode.window.showErrorMessage(err.message);
      return undefined;
    }
    reportFailure(services.log, vscode.l10n.t('The role change failed'), err);
    return undefined;
  }
}
