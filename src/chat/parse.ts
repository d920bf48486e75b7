// Reading Chat REST answers. The HTTP status is 200 for every API result, errors included, so the body
// decides. Never throws: every input yields a value or a ResponseProblem, in time linear in its size.

import { redactSecrets } from './errors';
import type { ErrorCode, Role } from './types';

/** Why a whole response could not be used. `code` is HTTP_STATUS, BAD_RESPONSE, or the server's ErrorCode. */
export interface ResponseProblem {
  code: ErrorCode;
  /** What was wrong, or the server's ErrorInfo; redacted, at most a few hundred characters. */
  detail: string;
  /** The HTTP status, when it was not 200. */
  status?: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: ResponseProblem };

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

/** One group of a get_group_info answer. */
export interface GroupInfo {
  groupId: string;
  type?: string;
  name?: string;
  ownerAccount?: string;
  memberNum?: number;
  /** The server's per-group (or whole-request) error code, when it gave one. */
  errorCode?: number;
  errorInfo?: string;
  /** Set whenever the group's info could not be had: the server's code or a local one, with a readable message. */
  error?: { code: ErrorCode; message: string };
}

/** How many names of unrequested or conflicting accounts are kept for the log. */
export const SAMPLE_LIMIT = 20;
/** How many leading bytes of an unreadable body are quoted. */
const QUOTE_BYTES = 60;
/** Longest server string (ErrorInfo, a role) quoted in a detail. */
const MAX_QUOTE_CHARS = 200;

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

function decode(body: Uint8Array, start = 0, end = body.byteLength): string {
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8', start, end);
}

/**
 * The first bytes of a body as a quoted, escaped string with secrets redacted. Redaction runs on a longer
 * prefix than is quoted, so a secret that starts inside the quote is replaced whole, never cut in half.
 */
export function quoteStart(body: Uint8Array, secrets: readonly string[] = []): string {
  const longest = secrets.reduce((n, s) => Math.max(n, s.length), 0);
  const regionBytes = Math.min(body.byteLength, QUOTE_BYTES + 4 * Math.max(longest, 512));
  const redacted = redactSecrets(decode(body, 0, regionBytes), [...secrets]);
  const head = Buffer.from(redacted, 'utf8').subarray(0, QUOTE_BYTES).toString('utf8');
  const more = redacted.length > head.length || regionBytes < body.byteLength ? '…' : '';
  return JSON.stringify(head.replace(/\uFFFD$/, '')) + more;
}

function quoteValue(value: string, secrets: readonly string[]): string {
  const clipped = value.length > MAX_QUOTE_CHARS ? `${value.slice(0, MAX_QUOTE_CHARS)}…` : value;
  return JSON.stringify(redactSecrets(clipped, [...secrets]));
}

/** Real answers nest three levels deep; anything far deeper is not one (and costs V8 dearly to parse). */
const MAX_DEPTH = 32;
/** Bodies up to this size parse fast whatever their shape; larger ones are checked for depth first. */
const DEPTH_CHECK_FROM_BYTES = 64 * 1024;

/** True when the JSON text nests arrays/objects deeper than `limit` (brackets inside strings ignored). One pass. */
function nestsDeeperThan(body: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

function problem(code: ErrorCode, detail: string, status?: number): { ok: false; problem: ResponseProblem } {
  return { ok: false, problem: status === undefined ? { code, detail } : { code, detail, status } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The common envelope: HTTP status, JSON object, integer ErrorCode. A non-zero ErrorCode becomes the
 * problem (with ErrorInfo as detail); otherwise the parsed object is handed on.
 */
function parseEnvelope(status: number, body: Uint8Array, secrets: readonly string[]): Parsed<Record<string, unknown>> {
  if (status !== 200) {
    const start = body.byteLength > 0 ? `; the body began ${quoteStart(body, secrets)}` : '';
    return problem('HTTP_STATUS', `the server answered HTTP ${status}${start}`, status);
  }
  if (body.byteLength > DEPTH_CHECK_FROM_BYTES && nestsDeeperThan(body, MAX_DEPTH)) {
    return problem('BAD_RESPONSE', `the response nests deeper than ${MAX_DEPTH} levels: ${quoteStart(body, secrets)}`);
  }
  let text = decode(body);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const what = body.byteLength === 0 ? 'the response was empty' : `the response was not JSON: ${quoteStart(body, secrets)}`;
    return problem('BAD_RESPONSE', what);
  }
  if (!isRecord(json)) return problem('BAD_RESPONSE', `the response was JSON but not an object (${Array.isArray(json) ? 'an array' : json === null ? 'null' : typeof json})`);
  const code = json.ErrorCode;
  if (code === undefined) return problem('BAD_RESPONSE', 'the response has no ErrorCode');
  if (typeof code !== 'number' || !Number.isSafeInteger(code)) return problem('BAD_RESPONSE', 'ErrorCode in the response is not an integer');
  if (code !== 0) {
    const info = typeof json.ErrorInfo === 'string' ? redactSecrets(json.ErrorInfo.slice(0, MAX_QUOTE_CHARS), [...secrets]) : '';
    return problem(code, info);
  }
  return { ok: true, value: json };
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
  const envelope = parseEnvelope(status, body, secrets);
  if (!envelope.ok) return envelope;
  const list = envelope.value.UserIdList;
  if (!Array.isArray(list)) return problem('BAD_RESPONSE', `UserIdList in the response is ${list === undefined ? 'missing' : 'not an array'}`);

  // The server answers in request order; the index of requested accounts is built only when it does not.
  let index: Map<string, number> | undefined;
  const outcomes: (AccountOutcome | undefined)[] = new Array(requested.length).fill(undefined);
  const answer: RoleAnswer = { outcomes: [], unrequested: [], unrequestedCount: 0, conflicting: [] };
  const conflicted = new Set<string>();

  for (let i = 0; i < list.length; i++) {
    const entry: unknown = list[i];
    if (!isRecord(entry)) return problem('BAD_RESPONSE', `UserIdList[${i}] in the response is not an object`);
    const account = entry.Member_Account;
    if (typeof account !== 'string') return problem('BAD_RESPONSE', `UserIdList[${i}].Member_Account in the response is not a string`);
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
        ? { code: 'BAD_RESPONSE', detail: `UserIdList[${i}].Role in the response is not a string` }
        : (normalizeRole(raw) ?? { code: 'BAD_RESPONSE', detail: `the response gave the unknown role ${quoteValue(raw, secrets)}` });
    const previous = outcomes[at];
    if (previous === undefined) {
      outcomes[at] = outcome;
    } else if (!sameOutcome(previous, outcome) && !conflicted.has(account)) {
      conflicted.add(account);
      if (answer.conflicting.length < SAMPLE_LIMIT) answer.conflicting.push(account);
    }
  }
  answer.outcomes = outcomes.map((o) => o ?? { code: 'MISSING_FROM_RESPONSE', detail: 'the server\'s UserIdList left this account out' });
  return { ok: true, value: answer };
}

function sameOutcome(a: AccountOutcome, b: AccountOutcome): boolean {
  return typeof a === 'string' || typeof b === 'string' ? a === b : a.detail === b.detail;
}

/** One requested group of a get_group_info answer; `problem` is set when its info could not be had. */
export interface GroupInfoOutcome {
  info: GroupInfo;
  problem?: { code: ErrorCode; detail: string };
}

/**
 * Reads a get_group_info answer for the requested group IDs (unique, in request order): one outcome per
 * requested group. A group the server answered with an error keeps errorCode/errorInfo and gets that code
 * as its problem; a group it left out is MISSING_FROM_RESPONSE. A field of the wrong type is left out of
 * the GroupInfo rather than failing the group.
 */
export function parseGroupInfoResponse(
  status: number,
  body: Uint8Array,
  requested: readonly string[],
  secrets: readonly string[] = [],
): Parsed<GroupInfoOutcome[]> {
  const envelope = parseEnvelope(status, body, secrets);
  if (!envelope.ok) return envelope;
  const list = envelope.value.GroupInfo;
  if (!Array.isArray(list)) return problem('BAD_RESPONSE', `GroupInfo in the response is ${list === undefined ? 'missing' : 'not an array'}`);
  const index = new Map<string, number>();
  for (let i = 0; i < requested.length; i++) index.set(requested[i], i);
  const outcomes: (GroupInfoOutcome | undefined)[] = new Array(requested.length).fill(undefined);
  for (let i = 0; i < list.length; i++) {
    const entry: unknown = list[i];
    if (!isRecord(entry)) return problem('BAD_RESPONSE', `GroupInfo[${i}] in the response is not an object`);
    const groupId = entry.GroupId;
    if (typeof groupId !== 'string') return problem('BAD_RESPONSE', `GroupInfo[${i}].GroupId in the response is not a string`);
    const at = index.get(groupId);
    if (at === undefined || outcomes[at] !== undefined) continue;
    outcomes[at] = readGroupInfo(entry, groupId, i, secrets);
  }
  return {
    ok: true,
    value: outcomes.map(
      (o, i) => o ?? { info: { groupId: requested[i] }, problem: { code: 'MISSING_FROM_RESPONSE', detail: 'the server\'s GroupInfo left this group out' } },
    ),
  };
}

function readGroupInfo(entry: Record<string, unknown>, groupId: string, i: number, secrets: readonly string[]): GroupInfoOutcome {
  const info: GroupInfo = { groupId };
  const code = entry.ErrorCode;
  if (code !== undefined && code !== 0) {
    if (typeof code !== 'number' || !Number.isSafeInteger(code)) {
      return { info, problem: { code: 'BAD_RESPONSE', detail: `GroupInfo[${i}].ErrorCode in the response is not an integer` } };
    }
    info.errorCode = code;
    info.errorInfo = typeof entry.ErrorInfo === 'string' ? redactSecrets(entry.ErrorInfo.slice(0, MAX_QUOTE_CHARS), [...secrets]) : '';
    return { info, problem: { code, detail: info.errorInfo } };
  }
  if (typeof entry.Type === 'string') info.type = entry.Type;
  if (typeof entry.Name === 'string') info.name = entry.Name;
  if (typeof entry.Owner_Account === 'string') info.ownerAccount = entry.Owner_Account;
  if (typeof entry.MemberNum === 'number' && Number.isSafeInteger(entry.MemberNum)) info.memberNum = entry.MemberNum;
  return { info };
}
