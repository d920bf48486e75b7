// The tree's nodes for listings: Owner & Admins and All members under a group, a listed group that was never
// checked, and an account with the groups it is in. Every text in them came from a server or stored state:
// labels and descriptions are plain text, tooltips escaped Markdown.
import * as vscode from 'vscode';
import { describeError } from '../chat/errors';
import type { Role } from '../chat/types';
import type { AccountGroupsRecord, JoinedGroupRow, ListingError, MemberListingRecord, MemberRow } from '../results/listings';
import { docsLink } from '../ui/docsLink';
import { markdownText, plainText } from '../ui/foreignText';
import { roleWord } from '../ui/roleWords';
import { formatRelative } from '../ui/time';
import { accountContextValue } from './accountContext';
import { roleIcon } from './roleIcon';

function isRole(role: string): role is Role {
  return role === 'Owner' || role === 'Admin' || role === 'Member';
}

/** The one word people read for a role (as on every other row); a role the server named otherwise, as sent. */
function shownRole(role: string): string {
  return isRole(role) ? roleWord(role) : plainText(role);
}

/** The role's icon, as on every row; a role the server named otherwise gets a plain one. */
function memberRoleIcon(role: string): vscode.ThemeIcon {
  return isRole(role) ? roleIcon(role) : new vscode.ThemeIcon('question', new vscode.ThemeColor('foreground'));
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
    super('Owner & Admins', vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `${parent.id}/ownerAdmins`;
    this.iconPath = new vscode.ThemeIcon('shield');
    this.tooltip = `The owner and admins of ${plainText(groupId)}, listed when expanded`;
    this.accessibilityInformation = { label: `Owner and admins of group ${plainText(groupId)}; expand to list them` };
    this.contextValue = 'chatRoles.ownerAdmins';
  }
}

/** A listing's members (Owner & Admins, or All members): rows, then its error, then what was not kept. */
function membersOf(parent: Parent, record: MemberListingRecord): ListingChild[] {
  const hidden = record.found - record.members.length;
  return [
    ...(record.error ? [new ListingErrorNode(parent, record.error)] : []),
    ...record.members.map((m, i) => new MemberRowNode(parent, record.groupId, m, i, record.type)),
    ...(hidden > 0 ? [new NoteNode(parent, `… ${hidden} more (list the members again to see them)`)] : []),
    ...(record.truncated ? [new NoteNode(parent, `Stopped at chatRoles.maxMembersListed (${record.members.length}): the group has more members`)] : []),
  ];
}

export function ownerAdminsChildren(node: OwnerAdminsNode, record: MemberListingRecord): ListingChild[] {
  const rows = membersOf(node, record);
  return rows.length ? rows : [new NoteNode(node, 'No owner or admin')];
}

/** "All members" of a group, after List All Members. */
export class AllMembersNode extends vscode.TreeItem {
  readonly kind = 'allMembers';

  constructor(
    readonly parent: Parent,
    readonly record: MemberListingRecord,
  ) {
    super('All members', vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `${parent.id}/allMembers`;
    const of = record.memberCount !== undefined ? ` of ${record.memberCount}` : '';
    this.description = `${record.found}${of} listed${record.truncated ? ' (stopped at the limit)' : ''}${record.error ? ' · error' : ''}`;
    this.iconPath = new vscode.ThemeIcon('organization');
    this.tooltip = `Members of ${plainText(record.groupId)}, listed ${formatRelative(record.listedAt)}`;
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
    const role = shownRole(row.role);
    this.description = row.nameCard ? `${role} · ${plainText(row.nameCard)}` : role;
    this.iconPath = memberRoleIcon(row.role);
    const joined = row.joinTime !== undefined ? `, joined ${new Date(row.joinTime * 1000).toISOString().slice(0, 10)}` : '';
    this.tooltip = `${plainText(row.account)}: ${role} of ${plainText(groupId)}${joined}`;
    this.accessibilityInformation = { label: `${plainText(row.account)}, ${role} of group ${plainText(groupId)}` };
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
    const groups = record.found === 1 ? '1 group' : `${record.found} groups`;
    this.description = `${groups}${record.truncated ? ' (stopped at the limit)' : ''}${record.error ? ' · error' : ''}`;
    this.iconPath = new vscode.ThemeIcon('account');
    this.tooltip = new vscode.MarkdownString(`**${markdownText(record.account)}** is in ${markdownText(groups)}, listed ${markdownText(formatRelative(record.listedAt))}`);
    this.accessibilityInformation = { label: `Account ${plainText(record.account)}: ${this.description}` };
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
      ...(hidden > 0 ? [new NoteNode(this, `… ${hidden} more (show the groups again to see them)`)] : []),
      ...(this.record.truncated ? [new NoteNode(this, `Stopped at chatRoles.maxMembersListed (${this.record.groups.length}): the account is in more groups`)] : []),
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
    const role = row.role ? shownRole(row.role) : 'role not reported';
    this.description = [role, row.type, row.name && `“${row.name}”`].filter(Boolean).map((t) => plainText(t as string)).join(' · ');
    this.iconPath = memberRoleIcon(row.role);
    this.tooltip = `${plainText(parent.record.account)} is ${plainText(role)} of ${plainText(row.groupId)}`;
    this.accessibilityInformation = { label: `${plainText(parent.record.account)}: ${plainText(role)} of group ${plainText(row.groupId)}` };
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
    this.description = [record.type, record.memberCount !== undefined ? `${record.memberCount} members` : undefined].filter(Boolean).map((t) => plainText(t as string)).join(' · ');
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
    this.tooltip = new vscode.MarkdownString(`${markdownText(error.message)}\n\n[Documentation](${docsLink(d.docs)})`);
    this.contextValue = 'chatRoles.error';
    this.command = { command: 'chatRoles.openErrorDocs', title: 'Open Documentation', arguments: [{ code: error.code }] };
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
