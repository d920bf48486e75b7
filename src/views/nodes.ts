import * as vscode from 'vscode';
import { describeError } from '../chat/errors';
import { listOf } from '../chat/l10n';
import type { Role } from '../chat/types';
import { errorAccountCount, unlisted, wasCancelled, type GroupRecord } from '../results/record';
import { shortSummary, summarizeRecord } from '../results/summary';
import { docsLink } from '../ui/docsLink';
import { describeFacts } from '../results/groupFacts';
import { markdownText } from '../ui/foreignText';
import { roleSentence, roleWord, sortByRole } from '../ui/roleWords';
import { errorSeverity, severityIcon, severityWord, worstSeverity } from '../ui/severity';
import { formatLocalTime, formatRelative } from '../ui/time';
import { FOLD_ABOVE, FoldNode } from './foldNode';
import { accountContextValue } from './accountContext';
import type { ListingNode } from './listingNodes';
import { KeptAccountNode } from './keptNode';
import type { AppNode } from './appNode';
import { MoreNode } from './moreNode';
import { roleIcon } from './roleIcon';
import type { ChangeNode, RecentChangesNode } from './recentChangesNode';

type Row = AccountNode | ErrorNode;
/** Errors or accounts not in the group, folded under their group. */
export type RowFold = FoldNode<Row, GroupNode>;

/** A checked group: its ID, a short summary, and its errors and accounts (sorted by role) as children. */
export class GroupNode extends vscode.TreeItem {
  readonly kind = 'group';

  /** `parent`: its app's node, when the tree shows apps at the top; `groupType`: the group's type when known (it decides which role changes its rows offer). */
  constructor(
    readonly record: GroupRecord,
    readonly parent?: vscode.TreeItem,
    readonly groupType?: string,
  ) {
    super(record.groupId, vscode.TreeItemCollapsibleState.Expanded);
    // One record per app and group: the same group of two apps is two nodes.
    this.id = `group:${JSON.stringify([record.app, record.groupId])}`;
    const facts = record.facts ? describeFacts(record.facts) : '';
    const cancelled = wasCancelled(record) ? `${vscode.l10n.t('Cancelled, partial')} · ` : '';
    // The roles first, so a narrow sidebar still shows them; the group's facts follow.
    const full = `${cancelled}${summarizeRecord(record)}${facts ? ` · ${facts}` : ''}`;
    this.description = `${cancelled}${shortSummary(record)}${facts ? ` · ${facts}` : ''}`;
    const worst = worstSeverity(record.errors);
    this.iconPath = worst === undefined ? new vscode.ThemeIcon('organization') : severityIcon(worst);
    this.contextValue = record.source ? 'chatRoles.group.withSource' : 'chatRoles.group';
    // A screen reader reads the parts as a list, with the language's own list separator.
    const spoken = listOf(full.split(' · '));
    this.accessibilityInformation = {
      label:
        worst === undefined
          ? vscode.l10n.t('Group {0}: {1}; checked {2}', record.groupId, spoken, formatRelative(record.checkedAt))
          : vscode.l10n.t('Group {0}: {1} (worst: {2}); checked {3}', record.groupId, spoken, severityWord(worst), formatRelative(record.checkedAt)),
    };
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`**${markdownText(record.groupId)}**\n\n`);
    tip.appendMarkdown(`${markdownText(full)}\n\n`);
    tip.appendMarkdown(
      vscode.l10n.t('App {0} (SDKAppID {1}) as {2}, checked {3}', markdownText(record.app), markdownText(String(record.sdkAppId)), markdownText(record.identifier), formatLocalTime(record.checkedAt)),
    );
    if (record.source) {
      const file = markdownText(vscode.Uri.parse(record.source.uri).path.split('/').pop() ?? '');
      tip.appendMarkdown(`\n\n${vscode.l10n.t('Found in {0}, line {1}', file, String(record.source.range[0] + 1))}`);
    }
    this.tooltip = tip;
  }

  /** Errors first (they need doing something), then Owner, Admin, Member, then accounts not in the group. */
  children(): (Row | RowFold | KeptAccountNode | MoreNode<GroupNode>)[] {
    const hidden = unlisted(this.record).roles;
    const byRole = sortByRole(this.record.roles);
    const inGroup = byRole.filter((r) => r.role !== 'NotMember');
    const outside = byRole.filter((r) => r.role === 'NotMember');
    const errors = this.record.errors.map((_, i) => i);
    const errorsIcon = () => severityIcon(worstSeverity(this.record.errors) ?? vscode.DiagnosticSeverity.Error);
    return [
      ...this.folded('errors', errors, errorsIcon, (parent, i) => new ErrorNode(parent, i)),
      ...(this.record.kept ?? []).map((r) => new KeptAccountNode(this, r.account, r.role, r.at ?? this.record.checkedAt)),
      ...inGroup.map((r) => new AccountNode(this, r.account, r.role, r.at)),
      ...this.folded('notInGroup', outside, () => roleIcon('NotMember'), (parent, r) => new AccountNode(parent, r.account, r.role, r.at)),
      ...(hidden > 0 ? [new MoreNode(this, hidden)] : []),
    ];
  }

  /** The rows inline, or one collapsed node holding them when there are more than FOLD_ABOVE. */
  private folded<T>(
    kind: 'errors' | 'notInGroup',
    items: readonly T[],
    icon: () => vscode.ThemeIcon,
    row: (parent: GroupNode | RowFold, item: T) => Row,
  ): (Row | RowFold)[] {
    if (items.length <= FOLD_ABOVE) return items.map((item) => row(this, item));
    return [new FoldNode<Row, GroupNode>(this, kind, items.length, icon(), (fold) => items.map((item) => row(fold, item)))];
  }
}

/** A node whose rows belong to a group: the group itself or one of its folds. */
type RowParent = GroupNode | RowFold;

/** One account and its role; the label carries the role word so the tree's Find can filter by it. */
export class AccountNode extends vscode.TreeItem {
  readonly kind = 'account';

  /** `answeredAt`: the account's own time, when it was answered by an earlier check than the group's newest. */
  constructor(readonly parent: RowParent, readonly account: string, readonly role: Role, answeredAt?: number) {
    super(`${account} · ${roleWord(role)}`, vscode.TreeItemCollapsibleState.None);
    const groupId = parent.record.groupId;
    this.id = `${parent.id}/account:${account}`;
    if (answeredAt !== undefined) this.description = vscode.l10n.t('checked {0}', formatLocalTime(answeredAt));
    const checkedAt = answeredAt ?? parent.record.checkedAt;
    this.iconPath = roleIcon(role);
    this.tooltip = vscode.l10n.t('{0}, checked {1}', roleSentence(account, role, groupId), formatLocalTime(checkedAt));
    this.accessibilityInformation = { label: vscode.l10n.t('{0}, checked {1}', roleSentence(account, role, groupId), formatRelative(checkedAt)) };
    this.contextValue = accountContextValue(role, (parent instanceof GroupNode ? parent : parent.parent).groupType);
  }
}

/** An error of the check: code and meaning; the advice in the tooltip; click opens the docs. */
export class ErrorNode extends vscode.TreeItem {
  readonly kind = 'error';

  constructor(readonly parent: RowParent, readonly index: number) {
    const error = parent.record.errors[index];
    const d = describeError(error.code);
    super(`${String(error.code)} ${d.title}`, vscode.TreeItemCollapsibleState.None);
    const groupId = parent.record.groupId;
    this.id = `${parent.id}/error:${index}`;
    const many = errorAccountCount(error) !== 1;
    this.description = many ? vscode.l10n.t('{0} accounts', String(errorAccountCount(error))) : error.accounts[0];
    const severity = errorSeverity(error.code);
    this.iconPath = severityIcon(severity);
    this.accessibilityInformation = {
      label: many
        ? vscode.l10n.t('{0} {1}, {2}, for {3} accounts in group {4}. Opens the documentation.', severityWord(severity), String(error.code), d.title, String(errorAccountCount(error)), groupId)
        : vscode.l10n.t('{0} {1}, {2}, for account {3} in group {4}. Opens the documentation.', severityWord(severity), String(error.code), d.title, error.accounts[0], groupId),
      role: 'link',
    };
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`${markdownText(error.message)}\n\n`);
    if (!error.message.includes(d.advice)) tip.appendMarkdown(`${markdownText(d.advice)}\n\n`);
    tip.appendMarkdown(`${vscode.l10n.t('Accounts: {0}', error.accounts.map(markdownText).join(', '))}\n\n[${vscode.l10n.t('Documentation')}](${docsLink(d.docs)})`);
    this.tooltip = tip;
    this.contextValue = 'chatRoles.error';
    this.command = { command: 'chatRoles.openErrorDocs', title: vscode.l10n.t('Open Documentation'), arguments: [this] };
  }

  get code() {
    return this.parent.record.errors[this.index].code;
  }
}

export type RolesNode = AppNode | GroupNode | AccountNode | ErrorNode | RowFold | KeptAccountNode | MoreNode<GroupNode> | RecentChangesNode | ChangeNode | ListingNode;
