// The plain-JSON answer of chatRoles.checkRoles (the programmatic contract).
import type { ErrorCode, GroupError, GroupResult, Role } from '../chat/types';
import type { GroupFacts } from './groupFacts';

export interface CheckErrorJson {
  code: ErrorCode;
  message: string;
  accounts: string[];
}

export interface GroupJson extends GroupFacts {
  groupId: string;
  /** The label of the app checked with. */
  app: string;
  /** Its SDKAppID, digits. */
  sdkAppId: string;
  roles: { account: string; role: Role }[];
  /** The group's first error (all accounts for a group-level error, one batch's for a failed batch). */
  error?: CheckErrorJson;
  /** Every error, present only when the group had more than one. */
  errors?: CheckErrorJson[];
}

export interface CheckResultJson {
  groups: GroupJson[];
  /** Present (true) when the check was cancelled before every account was answered. */
  cancelled?: true;
}

/** Copies of the errors (the JSON shape, which is also how a stored record keeps them). */
export function errorsJson(errors: readonly GroupError[]): CheckErrorJson[] {
  return errors.map((e) => ({ code: e.code, message: e.message, accounts: [...e.accounts] }));
}

/** One group as the contract shows it: `error` is the first error, `errors` only when there are several. */
export function toGroupJson(g: { groupId: string; app: string; sdkAppId: number | string; roles: readonly { account: string; role: Role }[]; errors: readonly GroupError[] }): GroupJson {
  const out: GroupJson = { groupId: g.groupId, app: g.app, sdkAppId: String(g.sdkAppId), roles: g.roles.map(({ account, role }) => ({ account, role })) };
  const errors = errorsJson(g.errors);
  if (errors.length) out.error = errors[0];
  if (errors.length > 1) out.errors = errors;
  return out;
}

/** The answer; each group gains type, name and memberCount where get_group_info answered (`facts`). */
export function toResultJson(results: readonly (GroupResult & { app: string; sdkAppId: string; facts?: GroupFacts })[]): CheckResultJson {
  return { groups: results.map((g) => ({ ...toGroupJson(g), ...g.facts })) };
}
