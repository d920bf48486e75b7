// The tree's nodes for listings: Owner & Admins and All members under a group, a listed group that was never
// checked, and an account with the groups it is in. Every text in them came from a server or stored state:
// labels and descriptions are plain text, tooltips escaped Markdown.
import * as vscode from 'vscode';
import { describeError } from '../chat/errors';
import type { Role } from '../chat/types';
import { shownGroupType } from '../results/groupFacts';
import type { AccountGroupsRecord, JoinedGroupRow, ListingError, MemberListingRecord, MemberRow } from '../results/listings';
import { docsLink } from '../ui/docsLink';
import { markdownText, plainText } from '../ui/foreignText';
import { isRole as isAnyRole, roleWord } from '../ui/roleWords';
import { formatRelative } from '../ui/time';
import { accountContextValue } from './accountContext';
import { roleIcon } from './roleIcon';

/** A role a member list shows (a member list has no NotMember). */
function isRole(role: string): role is Role {
  return isAnyRole(role) && role !== 'NotMember';
}

/** The one word people read for a role (as on every other row); a role the server named otherwise, as sent. */
function memberRoleWord(role: string): string {
  return isRole(role) ? roleWord(role) : plainText(role);
}

/** The role's icon, as on every row; a role the server named otherwise gets a plain one. */
function memberRoleIcon(role: string): vscode.ThemeIcon {
  return isRole(role) ? roleIcon(role) : new vscode.ThemeIcon('question', new vscode.ThemeColor('foreground'));
}

/** A listing's count with its state: "12 listed (stopped at the limit) · error". */
function listingState(count: string, record: { truncated?: boolean; error?: unknown }): string {
  const stopped = record.truncated ? vscode.l10n.t('{0} (stopped at the limit)', count) : count;
  return record.error ? vscode.l10n.t('{0} · error', stopped) : stopped;
}

/** A node that has an id, so that its children can make theirs unique beneath it. */
type Parent = vscode.TreeItem & { readonly id?: string };

/** "Owner & Admins" of a group: listed through get_group_member_info when first expanded. */
export class OwnerAdminsNode extends vscode.TreeItem {
  readonly kind = 'ownerAdmins';

  constructor(
    readonly parent: Parent,
    readonly groupId: string,
  ) {
    super(vscode.l10n.t('Owner & Admins'), vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `${parent.id}/ownerAdmins`;
    this.iconPath = new vscode.ThemeIcon('shield');
    this.tooltip = vscode.l10n.t('The owner and admins of {0}, listed when expanded', plainText(groupId));
    this.accessibilityInformation = { label: vscode.l10n.t('Owner and admins of group {0}; expand to list them', plainText(groupId)) };
    this.contextValue = 'chatRoles.ownerAdmins';
  }
}

/** A listing's members (Owner & Admins, or All members): rows, then its error, then what was not kept. */
function membersOf(parent: Parent, record: MemberListingRecord): ListingChild[] {
  const hidden = record.found - record.members.length;
  return [
    ...(record.error ? [new ListingErrorNode(parent, record.error)] : []),
    ...record.members.map((m, i) => new MemberRowNode(parent, record.groupId, m, i, record.type)),
    ...(hidden > 0 ? [new NoteNode(parent, vscode.l10n.t('… {0} more (list the members again to see them)', String(hidden)))] : []),
    ...(record.truncated ? [new NoteNode(parent, vscode.l10n.t('Stopped at chatRoles.maxMembersListed ({0}): the group has more members', String(record.members.length)))] : []),
  ];
}

export function ownerAdminsChildren(node: OwnerAdminsNode, record: MemberListingRecord): ListingChild[] {
  const rows = membersOf(node, record);
  return rows.length ? rows : [new NoteNode(node, vscode.l10n.t('No owner or admin'))];
}

/** "All members" of a group, after List All Members. */
export class AllMembersNode extends vscode.TreeItem {
  readonly kind = 'allMembers';

  constructor(
    readonly parent: Parent,
    readonly record: MemberListingRecord,
  ) {
    super(vscode.l10n.t('All members'), vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `${parent.id}/allMembers`;
    const listed =
      record.memberCount !== undefined ? vscode.l10n.t('{0} of {1} listed', String(record.found), String(record.memberCount)) : vscode.l10n.t('{0} listed', String(record.found));
    this.description = listingState(listed, record);
    this.iconPath = new vscode.ThemeIcon('organization');
    this.tooltip = vscode.l10n.t('Members of {0}, listed {1}', plainText(record.groupId), formatRelative(record.listedAt));
    this.contextValue = 'chatRoles.allMembers';
  }

  children(): ListingChild[] {
    return membersOf(this, this.record);
  }
}

/** One member: the account, its role with the role's icon, and its name card. */
export class MemberRowNode extends vscode.TreeItem {
  readonly kind = 'member';

  constructor(
    readonly parent: Parent,
    readonly groupId: string,
    readonly row: MemberRow,
    index: number,
    groupType?: string,
  ) {
    super(plainText(row.account), vscode.TreeItemCollapsibleState.None);
    // By place, not by account: a server may list an account twice, and ids must be unique.
    this.id = `${parent.id}/member:${index}`;
    const role = memberRoleWord(row.role);
    this.description = row.nameCard ? `${role} · ${plainText(row.nameCard)}` : role;
    this.iconPath = memberRoleIcon(row.role);
    this.tooltip =
      row.joinTime !== undefined
        ? vscode.l10n.t('{0}: {1} of {2}, joined {3}', plainText(row.account), role, plainText(groupId), new Date(row.joinTime * 1000).toISOString().slice(0, 10))
        : vscode.l10n.t('{0}: {1} of {2}', plainText(row.account), role, plainText(groupId));
    this.accessibilityInformation = { label: vscode.l10n.t('{0}, {1} of group {2}', plainText(row.account), role, plainText(groupId)) };
    // A known role gets the account rows' scheme, so the role changes that make sense are offered here too.
    this.contextValue = isRole(row.role) ? accountContextValue(row.role, groupType) : 'chatRoles.member';
  }

  /** The account, for Show Groups of Account. */
  get account(): string {
    return this.row.account;
  }
}

/** An account after Show Groups of Account: its groups, each with its role there. */
export class AccountGroupsNode extends vscode.TreeItem {
  readonly kind = 'accountGroups';
  readonly parent = undefined;

  constructor(readonly record: AccountGroupsRecord) {
    super(plainText(record.account), vscode.TreeItemCollapsibleState.Expanded);
    this.id = `accountGroups:${record.account}`;
    const groups = record.found === 1 ? vscode.l10n.t('1 group') : vscode.l10n.t('{0} groups', String(record.found));
    this.description = listingState(groups, record);
    this.iconPath = new vscode.ThemeIcon('account');
    // Theme icons on, as markdownText expects: it escapes $( so that a foreign $(x) shows as typed, without a backslash.
    this.tooltip = new vscode.MarkdownString(vscode.l10n.t('**{0}** is in {1}, listed {2}', markdownText(record.account), markdownText(groups), markdownText(formatRelative(record.listedAt))), true);
    this.accessibilityInformation = { label: vscode.l10n.t('Account {0}: {1}', plainText(record.account), this.description) };
    this.contextValue = 'chatRoles.accountGroups';
  }

  /** The account, for Show Groups of Account (again). */
  get account(): string {
    return this.record.account;
  }

  children(): ListingChild[] {
    const hidden = this.record.found - this.record.groups.length;
    return [
      ...(this.record.error ? [new ListingErrorNode(this, this.record.error)] : []),
      ...this.record.groups.map((g, i) => new JoinedGroupNode(this, g, i)),
      ...(hidden > 0 ? [new NoteNode(this, vscode.l10n.t('… {0} more (show the groups again to see them)', String(hidden)))] : []),
      ...(this.record.truncated ? [new NoteNode(this, vscode.l10n.t('Stopped at chatRoles.maxMembersListed ({0}): the account is in more groups', String(this.record.groups.length)))] : []),
    ];
  }
}

/** A group of an account's listing: the account's role (icon), type and name; Owner & Admins beneath. */
export class JoinedGroupNode extends vscode.TreeItem {
  readonly kind = 'joinedGroup';

  constructor(
    readonly parent: AccountGroupsNode,
    readonly row: JoinedGroupRow,
    index: number,
  ) {
    super(plainText(row.groupId), vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `${parent.id}/group:${index}`;
    const role = row.role ? memberRoleWord(row.role) : vscode.l10n.t('role not reported');
    const type = row.type && shownGroupType(row.type);
    this.description = [plainText(role), type, row.name && plainText(`“${row.name}”`)].filter(Boolean).join(' · ');
    this.iconPath = memberRoleIcon(row.role);
    this.tooltip = vscode.l10n.t('{0} is {1} of {2}', plainText(parent.record.account), plainText(role), plainText(row.groupId));
    this.accessibilityInformation = { label: vscode.l10n.t('{0}: {1} of group {2}', plainText(parent.record.account), plainText(role), plainText(row.groupId)) };
    this.contextValue = 'chatRoles.joinedGroup';
  }

  /** Check Roles in Group, run from this row, checks this account in this group. */
  get groupIds(): string[] {
    return [this.row.groupId];
  }

  get accounts(): string[] {
    return [this.parent.record.account];
  }

  get groupId(): string {
    return this.row.groupId;
  }

  children(): ListingChild[] {
    return [new OwnerAdminsNode(this, this.row.groupId)];
  }
}

/** A listed group that was never checked: its facts, Owner & Admins and All members. */
export class ListedGroupNode extends vscode.TreeItem {
  readonly kind = 'listedGroup';
  readonly parent = undefined;

  constructor(readonly record: MemberListingRecord) {
    super(plainText(record.groupId), vscode.TreeItemCollapsibleState.Expanded);
    this.id = `listedGroup:${record.groupId}`;
    const type = record.type && shownGroupType(record.type);
    const total = record.memberCount !== undefined ? vscode.l10n.t({ message: '{0} members', args: [String(record.memberCount)], comment: ["a group's total number of members"] }) : undefined;
    this.description = [type, total].filter(Boolean).join(' · ');
    this.iconPath = new vscode.ThemeIcon('organization');
    this.contextValue = 'chatRoles.listedGroup';
  }

  get groupId(): string {
    return this.record.groupId;
  }

  children(): ListingChild[] {
    return [new OwnerAdminsNode(this, this.record.groupId), new AllMembersNode(this, this.record)];
  }
}

/** A listing's error: code and meaning, the message in the tooltip; click opens the docs. */
export class ListingErrorNode extends vscode.TreeItem {
  readonly kind = 'listingError';

  constructor(
    readonly parent: Parent,
    readonly error: ListingError,
  ) {
    const d = describeError(error.code);
    super(`${String(error.code)} ${d.title}`, vscode.TreeItemCollapsibleState.None);
    this.id = `${parent.id}/error`;
    this.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    this.tooltip = new vscode.MarkdownString(`${markdownText(error.message)}\n\n[${vscode.l10n.t('Documentation')}](${docsLink(d.docs)})`, true);
    this.contextValue = 'chatRoles.error';
    this.command = { command: 'chatRoles.openErrorDocs', title: vscode.l10n.t('Open Documentation'), arguments: [{ code: error.code }] };
  }

  get code() {
    return this.error.code;
  }
}

/** A line of explanation (nothing listed, stopped at the limit, not kept across a reload). */
export class NoteNode extends vscode.TreeItem {
  readonly kind = 'note';

  constructor(
    readonly parent: Parent,
    text: string,
  ) {
    super(plainText(text), vscode.TreeItemCollapsibleState.None);
    this.id = `${parent.id}/note:${text}`;
    this.iconPath = new vscode.ThemeIcon('info');
  }
}

export type ListingChild = OwnerAdminsNode | AllMembersNode | MemberRowNode | JoinedGroupNode | ListingErrorNode | NoteNode;
export type ListingNode = ListingChild | AccountGroupsNode | ListedGroupNode;
