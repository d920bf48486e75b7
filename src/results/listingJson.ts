// The plain-JSON answers of chatRoles.listMembers and chatRoles.listAccountGroups (the programmatic contract).
import type { AccountGroupsRecord, ListingError, MemberListingRecord, MemberRow, JoinedGroupRow } from './listings';

export interface MembersResultJson {
  groupId: string;
  type?: string;
  memberCount?: number;
  members: MemberRow[];
  truncated: boolean;
  error?: ListingError;
}

export interface AccountGroupsResultJson {
  account: string;
  groups: JoinedGroupRow[];
  truncated: boolean;
  error?: ListingError;
}

export function membersJson(r: MemberListingRecord): MembersResultJson {
  const json: MembersResultJson = { groupId: r.groupId, members: r.members.map((m) => ({ ...m })), truncated: r.truncated };
  if (r.type !== undefined) json.type = r.type;
  if (r.memberCount !== undefined) json.memberCount = r.memberCount;
  if (r.error) json.error = { code: r.error.code, message: r.error.message };
  return json;
}

export function accountGroupsJson(r: AccountGroupsRecord): AccountGroupsResultJson {
  const json: AccountGroupsResultJson = { account: r.account, groups: r.groups.map((g) => ({ ...g })), truncated: r.truncated };
  if (r.error) json.error = { code: r.error.code, message: r.error.message };
  return json;
}
