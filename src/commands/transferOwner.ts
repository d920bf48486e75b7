import * as vscode from 'vscode';
import { transferArguments } from '../changes/arguments';
import { askTarget } from '../changes/targets';
import type { TransferOwnerResult } from '../changes/service';
import type { Services } from '../services';
import { runInteractively } from './roleChangeRun';

/**
 * chatRoles.transferOwner. `{ groupId, account, app?, confirm? }` resolves to the TransferOwnerResult
 * contract and rejects only for bad arguments, an unknown app or a read-only app. Without an argument (the
 * palette) it asks for the group and the new owner.
 */
export function registerTransferOwner(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.transferOwner', async (arg?: unknown): Promise<TransferOwnerResult | undefined> => {
      if (arg !== undefined) return services.roleChanges.transferOwner(transferArguments(arg));
      const target = await askTarget(
        services.prompts,
        vscode.l10n.t('Chat Roles: Transfer Group Ownership'),
        vscode.l10n.t('The account that becomes the owner (it must already be a member).'),
      );
      if (!target) return undefined;
      return runInteractively(services, () => services.roleChanges.transferOwner({ ...target, confirm: true }));
    }),
  );
}
