// POST /v4/group_open_http_svc/get_role_in_group
import { type ApiResponse, Code, fail, ok } from '../codes';
import type { Model } from '../seed';
import { asObject } from './body-fields';

export const MAX_ROLE_ACCOUNTS = 500;

export function getRoleInGroup(model: Model, body: unknown): ApiResponse {
  const b = asObject(body);
  if (!b) return fail(Code.INVALID_PARAMETER, 'the request body must be a JSON object');
  const { GroupId: groupId, User_Account: accounts } = b;
  if (typeof groupId !== 'string' || groupId === '') return fail(Code.INVALID_PARAMETER, 'GroupId is required and must be a non-empty string');
  if (!Array.isArray(accounts)) return fail(Code.INVALID_PARAMETER, 'User_Account is required and must be an array');
  // guess: an empty User_Account answers 10004 because the field is documented as required and
  // there is nothing to look up; the docs do not show an empty list being accepted.
  if (accounts.length === 0) return fail(Code.INVALID_PARAMETER, 'User_Account is empty');
  // guess: more than 500 accounts answers 10005 ("too many accounts in request", the group code made
  // for exactly this) rather than the generic 10004; the API page only states the limit.
  if (accounts.length > MAX_ROLE_ACCOUNTS) return fail(Code.TOO_MANY_ACCOUNTS, `User_Account has ${accounts.length} accounts; at most ${MAX_ROLE_ACCOUNTS} are allowed`);
  if (accounts.some((a) => typeof a !== 'string')) return fail(Code.ACCOUNT_NOT_STRING);
  const group = model.groups.get(groupId);
  if (!group) return fail(Code.GROUP_NOT_FOUND);
  if (group.type === 'AVChatRoom') return fail(Code.NO_PERMISSION, 'this API does not support AVChatRoom groups');
  // guess: accounts that do not exist in the app answer NotMember (not 10019) because this API only
  // looks up membership; 10019 belongs to the APIs that add or change members.
  // guess: duplicates are echoed, one entry per requested entry in request order, because the server
  // answers per requested account and nothing documents de-duplication.
  return ok({
    UserIdList: (accounts as string[]).map((a) => ({ Member_Account: a, Role: group.roles.get(a) ?? 'NotMember' })),
  });
}
