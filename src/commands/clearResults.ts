import * as vscode from 'vscode';
import type { Services } from '../services';

/** chatRoles.clearResults: empties the roles tree and removes every Chat Roles diagnostic. */
export function registerClearResults(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.clearResults', async () => {
      services.diagnostics.clearAll();
      await services.results.clear();
      await services.listings.clear();
    }),
  );
}
