import * as vscode from 'vscode';
import { setRoleArguments } from '../changes/arguments';
import { askTarget } from '../changes/targets';
import type { SetRoleResult } from '../changes/service';
import type { Services } from '../services';
import { runInteractively } from './roleChangeRun';

/**
 * chatRoles.setRole. `{ groupId, account, role: 'Admin' | 'Member', app?, confirm? }` resolves to the
 * SetRoleResult contract and rejects only for bad arguments, an unknown app or a read-only app. Without an
 * argument (the palette) it asks for the group, the account and the role.
 */
export function registerSetRole(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.setRole', async (arg?: unknown): Promise<SetRoleResult | undefined> => {
      if (arg !== undefined) return services.roleChanges.setRole(setRoleArguments(arg));
      const title = 'Chat Roles: Set Role in Group';
      const target = await askTarget(services.prompts, title, 'The account whose role changes.');
      if (!target) return undefined;
      const picked = await services.prompts.pick({
        title,
        placeholder: `The new role of ${target.account}`,
        items: [
          { label: 'Admin', description: 'Make an admin of the group' },
          { label: 'Member', description: 'Make a plain member (no longer an admin)' },
        ],
      });
      if (!picked) return undefined;
      const role = picked.label === 'Admin' ? 'Admin' : 'Member';
      return runInteractively(services, () => services.roleChanges.setRole({ ...target, role, confirm: true }));
    }),
  );
}
