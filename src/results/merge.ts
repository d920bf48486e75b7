// A later check of a group merges into its record: the newest answer per account wins and each answer
// keeps its own time. Pure functions over records, so the store's keying stays its own business.
import { describeError } from '../chat/errors';
import type { ErrorCode } from '../chat/types';
import { answeredAt, countRoles, type GroupRecord, type RecordError, type RoleEntry } from './record';

/** An outcome that tells nothing about the account: the account's earlier answer stays. */
const isNoAnswer = (code: ErrorCode) => code === 'CANCELLED';
/** A refusal of our credentials: it is the newest outcome, but the last good role stays visible under it. */
const isCredentialRefusal = (code: ErrorCode) => describeError(code).scope === 'credentials';

/**
 * The record after `next` (a check of some of the group's accounts, maybe cancelled part-way) is merged
 * into `previous`. Accounts `next` answered take its answer; the others keep their earlier one, with its
 * time. A cancelled account keeps its earlier answer, or shows as cancelled if it had none. An account
 * refused for credentials keeps its last good role in `kept`. Only the listed part of a reloaded big
 * record merges: its unlisted rest cannot be told apart from the new accounts, and counting it again
 * would overstate the group. Another app's record is replaced, never merged.
 */
export function mergeRecords(previous: GroupRecord | undefined, next: GroupRecord): GroupRecord {
  if (!previous || previous.groupId !== next.groupId || previous.sdkAppId !== next.sdkAppId) return next;
  const earlierRoles = new Map(previous.roles.map((r) => [r.account, r] as const));
  const earlierKept = new Map((previous.kept ?? []).map((r) => [r.account, r] as const));
  const earlierAnswered = new Set(previous.roles.map((r) => r.account));
  for (const e of previous.errors) if (!isNoAnswer(e.code)) for (const a of e.accounts) earlierAnswered.add(a);

  const answered = new Set<string>(next.roles.map((r) => r.account));
  const errors: RecordError[] = [];
  const kept: RoleEntry[] = [];
  for (const e of next.errors) {
    const accounts = isNoAnswer(e.code) ? e.accounts.filter((a) => !earlierAnswered.has(a)) : e.accounts;
    if (!accounts.length) continue;
    for (const a of accounts) answered.add(a);
    errors.push({ code: e.code, message: e.message, accounts });
    if (!isCredentialRefusal(e.code)) continue;
    for (const a of accounts) {
      const last = earlierRoles.get(a) ?? earlierKept.get(a);
      if (last) kept.push({ account: a, role: last.role, at: answeredAt(previous, last) });
    }
  }
  if (!answered.size) return previous;

  const stillEarlier = (a: string) => !answered.has(a);
  const roles: RoleEntry[] = [...next.roles, ...previous.roles.filter((r) => stillEarlier(r.account)).map((r) => ({ ...r, at: answeredAt(previous, r) }))];
  for (const e of previous.errors) {
    const accounts = e.accounts.filter(stillEarlier);
    if (accounts.length) errors.push({ code: e.code, message: e.message, accounts, at: answeredAt(previous, e) });
  }
  kept.push(...(previous.kept ?? []).filter((r) => stillEarlier(r.account)));

  const merged: GroupRecord = {
    ...next,
    roles: roles.map((r) => withTime(r, next.checkedAt)),
    errors: errors.map((e) => withTime(e, next.checkedAt)),
    counts: countRoles(roles),
  };
  if (kept.length) merged.kept = kept;
  else delete merged.kept;
  // Check Again asks about every account the record holds; an earlier list that was not kept leaves it unknown.
  if (previous.accounts && next.accounts) merged.accounts = [...new Set([...next.accounts, ...previous.accounts])];
  else delete merged.accounts;
  return merged;
}

/** The entry with `at` only when it differs from the record's own time (most entries carry none). */
function withTime<T extends { at?: number }>(entry: T, checkedAt: number): T {
  const { at, ...rest } = entry;
  return at === undefined || at === checkedAt ? (rest as T) : entry;
}
