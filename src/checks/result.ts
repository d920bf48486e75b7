// The plain-JSON answer of chatRoles.checkRoles (the programmatic contract).
import type { ErrorCode, GroupError, GroupResult, Role } from '../chat/types';

export interface CheckErrorJson {
  code: ErrorCode;
  message: string;
  accounts: string[];
}

export interface GroupJson {
  groupId: string;
  roles: { account: string; role: Role }[];
  /** The group's first error (all accounts for a group-level error, one batch's for a failed batch). */
  error?: CheckErrorJson;
  /** Every error, present only when the group had more than one. */
  errors?: CheckErrorJson[];
}

export interface CheckResultJson {
  groups: GroupJson[];
}

function errorJson(e: GroupError): CheckErrorJson {
  return { code: e.code, message: e.message, accounts: [...e.accounts] };
}

export function toResultJson(results: readonly GroupResult[]): CheckResultJson {
  return {
    groups: results.map((g) => {
      const out: GroupJson = { groupId: g.groupId, roles: g.roles.map(({ account, role }) => ({ account, role })) };
      if (g.errors.length) out.error = errorJson(g.errors[0]);
      if (g.errors.length > 1) out.errors = g.errors.map(errorJson);
      return out;
    }),
  };
}
