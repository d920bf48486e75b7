import * as vscode from 'vscode';

/**
 * "… N more (check again to list them)": the roles a reloaded big check counts but no longer lists
 * (workspace state keeps the first ones only). Clicking it checks the group again.
 */
export class MoreNode<Parent extends vscode.TreeItem & { readonly record: { groupId: string; app: string } }> extends vscode.TreeItem {
  readonly kind = 'more';

  constructor(
    readonly parent: Parent,
    readonly hidden: number,
  ) {
    super(vscode.l10n.t('… {0} more (check again to list them)', String(hidden)), vscode.TreeItemCollapsibleState.None);
    this.id = `${parent.id}/more`;
    this.iconPath = new vscode.ThemeIcon('ellipsis');
    this.tooltip = vscode.l10n.t('{0} more accounts were checked; only the first ones are kept across a window reload. Check the group again to list every account.', String(hidden));
    this.accessibilityInformation = { label: vscode.l10n.t('{0} more accounts not listed; activate to check the group again and list them', String(hidden)) };
    this.contextValue = 'chatRoles.more';
    this.command = { command: 'chatRoles.checkAgain', title: vscode.l10n.t('Check Again'), arguments: [{ groupId: parent.record.groupId, app: parent.record.app }] };
  }
}
