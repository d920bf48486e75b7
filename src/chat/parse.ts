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

// ---- Fast path for get_role_in_group ----
// A 500-account answer is ≈ 26 KB; decoding it and JSON.parse building 500 objects and 1,000 strings,
// only for them to be read once and dropped, is most of the client's CPU on a big check. The server
// answers in one compact shape, in request order, so that shape is checked byte by byte in place: each
// entry is one template compared with the requested account in between, the roles become the four Role
// constants, and nothing but the result array is allocated. Anything else (an escape, whitespace inside
// UserIdList, another order, extra or repeated keys, an error, ill-formed UTF-8, a BOM) returns undefined
// and goes to the general path, which alone decides every other case, so the answer is always the
// general parser's. Few, long comparisons per entry keep it fast; the envelope may be spaced out.

const bytesOf = (ascii: string): Uint8Array => Uint8Array.from(ascii, (c) => c.charCodeAt(0));
const OPEN_BRACE = bytesOf('{');
const CLOSE_BRACE = bytesOf('}');
const OPEN_BRACKET = bytesOf('[');
const CLOSE_BRACKET = bytesOf(']');
const COMMA = bytesOf(',');
const COLON = bytesOf(':');
const KEY_ACTION_STATUS = bytesOf('"ActionStatus"');
const KEY_ERROR_INFO = bytesOf('"ErrorInfo"');
const KEY_ERROR_CODE = bytesOf('"ErrorCode"');
const KEY_USER_ID_LIST = bytesOf('"UserIdList"');
const VALUE_OK = bytesOf('"OK"');
const VALUE_EMPTY = bytesOf('""');
const VALUE_ZERO = bytesOf('0');
const FIRST_ENTRY_HEAD = bytesOf('{"Member_Account":"');
const NEXT_ENTRY_HEAD = bytesOf(',{"Member_Account":"');
/** The rest of an entry after its account, by role; the role's first letter is at ROLE_LETTER_AT. */
const ENTRY_TAILS = { Owner: bytesOf('","Role":"Owner"}'), Admin: bytesOf('","Role":"Admin"}'), Member: bytesOf('","Role":"Member"}'), NotMember: bytesOf('","Role":"NotMember"}') };
const ROLE_LETTER_AT = '","Role":"'.length;

function roleByLetter(letter: number): Role | undefined {
  switch (letter) {
    case 0x4f: return 'Owner';
    case 0x41: return 'Admin';
    case 0x4d: return 'Member';
    case 0x4e: return 'NotMember';
  }
  return undefined;
}

/** The index after `token` if it starts at `i`, else -1 (also when `i` is -1). */
function matchAt(b: Uint8Array, i: number, token: Uint8Array): number {
  if (i < 0 || i + token.length > b.length) return -1;
  for (let k = 0; k < token.length; k++) if (b[i + k] !== token[k]) return -1;
  return i + token.length;
}

/** The index of the first non-whitespace byte from `i` (-1 stays -1). */
function skipSpace(b: Uint8Array, i: number): number {
  if (i < 0) return -1;
  for (let c = b[i]; c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = b[++i]);
  return i;
}

/** Like matchAt, after skipping JSON whitespace. */
function tokenAt(b: Uint8Array, i: number, token: Uint8Array): number {
  return matchAt(b, skipSpace(b, i), token);
}

/** `"key" :` → the index after the colon, or -1. */
function keyAt(b: Uint8Array, i: number, quotedKey: Uint8Array): number {
  return tokenAt(b, tokenAt(b, i, quotedKey), COLON);
}

/**
 * The index after the characters of `expected` written plainly in UTF-8 at `i`, else -1. A character that
 * JSON must escape (quote, backslash, control) never matches, so a match cannot end or change the token.
 * Ill-formed UTF-8 (which decoding would turn into U+FFFD) never matches either.
 */
function plainStringAt(b: Uint8Array, i: number, expected: string): number {
  for (let j = 0; j < expected.length; ) {
    const c = expected.charCodeAt(j);
    if (c < 0x80) {
      if (c < 0x20 || c === 0x22 || c === 0x5c || b[i] !== c) return -1;
      i++;
      j++;
      continue;
    }
    const lead = b[i];
    const n = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (n === 0 || i + n > b.length) return -1;
    let cp = lead & (0x7f >> n);
    for (let k = 1; k < n; k++) {
      const d = b[i + k];
      if ((d & 0xc0) !== 0x80) return -1;
      cp = (cp << 6) | (d & 0x3f);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are ill-formed.
    if (n === 3 ? cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff) : n === 4 && (cp < 0x10000 || cp > 0x10ffff)) return -1;
    if (expected.codePointAt(j) !== cp) return -1;
    i += n;
    j += cp > 0xffff ? 2 : 1;
  }
  return i;
}

/** `[{"Member_Account":"<requested[k]>","Role":"<Role>"},…]` with no whitespace inside; the index after it, or -1. */
function canonicalListAt(b: Uint8Array, i: number, requested: readonly string[], roles: Role[]): number {
  i = tokenAt(b, i, OPEN_BRACKET);
  for (let k = 0; k < requested.length && i >= 0; k++) {
    i = plainStringAt(b, matchAt(b, i, k === 0 ? FIRST_ENTRY_HEAD : NEXT_ENTRY_HEAD), requested[k]);
    const role = i < 0 ? undefined : roleByLetter(b[i + ROLE_LETTER_AT]);
    if (role === undefined) return -1;
    i = matchAt(b, i, ENTRY_TAILS[role]);
    roles.push(role);
  }
  return tokenAt(b, i, CLOSE_BRACKET);
}

/**
 * The fast path of parseRoleResponse: the roles of a successful answer of the shape
 * `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"UserIdList":[…]}` (those four keys once each, in
 * any order) listing exactly the requested accounts in request order, compactly. undefined means "not
 * that shape": only the general path may judge such a body.
 */
export function readCanonicalRoles(body: Uint8Array, requested: readonly string[]): Role[] | undefined {
  const roles: Role[] = [];
  let seen = 0;
  let i = tokenAt(body, 0, OPEN_BRACE);
  for (;;) {
    let bit: number;
    let at: number;
    if ((at = keyAt(body, i, KEY_ACTION_STATUS)) >= 0) {
      bit = 1;
      i = tokenAt(body, at, VALUE_OK);
    } else if ((at = keyAt(body, i, KEY_ERROR_INFO)) >= 0) {
      bit = 2;
      i = tokenAt(body, at, VALUE_EMPTY);
    } else if ((at = keyAt(body, i, KEY_ERROR_CODE)) >= 0) {
      // A digit, '.' or exponent after the 0 then fails the ',' or '}' that must follow.
      bit = 4;
      i = tokenAt(body, at, VALUE_ZERO);
    } else if ((at = keyAt(body, i, KEY_USER_ID_LIST)) >= 0) {
      bit = 8;
      i = canonicalListAt(body, at, requested, roles);
    } else {
      return undefined;
    }
    // A repeated key (JSON.parse would keep the last) is for the general path.
    if (i < 0 || seen & bit) return undefined;
    seen |= bit;
    const next = tokenAt(body, i, COMMA);
    if (next < 0) break;
    i = next;
  }
  return seen === 15 && skipSpace(body, tokenAt(body, i, CLOSE_BRACE)) === body.length ? roles : undefined;
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
  const envelope = parseEnvelope(status, body, secrets);
  if (!envelope.ok) return envelope;
  const list = envelope.value.UserIdList;
  if (!Array.isArray(list)) return problem('BAD_RESPONSE', `UserIdList in the response is ${list === undefined ? 'missing' : 'not an array'}`);

  // The server answers in request order; the index of requested accounts is built only when it does not.
  let index: Map<string, number> | undefined;
  const outcomes = new Array<AccountOutcome | undefined>(requested.length).fill(undefined);
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
  const outcomes = new Array<GroupInfoOutcome | undefined>(requested.length).fill(undefined);
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
