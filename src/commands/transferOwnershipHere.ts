import * as vscode from 'vscode';
import { targetOfRow } from '../changes/targets';
import type { Services } from '../services';
import { runInteractively } from './roleChangeRun';

/** chatRoles.transferOwnershipHere: the context menu's Transfer Ownership to This Account (always confirmed). */
export function registerTransferOwnershipHere(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.transferOwnershipHere', async (row?: unknown) => {
      const target = targetOfRow(row);
      if (target) await runInteractively(services, () => services.roleChanges.transferOwner({ ...target, confirm: true }));
    }),
  );
}
