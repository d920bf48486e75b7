// POST /v4/group_open_http_svc/get_group_member_info — Limit/Offset paging; Community pages by Next.
import { type ApiResponse, Code, fail, ok } from '../codes';
import type { Model } from '../seed';
import { asObject, isStringArray, optionalCount } from './body-fields';
import { filterFields, memberProfile } from './member-profile';

export const MAX_MEMBER_LIMIT = 6000;

const roleNames = new Set(['Owner', 'Admin', 'Member']);

/** The Next cursor is opaque to clients; the stand-in encodes the position of the next member. */
function encodeNext(position: number): string {
  return Buffer.from(`standin-next:${position}`).toString('base64');
}

function decodeNext(cursor: string): number | undefined {
  if (cursor === '') return 0;
  const m = /^standin-next:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}

export function getGroupMemberInfo(model: Model, body: unknown): ApiResponse {
  const b = asObject(body);
  if (!b) return fail(Code.INVALID_PARAMETER, 'the request body must be a JSON object');
  const groupId = b.GroupId;
  if (typeof groupId !== 'string' || groupId === '') return fail(Code.INVALID_PARAMETER, 'GroupId is required and must be a non-empty string');
  // Without Limit the docs say every member is returned; the cap still applies.
  const limit = optionalCount(b.Limit, MAX_MEMBER_LIMIT);
  // guess: Limit above 6000 answers 10004 because the page states the cap as a parameter rule.
  if (limit === undefined || limit > MAX_MEMBER_LIMIT) return fail(Code.INVALID_PARAMETER, `Limit must be an integer from 0 to ${MAX_MEMBER_LIMIT}`);
  const offset = optionalCount(b.Offset, 0);
  if (offset === undefined) return fail(Code.INVALID_PARAMETER, 'Offset must be a non-negative integer');
  const { MemberInfoFilter: infoFilter, MemberRoleFilter: roleFilter, Next: next } = b;
  if (infoFilter !== undefined && !isStringArray(infoFilter)) return fail(Code.INVALID_PARAMETER, 'MemberInfoFilter must be an array of strings');
  if (roleFilter !== undefined && !(isStringArray(roleFilter) && roleFilter.every((r) => roleNames.has(r)))) {
    return fail(Code.INVALID_PARAMETER, 'MemberRoleFilter must list Owner, Admin or Member');
  }
  if (next !== undefined && typeof next !== 'string') return fail(Code.INVALID_PARAMETER, 'Next must be a string');
  const group = model.groups.get(groupId);
  if (!group) return fail(Code.GROUP_NOT_FOUND);
  // guess: 10007 for AVChatRoom, the same code get_role_in_group uses, because the page lists
  // AVChatRoom as unsupported without naming the code.
  if (group.type === 'AVChatRoom') return fail(Code.NO_PERMISSION, 'this API does not support AVChatRoom groups');

  const selected = group.members.map((_, i) => i).filter((i) => !roleFilter || roleFilter.includes(group.members[i].role));
  const start = group.type === 'Community' ? decodeNext(next ?? '') : offset;
  if (start === undefined) return fail(Code.INVALID_PARAMETER, 'Next is not a cursor this server issued');
  const page = selected.slice(start, start + limit);
  const MemberList = page.map((i) => filterFields(memberProfile(group, i), infoFilter));
  const fields: Record<string, unknown> = { MemberNum: group.members.length, MemberList };
  if (group.type === 'Community') fields.Next = start + page.length < selected.length && limit > 0 ? encodeNext(start + page.length) : '';
  return ok(fields);
}
