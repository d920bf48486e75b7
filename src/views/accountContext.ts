// The contextValue of an account row under a group, so that menus offer only the role changes that make
// sense: "chatRoles.account.<role>" with <role> owner | admin | member | notMember, and a suffix when the
// group's type is known to limit changes: ".noAdmins" (Work: no admins) or ".noChanges" (AVChatRoom: the
// change APIs refuse it). Any row of an account in a group (a role result, Owner & Admins, a member list)
// uses it, and package.json matches it with `viewItem =~ /^chatRoles\.account\.(admin|member)…/`.
import type { Role } from '../chat/types';

const ROLE_KEYS: Readonly<Record<Role, string>> = { Owner: 'owner', Admin: 'admin', Member: 'member', NotMember: 'notMember' };

/** Group types (either spelling) whose rows get a suffix. */
const TYPE_SUFFIXES: Readonly<Record<string, string>> = { Private: '.noAdmins', Work: '.noAdmins', AVChatRoom: '.noChanges' };

export function accountContextValue(role: Role, groupType?: string): string {
  const suffix = groupType !== undefined && Object.hasOwn(TYPE_SUFFIXES, groupType) ? TYPE_SUFFIXES[groupType] : '';
  return `chatRoles.account.${ROLE_KEYS[role]}${suffix}`;
}
