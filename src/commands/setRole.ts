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
      const title = vscode.l10n.t('Chat Roles: Set Role in Group');
      const target = await askTarget(services.prompts, title, vscode.l10n.t('The account whose role changes.'));
      if (!target) return undefined;
      // The labels are what people read; the role each item stands for is kept beside it.
      const picked = await services.prompts.pick({
        title,
        placeholder: vscode.l10n.t('The new role of {0}', target.account),
        items: [
          { label: vscode.l10n.t('Admin'), description: vscode.l10n.t('Make an admin of the group'), role: 'Admin' as const },
          { label: vscode.l10n.t('Member'), description: vscode.l10n.t('Make a plain member (no longer an admin)'), role: 'Member' as const },
        ],
      });
      if (!picked) return undefined;
      const role = picked.role;
      return runInteractively(services, () => services.roleChanges.setRole({ ...target, role, confirm: true }));
    }),
  );
}
