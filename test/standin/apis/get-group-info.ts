// POST /v4/group_open_http_svc/get_group_info
import { type ApiResponse, Code, fail, infoFor, ok } from '../codes';
import type { Group, Model } from '../seed';
import type { GroupType } from '../types';
import { asObject, isStringArray } from './body-fields';
import { EPOCH_SECONDS, filterFields, memberProfile } from './member-profile';

export const MAX_INFO_GROUPS = 50;

// guess: the member caps of each type's default plan; the stand-in only reports them.
const maxMembers: Record<GroupType, number> = { Private: 200, Public: 2000, ChatRoom: 6000, AVChatRoom: 0, Community: 100000 };

export function baseInfo(group: Group, index: number): Record<string, unknown> {
  const owner = group.members.find((m) => m.role === 'Owner');
  return {
    // guess: Work and Meeting groups are reported under their classic names (Private, ChatRoom)
    // because the API pages list those as the type IDs and call the new names aliases.
    Type: group.type,
    Name: group.name,
    Introduction: '',
    Notification: '',
    FaceUrl: '',
    Owner_Account: owner?.account ?? '',
    CreateTime: EPOCH_SECONDS + 3600 * index,
    InfoSeq: 1,
    LastInfoTime: EPOCH_SECONDS + 3600 * index,
    LastMsgTime: 0,
    NextMsgSeq: 1,
    MemberNum: group.members.length,
    MaxMemberNum: maxMembers[group.type],
    ApplyJoinOption: group.type === 'Private' ? 'DisableApply' : 'FreeAccess',
    ShutUpAllMember: 'Off',
  };
}

export function getGroupInfo(model: Model, body: unknown): ApiResponse {
  const b = asObject(body);
  if (!b) return fail(Code.INVALID_PARAMETER, 'the request body must be a JSON object');
  const ids = b.GroupIdList;
  if (!isStringArray(ids) || ids.length === 0) return fail(Code.INVALID_PARAMETER, 'GroupIdList is required and must be a non-empty array of strings');
  // guess: more than 50 groups answers 10004 because the page states the limit as a parameter rule.
  if (ids.length > MAX_INFO_GROUPS) return fail(Code.INVALID_PARAMETER, `GroupIdList has ${ids.length} groups; at most ${MAX_INFO_GROUPS} are allowed`);
  const filter = b.ResponseFilter === undefined ? {} : asObject(b.ResponseFilter);
  if (!filter) return fail(Code.INVALID_PARAMETER, 'ResponseFilter must be an object');
  const { GroupBaseInfoFilter: baseFilter, MemberInfoFilter: memberFilter } = filter;
  if (baseFilter !== undefined && !isStringArray(baseFilter)) return fail(Code.INVALID_PARAMETER, 'GroupBaseInfoFilter must be an array of strings');
  if (memberFilter !== undefined && !isStringArray(memberFilter)) return fail(Code.INVALID_PARAMETER, 'MemberInfoFilter must be an array of strings');

  const order = [...model.groups.keys()];
  const GroupInfo = ids.map((id) => {
    const group = model.groups.get(id);
    if (!group) return { GroupId: id, ErrorCode: Code.GROUP_NOT_FOUND, ErrorInfo: infoFor(Code.GROUP_NOT_FOUND) };
    const info = baseInfo(group, order.indexOf(id));
    const fields: Record<string, unknown> = baseFilter ? Object.fromEntries(baseFilter.filter((f) => f in info).map((f) => [f, info[f]])) : info;
    if (memberFilter) {
      // The real server names the account field "Account" in this filter and "Member_Account" in the list.
      const wanted = memberFilter.filter((f) => f !== 'Account');
      fields.MemberList = group.members.map((_, i) => filterFields(memberProfile(group, i), wanted));
    }
    return { GroupId: id, ErrorCode: 0, ErrorInfo: '', ...fields };
  });
  return ok({ GroupInfo });
}
