import * as vscode from 'vscode';
import type { Services } from '../services';
import { plainText } from '../ui/foreignText';
import { AccountNode } from '../views/nodes';
import { targetRows } from './targetNodes';

/** chatRoles.copyAccount: the selected account rows' accounts (UserIDs), one a line. */
export function registerCopyAccount(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.copyAccount', async (arg?: unknown, selected?: unknown) => {
      const accounts = [...new Set(targetRows(services, arg, selected, AccountNode).map((n) => n.account))];
      if (!accounts.length) return;
      await vscode.env.clipboard.writeText(accounts.join('\n'));
      vscode.window.setStatusBarMessage(
        accounts.length === 1 ? vscode.l10n.t('Chat Roles: copied {0}', plainText(accounts[0])) : vscode.l10n.t('Chat Roles: copied {0} accounts', accounts.length),
        3000,
      );
    }),
  );
}
