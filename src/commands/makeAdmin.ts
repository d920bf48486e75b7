import * as vscode from 'vscode';
import { targetOfRow } from '../changes/targets';
import type { Services } from '../services';
import { runInteractively } from './roleChangeRun';

/** chatRoles.makeAdmin: the context menu's Make Admin on a member's row (always confirmed). */
export function registerMakeAdmin(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.makeAdmin', async (row?: unknown) => {
      const target = targetOfRow(row);
      if (target) await runInteractively(services, () => services.roleChanges.setRole({ ...target, role: 'Admin', confirm: true }));
    }),
  );
}
