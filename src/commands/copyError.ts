import * as vscode from 'vscode';
import { describeError } from '../chat/errors';
import type { Services } from '../services';
import { ErrorNode } from '../views/nodes';
import { targetRows } from './targetNodes';

/** "@TGS#… 10010 Group not found: <message> (accounts: alice, bob)": an error row as text for a bug report. */
function errorText(node: ErrorNode): string {
  const error = node.parent.record.errors[node.index];
  const accounts =
    error.count !== undefined && error.count > error.accounts.length
      ? vscode.l10n.t('{0} and {1} more', error.accounts.join(', '), error.count - error.accounts.length)
      : error.accounts.join(', ');
  return vscode.l10n.t('{0} {1} {2}: {3} (accounts: {4})', node.parent.record.groupId, String(error.code), describeError(error.code).title, error.message, accounts);
}

/** chatRoles.copyError: the selected error rows as text, one a line. */
export function registerCopyError(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.copyError', async (arg?: unknown, selected?: unknown) => {
      const rows = targetRows(services, arg, selected, ErrorNode);
      if (!rows.length) return;
      await vscode.env.clipboard.writeText(rows.map(errorText).join('\n'));
      vscode.window.setStatusBarMessage(rows.length === 1 ? vscode.l10n.t('Chat Roles: copied the error') : vscode.l10n.t('Chat Roles: copied {0} errors', rows.length), 3000);
    }),
  );
}
