// get_group_member_info: a group's members with their roles, paged to the end (Offset/Limit, or the Next
// cursor for Community groups) or to a cap. One get_group_info request first gives the group's type and
// total, and turns an AVChatRoom (which keeps no member list) into an explanation instead of a refusal.

import * as l10n from '@vscode/l10n';
import { formatError } from '../errors';
import type { Member, MemberPage } from '../parse/members';
import { parseMemberPage } from '../parse/members';
import { reportProgress, runBatches, type Failure, type Query } from '../query';
import type { CallResult, RequestPath } from '../request-path';
import { checkGroupId } from '../text/ids';
import { askGroupInfo } from './groups';

/** Members asked for per request: the current API page allows 200 and recommends 100 (older pages said 6,000). */
export const MEMBERS_PER_PAGE = 100;
const MEMBER_FIELDS = ['Role', 'JoinTime', 'NameCard'];
/** The code get_group_member_info (like get_role_in_group) answers for an AVChatRoom group. */
const NO_PERMISSION = 10007;

export type MemberRoleFilter = 'Owner' | 'Admin' | 'Member';

export interface MemberListing {
  groupId: string;
  type?: string;
  memberCount?: number;
  members: Member[];
  /** True when the list stopped at the cap with more members left. */
  truncated: boolean;
  /** Why the listing failed or stopped early; members listed before it are kept. */
  error?: Failure;
}

/** Why an AVChatRoom has no member list here, and what does work for one. */
export function avChatRoomExplanation(groupId: string): string {
  return l10n.t('{0} is an AVChatRoom (live broadcast) group: Tencent keeps no member list for AVChatRoom groups, so get_group_member_info refuses them. An account\'s role there shows in Show Groups of Account (get_joined_group_list), and the room\'s admins only through the AVChatRoom admin API get_admin_list (Premium edition).', groupId);
}

/**
 * Lists up to `max` members of `groupId` (all roles, or those of `roles`). When the group's size is known
 * and every role is wanted, the Offset pages up to the cap are known in advance and go out together (paced
 * like every request); otherwise, and for whatever that leaves, pages follow one another, each asking for
 * one member more than the cap still allows, so reaching the cap tells whether any member was left out.
 */
export async function askMembers(path: RequestPath, query: Query, groupId: string, roles: readonly MemberRoleFilter[] | undefined, max: number, workers: number): Promise<MemberListing> {
  const listing: MemberListing = { groupId, members: [], truncated: false };
  const reason = checkGroupId(groupId);
  if (reason !== undefined) return { ...listing, error: { code: 'INVALID_INPUT', message: formatError('INVALID_INPUT', reason) } };

  const [info] = await askGroupInfo(path, query, [groupId], 1);
  if (info.type !== undefined) listing.type = info.type;
  if (info.memberNum !== undefined) listing.memberCount = info.memberNum;
  // A group the server answered for (missing, no permission) fails here; a failed request does not decide.
  if (info.errorCode !== undefined && info.errorCode !== 0 && info.error) return { ...listing, error: info.error };
  if (query.refusal) return { ...listing, error: query.refusal };
  if (info.type === 'AVChatRoom') return { ...listing, error: { code: NO_PERMISSION, message: avChatRoomExplanation(groupId) } };

  const byCursor = info.type === 'Community' || (info.type === undefined && groupId.startsWith('@TGS#_'));
  const sendPage = (request: Record<string, unknown>, limit: number, label: string) =>
    path.send(query, 'get_group_member_info', JSON.stringify({ GroupId: groupId, Limit: limit, MemberInfoFilter: MEMBER_FIELDS, ...request }), label, (status, bytes) =>
      parseMemberPage(status, bytes, limit, query.secrets),
    );
  if (!byCursor && !roles && info.memberNum !== undefined) {
    const error = await knownPages(query, listing, Math.min(info.memberNum, max), workers, sendPage);
    if (error) return { ...listing, error };
    // Everything the group's size promised is in: no request is needed to learn whether more are left.
    if (listing.memberCount !== undefined && listing.members.length >= Math.min(listing.memberCount, max)) {
      listing.truncated = listing.memberCount > max;
      return listing;
    }
  }
  const expected = Math.min(max, info.memberNum ?? max) - listing.members.length;
  query.total = query.done + Math.max(1, Math.ceil(expected / MEMBERS_PER_PAGE));
  reportProgress(query);
  let next = '';
  for (let page = 1; ; page++) {
    const limit = Math.min(MEMBERS_PER_PAGE, max - listing.members.length + 1);
    const request: Record<string, unknown> = byCursor ? { Next: next } : { Offset: listing.members.length };
    if (roles) request.MemberRoleFilter = roles;
    const result = await sendPage(request, limit, `page ${page}, members of ${groupId}`);
    query.done++;
    if (query.done > query.total) query.total = query.done;
    reportProgress(query);
    if (!result.ok) return { ...listing, error: result.failure };
    const { members, memberNum, next: cursor } = result.value;
    if (memberNum !== undefined) listing.memberCount = memberNum;
    const room = max - listing.members.length;
    if (members.length > room) {
      listing.members.push(...members.slice(0, room));
      listing.truncated = true;
      return listing;
    }
    listing.members.push(...members);
    const more = byCursor ? cursor !== undefined && cursor !== '' && cursor !== next : members.length >= limit;
    if (!more || members.length === 0) return listing;
    next = cursor ?? '';
  }
}

type SendPage = (request: Record<string, unknown>, limit: number, label: string) => Promise<CallResult<MemberPage>>;

/**
 * The first `count` members by Offset, the pages sent together through the query's worker pool; kept in
 * order up to the first page that failed (whose failure is returned) or came back short.
 */
async function knownPages(query: Query, listing: MemberListing, count: number, workers: number, sendPage: SendPage): Promise<Failure | undefined> {
  const pages = Math.ceil(count / MEMBERS_PER_PAGE);
  const results = new Array<CallResult<MemberPage> | undefined>(pages);
  query.done = 0;
  await runBatches(query, pages, Array.from({ length: pages }, (_, p) => p).values(), workers, async (p) => {
    const offset = p * MEMBERS_PER_PAGE;
    results[p] = await sendPage({ Offset: offset }, Math.min(MEMBERS_PER_PAGE, count - offset), `page ${p + 1}/${pages}, members of ${listing.groupId}`);
  });
  for (const [p, result] of results.entries()) {
    if (!result?.ok) return result?.failure;
    if (result.value.memberNum !== undefined) listing.memberCount = result.value.memberNum;
    listing.members.push(...result.value.members.slice(0, count - listing.members.length));
    // A short page: members left meanwhile, so later offsets skipped some; the pages that follow go one by one.
    if (result.value.members.length < Math.min(MEMBERS_PER_PAGE, count - p * MEMBERS_PER_PAGE)) return undefined;
  }
  return undefined;
}
