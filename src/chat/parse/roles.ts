// Reading get_role_in_group answers: the fast path for the server's own compact shape, else the general
// path over the shared envelope. Every requested account gets exactly one outcome.

import * as l10n from '@vscode/l10n';
import type { Role } from '../types';
import { isRecord, parseEnvelope, problem, quoteValue, type Parsed } from './envelope';
import { readCanonicalRoles } from './roles-fast-path';

/** The outcome of one requested account: its role, or why it has none. */
export type AccountOutcome = Role | { code: 'MISSING_FROM_RESPONSE' | 'BAD_RESPONSE'; detail: string };

export interface RoleAnswer {
  /** One outcome per requested account, in request order. */
  outcomes: AccountOutcome[];
  /** Accounts the server reported but nobody asked for (ignored); at most SAMPLE_LIMIT names are kept. */
  unrequested: string[];
  unrequestedCount: number;
  /** Accounts reported more than once with different roles (the first report won); at most SAMPLE_LIMIT. */
  conflicting: string[];
}

/** How many names of unrequested or conflicting accounts are kept for the log. */
export const SAMPLE_LIMIT = 20;
/**
 * Objects and arrays an answer for `n` accounts may hold: the envelope, UserIdList and one object per entry
 * make n + 2; twice that plus some leaves room for repeated and unrequested entries.
 */
export function maxRoleContainers(n: number): number {
  return 2 * n + 128;
}
const ROLES: Readonly<Record<string, Role>> = { owner: 'Owner', admin: 'Admin', member: 'Member', notmember: 'NotMember' };

/** Matches a role leniently: surrounding space and letter case do not matter. */
export function normalizeRole(value: string): Role | undefined {
  // The server's own spelling: no allocation on the hot path.
  switch (value) {
    case 'Owner':
    case 'Admin':
    case 'Member':
    case 'NotMember':
      return value;
  }
  const key = value.trim().toLowerCase();
  return Object.hasOwn(ROLES, key) ? ROLES[key] : undefined;
}

/**
 * Reads a get_role_in_group answer for the accounts of one request (unique, in request order). Every
 * requested account gets exactly one outcome; an account the server left out is MISSING_FROM_RESPONSE, a
 * role that is not a known one (or not a string) is BAD_RESPONSE for that account alone.
 */
export function parseRoleResponse(
  status: number,
  body: Uint8Array,
  requested: readonly string[],
  secrets: readonly string[] = [],
): Parsed<RoleAnswer> {
  const roles = status === 200 ? readCanonicalRoles(body, requested) : undefined;
  if (roles !== undefined) return { ok: true, value: { outcomes: roles, unrequested: [], unrequestedCount: 0, conflicting: [] } };
  return parseRoleResponseGeneral(status, body, requested, secrets);
}

/** parseRoleResponse without its fast path: the reference its fast path is checked against. */
export function parseRoleResponseGeneral(
  status: number,
  body: Uint8Array,
  requested: readonly string[],
  secrets: readonly string[] = [],
): Parsed<RoleAnswer> {
  const envelope = parseEnvelope(status, body, secrets, maxRoleContainers(requested.length));
  if (!envelope.ok) return envelope;
  const list = envelope.value.UserIdList;
  if (!Array.isArray(list)) return problem('BAD_RESPONSE', list === undefined ? l10n.t('{0} in the response is missing', 'UserIdList') : l10n.t('{0} in the response is not an array', 'UserIdList'));

  // The server answers in request order; the index of requested accounts is built only when it does not.
  let index: Map<string, number> | undefined;
  const outcomes = new Array<AccountOutcome | undefined>(requested.length).fill(undefined);
  const answer: RoleAnswer = { outcomes: [], unrequested: [], unrequestedCount: 0, conflicting: [] };
  const conflicted = new Set<string>();

  for (let i = 0; i < list.length; i++) {
    const entry: unknown = list[i];
    if (!isRecord(entry)) return problem('BAD_RESPONSE', l10n.t('{0} in the response is not an object', `UserIdList[${i}]`));
    const account = entry.Member_Account;
    if (typeof account !== 'string') return problem('BAD_RESPONSE', l10n.t('{0} in the response is not a string', `UserIdList[${i}].Member_Account`));
    let at: number | undefined = i;
    if (requested[i] !== account) {
      if (!index) {
        index = new Map();
        for (let k = 0; k < requested.length; k++) index.set(requested[k], k);
      }
      at = index.get(account);
    }
    if (at === undefined) {
      if (answer.unrequested.length < SAMPLE_LIMIT) answer.unrequested.push(account);
      answer.unrequestedCount++;
      continue;
    }
    const raw = entry.Role;
    const outcome: AccountOutcome =
      typeof raw !== 'string'
        ? { code: 'BAD_RESPONSE', detail: l10n.t('{0} in the response is not a string', `UserIdList[${i}].Role`) }
        : (normalizeRole(raw) ?? { code: 'BAD_RESPONSE', detail: l10n.t('the response gave the unknown role {0}', quoteValue(raw, secrets)) });
    const previous = outcomes[at];
    if (previous === undefined) {
      outcomes[at] = outcome;
    } else if (!sameOutcome(previous, outcome) && !conflicted.has(account)) {
      conflicted.add(account);
      if (answer.conflicting.length < SAMPLE_LIMIT) answer.conflicting.push(account);
    }
  }
  answer.outcomes = outcomes.map((o) => o ?? { code: 'MISSING_FROM_RESPONSE', detail: l10n.t('the server\'s UserIdList left this account out') });
  return { ok: true, value: answer };
}

function sameOutcome(a: AccountOutcome, b: AccountOutcome): boolean {
  return typeof a === 'string' || typeof b === 'string' ? a === b : a.detail === b.detail;
}
