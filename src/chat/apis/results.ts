// Assembling a query's outcomes into the results callers get: every requested account in exactly one
// role or one error, equal failures merged.

import { formatError } from '../errors';
import type { Failure } from '../query';
import { inSlices } from '../turns';
import type { ErrorCode, GroupError, GroupResult, Role } from '../types';

export type Outcome = Role | Failure;

/** One Failure object per distinct code and reason, so that accounts failing alike share it. */
export class FailureCache {
  private readonly byCode = new Map<ErrorCode, Map<string, Failure>>();

  get(code: ErrorCode, detail: string): Failure {
    let byDetail = this.byCode.get(code);
    if (!byDetail) this.byCode.set(code, (byDetail = new Map<string, Failure>()));
    let failure = byDetail.get(detail);
    if (!failure) byDetail.set(detail, (failure = { code, message: formatError(code, detail) }));
    return failure;
  }
}

/**
 * Roles in request order; failures merged by code and message, their accounts in request order. Accounts
 * are grouped by their Failure object (shared by every account failing alike), and only each distinct
 * object is merged by its text: the work per account stays constant whatever the message's length.
 */
export async function assembleRoles(groupId: string, names: string[], outcomeAt: (i: number) => Outcome): Promise<GroupResult> {
  const roles: GroupResult['roles'] = [];
  const byText = new Map<string, GroupError>();
  const byFailure = new Map<Failure, GroupError>();
  const errorFor = (failure: Failure): GroupError => {
    const key = `${failure.code}\u0000${failure.message}`;
    let error = byText.get(key);
    if (!error) {
      error = { code: failure.code, message: failure.message, accounts: [] };
      if (failure.lastCode !== undefined) error.lastCode = failure.lastCode;
      byText.set(key, error);
    }
    byFailure.set(failure, error);
    return error;
  };
  await inSlices(names.length, (i) => {
    const outcome = outcomeAt(i);
    if (typeof outcome === 'string') roles.push({ account: names[i], role: outcome });
    else (byFailure.get(outcome) ?? errorFor(outcome)).accounts.push(names[i]);
  });
  return { groupId, roles, errors: [...byText.values()] };
}
