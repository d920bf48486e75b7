import * as vscode from 'vscode';
import { describeError } from '../chat/errors';
import type { Role } from '../chat/types';
import { errorAccountCount, unlisted, type GroupRecord } from '../results/record';
import { summarizeRecord } from '../results/summary';
import { markdownText } from '../ui/foreignText';
import { formatLocalTime, formatRelative } from '../ui/time';
import type { AppNode } from './appNode';
import { MoreNode } from './moreNode';

const ROLE_ICONS: Readonly<Record<Role, [icon: string, color: string]>> = {
  Owner: ['star-full', 'charts.yellow'],
  Admin: ['shield', 'charts.blue'],
  Member: ['person', 'charts.green'],
  NotMember: ['circle-slash', 'disabledForeground'],
};

/** What a role's icon and colour show, in words for a screen reader: "alice is an admin of group …". */
const ROLE_PHRASES: Readonly<Record<Role, string>> = {
  Owner: 'is the owner',
  Admin: 'is an admin',
  Member: 'is a member',
  NotMember: 'is not a member',
};

/** A checked group: its ID, a summary, and its accounts and errors as children. */
export class GroupNode extends vscode.TreeItem {
  readonly kind = 'group';

  /** `parent`: its app's node, when the tree shows apps at the top. */
  constructor(
    readonly record: GroupRecord,
    readonly parent?: vscode.TreeItem,
  ) {
    super(record.groupId, vscode.TreeItemCollapsibleState.Expanded);
    // One record per app and group: the same group of two apps is two nodes.
    this.id = `group:${JSON.stringify([record.app, record.groupId])}`;
    this.description = summarizeRecord(record);
    this.iconPath = new vscode.ThemeIcon(record.errors.length ? 'warning' : 'organization', record.errors.length ? new vscode.ThemeColor('list.warningForeground') : undefined);
    this.contextValue = record.source ? 'chatRoles.group.withSource' : 'chatRoles.group';
    this.accessibilityInformation = {
      label: `Group ${record.groupId}: ${this.description.replace(/ · /g, ', ')}; checked ${formatRelative(record.checkedAt)}`,
    };
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`**${markdownText(record.groupId)}**\n\n`);
    tip.appendMarkdown(`${markdownText(this.description)}\n\n`);
    tip.appendMarkdown(`App ${markdownText(record.app)} (SDKAppID ${markdownText(String(record.sdkAppId))}) as ${markdownText(record.identifier)}, checked ${formatLocalTime(record.checkedAt)}`);
    if (record.source) tip.appendMarkdown(`\n\nFound in ${markdownText(vscode.Uri.parse(record.source.uri).path.split('/').pop() ?? '')}, line ${record.source.range[0] + 1}`);
    this.tooltip = tip;
  }

  children(): (AccountNode | ErrorNode | MoreNode<GroupNode>)[] {
    const hidden = unlisted(this.record).roles;
    return [
      ...this.record.errors.map((_, i) => new ErrorNode(this, i)),
      ...this.record.roles.map((r) => new AccountNode(this, r.account, r.role)),
      ...(hidden > 0 ? [new MoreNode(this, hidden)] : []),
    ];
  }
}

/** One account and its role, with an icon and colour per role. */
export class AccountNode extends vscode.TreeItem {
  readonly kind = 'account';

  constructor(readonly parent: GroupNode, readonly account: string, readonly role: Role) {
    super(account, vscode.TreeItemCollapsibleState.None);
    this.id = `${parent.id}/account:${account}`;
    this.description = role === 'NotMember' ? 'not a member' : role;
    const [icon, color] = ROLE_ICONS[role];
    this.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    this.tooltip = `${account}: ${role} of ${parent.record.groupId}`;
    this.accessibilityInformation = {
      label: `${account} ${ROLE_PHRASES[role]} of group ${parent.record.groupId}, checked ${formatRelative(parent.record.checkedAt)}`,
    };
    this.contextValue = 'chatRoles.account';
  }
}

/** An error of the check: code and meaning; the advice in the tooltip; click opens the docs. */
export class ErrorNode extends vscode.TreeItem {
  readonly kind = 'error';

  constructor(readonly parent: GroupNode, readonly index: number) {
    const error = parent.record.errors[index];
    const d = describeError(error.code);
    super(`${String(error.code)} ${d.title}`, vscode.TreeItemCollapsibleState.None);
    this.id = `${parent.id}/error:${index}`;
    this.description = errorAccountCount(error) === 1 ? error.accounts[0] : `${errorAccountCount(error)} accounts`;
    this.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    const who = errorAccountCount(error) === 1 ? `account ${error.accounts[0]}` : `${errorAccountCount(error)} accounts`;
    this.accessibilityInformation = {
      label: `Error ${String(error.code)}, ${d.title}, for ${who} in group ${parent.record.groupId}. Opens the documentation.`,
      role: 'link',
    };
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`${markdownText(error.message)}\n\n`);
    if (!error.message.includes(d.advice)) tip.appendMarkdown(`${markdownText(d.advice)}\n\n`);
    tip.appendMarkdown(`Accounts: ${error.accounts.map(markdownText).join(', ')}\n\n[Documentation](${d.docsUrl})`);
    this.tooltip = tip;
    this.contextValue = 'chatRoles.error';
    this.command = { command: 'chatRoles.openErrorDocs', title: 'Open Documentation', arguments: [this] };
  }

  get code() {
    return this.parent.record.errors[this.index].code;
  }
}

export type RolesNode = AppNode | GroupNode | AccountNode | ErrorNode | MoreNode<GroupNode>;
