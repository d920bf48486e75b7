import * as vscode from 'vscode';
import type { Role } from '../chat/types';
import { roleWord } from '../ui/roleWords';
import { formatLocalTime, formatRelative } from '../ui/time';
import type { GroupNode } from './nodes';

/**
 * The last good role of an account whose newest check failed on credentials: shown dimmed (grey icon, the
 * time in the description) under the group's error, so a refused re-check does not hide what was known.
 */
export class KeptAccountNode extends vscode.TreeItem {
  readonly kind = 'kept';

  constructor(
    readonly parent: GroupNode,
    readonly account: string,
    readonly role: Role,
    readonly answeredAt: number,
  ) {
    super(account, vscode.TreeItemCollapsibleState.None);
    this.id = `${parent.id}/kept:${account}`;
    this.description = vscode.l10n.t('last good: {0}, checked {1}', roleWord(role), formatLocalTime(answeredAt));
    this.iconPath = new vscode.ThemeIcon('history', new vscode.ThemeColor('disabledForeground'));
    this.tooltip = vscode.l10n.t(
      '{0} was {1} of {2} when last checked successfully ({3}); the newest check failed on credentials.',
      account,
      roleWord(role),
      parent.record.groupId,
      formatLocalTime(answeredAt),
    );
    this.accessibilityInformation = {
      label: vscode.l10n.t(
        '{0}: last good result {1} of group {2}, checked {3}; the newest check failed on credentials',
        account,
        roleWord(role),
        parent.record.groupId,
        formatRelative(answeredAt),
      ),
    };
    this.contextValue = 'chatRoles.kept';
  }
}
