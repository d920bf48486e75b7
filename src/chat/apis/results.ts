// Assembling a query's outcomes into the results callers get: every requested account in exactly one
// role or one error, equal failures merged.

import { formatError } from '../errors';
import type { Failure } from '../query';
import type { ErrorCode, GroupError, GroupResult, Role } from '../types';

export type Outcome = Role | Failure;

/** One Failure object per distinct code and reason, so equal failures merge. */
export class FailureCache {
  private readonly byKey = new Map<string, Failure>();

  get(code: ErrorCode, detail: string): Failure {
    const message = formatError(code, detail);
    const key = `${code}\u0000${message}`;
    let failure = this.byKey.get(key);
    if (!failure) this.byKey.set(key, (failure = { code, message }));
    return failure;
  }
}

/** Roles in request order; failures merged by code and message, their accounts in request order. */
export function assembleRoles(groupId: string, names: string[], row: Outcome[]): GroupResult {
  const roles: GroupResult['roles'] = [];
  const errors = new Map<string, GroupError>();
  for (let i = 0; i < names.length; i++) {
    const outcome = row[i];
    if (typeof outcome === 'string') {
      roles.push({ account: names[i], role: outcome });
      continue;
    }
    const key = `${outcome.code}\u0000${outcome.message}`;
    let error = errors.get(key);
    if (!error) {
      error = { code: outcome.code, message: outcome.message, accounts: [] };
      if (outcome.lastCode !== undefined) error.lastCode = outcome.lastCode;
      errors.set(key, error);
    }
    error.accounts.push(names[i]);
  }
  return { groupId, roles, errors: [...errors.values()] };
}
