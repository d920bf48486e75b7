// POST /v4/group_open_http_svc/get_joined_group_list — an account's groups, with its own SelfInfo.
import { type ApiResponse, Code, fail, ok } from '../codes';
import type { Group, Model } from '../seed';
import type { GroupType } from '../types';
import { asObject, isStringArray, optionalCount } from './body-fields';
import { baseInfo } from './get-group-info';
import { EPOCH_SECONDS } from './member-profile';

/** GroupType values the page lists, classic and new names. */
const typeFilter: Record<string, GroupType> = { Public: 'Public', Private: 'Private', Work: 'Private', ChatRoom: 'ChatRoom', Meeting: 'ChatRoom', AVChatRoom: 'AVChatRoom', Community: 'Community' };

function flag(value: unknown): 0 | 1 | undefined {
  if (value === undefined) return 0;
  return value === 0 || value === 1 ? value : undefined;
}

function selfInfo(group: Group, account: string, filter: string[]): Record<string, unknown> {
  const index = group.members.findIndex((m) => m.account === account);
  // guess: "AVChatRoom data may be incomplete" (34925): the stand-in keeps only the role of such a group.
  const all: Record<string, unknown> =
    group.type === 'AVChatRoom'
      ? { Role: group.members[index].role }
      : { Role: group.members[index].role, JoinTime: EPOCH_SECONDS + 60 * index, MsgFlag: 'AcceptAndNotify', MsgSeq: 0, UnreadMsgNum: 0 };
  return Object.fromEntries(filter.filter((f) => f in all).map((f) => [f, all[f]]));
}

export function getJoinedGroupList(model: Model, body: unknown): ApiResponse {
  const b = asObject(body);
  if (!b) return fail(Code.INVALID_PARAMETER, 'the request body must be a JSON object');
  const account = b.Member_Account;
  if (typeof account !== 'string' || account === '') return fail(Code.INVALID_PARAMETER, 'Member_Account is required and must be a non-empty string');
  const huge = flag(b.WithHugeGroups);
  const inactive = flag(b.WithNoActiveGroups);
  if (huge === undefined || inactive === undefined) return fail(Code.INVALID_PARAMETER, 'WithHugeGroups and WithNoActiveGroups must be 0 or 1');
  // Without Limit the page says every group is returned.
  const limit = optionalCount(b.Limit, Number.MAX_SAFE_INTEGER);
  const offset = optionalCount(b.Offset, 0);
  if (limit === undefined || offset === undefined) return fail(Code.INVALID_PARAMETER, 'Limit and Offset must be non-negative integers');
  const type = b.GroupType === undefined ? undefined : typeof b.GroupType === 'string' ? typeFilter[b.GroupType] : undefined;
  // guess: an unknown GroupType answers 10004, like every other malformed parameter.
  if (b.GroupType !== undefined && type === undefined) return fail(Code.INVALID_PARAMETER, 'GroupType must be Public, Private, ChatRoom, AVChatRoom or Community');
  const filter = b.ResponseFilter === undefined ? {} : asObject(b.ResponseFilter);
  if (!filter) return fail(Code.INVALID_PARAMETER, 'ResponseFilter must be an object');
  const { GroupBaseInfoFilter: baseFilter, SelfInfoFilter: selfFilter } = filter;
  if (baseFilter !== undefined && !isStringArray(baseFilter)) return fail(Code.INVALID_PARAMETER, 'GroupBaseInfoFilter must be an array of strings');
  if (selfFilter !== undefined && !isStringArray(selfFilter)) return fail(Code.INVALID_PARAMETER, 'SelfInfoFilter must be an array of strings');
  // guess: an account the app does not know answers 10019 (the group service's "account does not
  // exist"), not 70107, which the catalogue reads as the admin identifier missing.
  if (!model.users.has(account)) return fail(Code.ACCOUNT_NOT_FOUND);

  const order = [...model.groups.keys()];
  const joined = [...model.groups.values()].filter(
    (g) => g.roles.has(account) && (huge === 1 || g.type !== 'AVChatRoom') && (inactive === 1 || !g.inactive) && (type === undefined || g.type === type),
  );
  const GroupIdList = joined.slice(offset, offset + limit).map((group) => {
    const info = baseInfo(group, order.indexOf(group.groupId));
    const fields = baseFilter ? Object.fromEntries(baseFilter.filter((f) => f in info).map((f) => [f, info[f]])) : {};
    // Without filters only GroupId comes back. Quirks the client must take (guess, not seen documented):
    // GroupId comes last, SelfInfo first, and MemberNum is sent even when GroupBaseInfoFilter leaves it out.
    const self = selfFilter ? { SelfInfo: selfInfo(group, account, selfFilter) } : {};
    return { ...self, ...fields, MemberNum: info.MemberNum, GroupId: group.groupId };
  });
  return ok({ TotalCount: joined.length, GroupIdList });
}
