import * as vscode from 'vscode';
import { targetOfRow } from '../changes/targets';
import { plainText } from '../ui/foreignText';

/** chatRoles.joinGroupFirst: the only entry on a NotMember's row; says why no role change is offered. */
export function registerJoinGroupFirst(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.joinGroupFirst', (row?: unknown) => {
      const target = targetOfRow(row);
      if (!target) return;
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Chat Roles: {0} is not a member of {1}. Only members can be made admin or owner: the account must join the group first (or be added by an admin).',
          plainText(target.account),
          plainText(target.groupId),
        ),
      );
    }),
  );
}
