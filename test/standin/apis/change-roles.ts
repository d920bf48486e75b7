// POST /v4/group_open_http_svc/modify_group_member_info (Role only) and change_group_owner: both change the
// model, so later reads see them. Which code each rule answers with is not documented (related-apis.md §5,
// §6); every choice is marked "guess".
import { type ApiResponse, Code, fail, ok } from '../codes';
import type { Group, Model } from '../seed';
import type { MemberRole } from '../types';
import { asObject } from './body-fields';

/** The group and member named by a write's body, or the refusal that stops it before any rule. */
function target(model: Model, body: unknown, accountField: 'Member_Account' | 'NewOwner_Account'): { group: Group; account: string } | ApiResponse {
  const b = asObject(body);
  if (!b) return fail(Code.INVALID_PARAMETER, 'the request body must be a JSON object');
  const { GroupId: groupId, [accountField]: account } = b;
  if (typeof groupId !== 'string' || groupId === '') return fail(Code.INVALID_PARAMETER, 'GroupId is required and must be a non-empty string');
  if (typeof account !== 'string' || account === '') return fail(Code.INVALID_PARAMETER, `${accountField} is required and must be a non-empty string`);
  const group = model.groups.get(groupId);
  if (!group) return fail(Code.GROUP_NOT_FOUND);
  // The docs: AVChatRoom groups store no member data and refuse both APIs with 10007 (34900, 34966).
  if (group.type === 'AVChatRoom') return fail(Code.NO_PERMISSION, 'AVChatRoom groups do not support this API');
  // guess: an account that does not exist in the app answers 10019 ("requested UserID does not exist").
  if (!model.users.has(account)) return fail(Code.ACCOUNT_NOT_FOUND);
  // guess: an existing account outside the group answers 10004, naming the rule; the docs show no code.
  if (!group.roles.has(account)) return fail(Code.INVALID_PARAMETER, `${account} is not a member of the group`);
  return { group, account };
}

function isRefusal(t: { group: Group; account: string } | ApiResponse): t is ApiResponse {
  return 'ErrorCode' in t;
}

function setRole(group: Group, account: string, role: MemberRole): void {
  group.roles.set(account, role);
  const member = group.members.find((m) => m.account === account);
  if (member) member.role = role;
}

export function modifyGroupMemberInfo(model: Model, body: unknown): ApiResponse {
  const t = target(model, body, 'Member_Account');
  if (isRefusal(t)) return t;
  const { group, account } = t;
  const role = (body as Record<string, unknown>).Role;
  // Only Role is modelled; a body without it changes nothing and succeeds, as a NameCard-only change would.
  if (role === undefined) return ok({});
  // "Owner" is not a Role value (the SDK lists Admin and Member only); guess: anything else answers 10004.
  if (role !== 'Admin' && role !== 'Member') return fail(Code.INVALID_PARAMETER, 'Role must be Admin or Member');
  // guess: the owner's own role answers 10004, naming the way that works; the docs assume 10004 or 10007.
  if (group.roles.get(account) === 'Owner') return fail(Code.INVALID_PARAMETER, 'the group owner\'s role cannot be changed; use change_group_owner');
  if (role === 'Admin') {
    // Work groups have no admins (33529); guess: 10007, a rule of the group type, not of the parameter.
    if (group.type === 'Private') return fail(Code.NO_PERMISSION, 'Work (Private) groups do not support admins');
    const admins = group.members.filter((m) => m.role === 'Admin').length;
    // guess: over the admin limit answers 10004 with this text; the docs give neither the number nor the code.
    if (model.adminLimit !== undefined && group.roles.get(account) !== 'Admin' && admins >= model.adminLimit) {
      return fail(Code.INVALID_PARAMETER, `the number of admins has reached the limit of ${model.adminLimit}`);
    }
  }
  setRole(group, account, role);
  return ok({});
}

export function changeGroupOwner(model: Model, body: unknown): ApiResponse {
  const t = target(model, body, 'NewOwner_Account');
  if (isRefusal(t)) return t;
  const { group, account } = t;
  const old = group.members.find((m) => m.role === 'Owner');
  // guess: the old owner stays in the group as a Member (related-apis.md §6: no source seen).
  if (old && old.account !== account) setRole(group, old.account, 'Member');
  setRole(group, account, 'Owner');
  return ok({});
}
