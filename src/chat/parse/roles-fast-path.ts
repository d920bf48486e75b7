// The fast path of the get_role_in_group parser (roles.ts).

import type { Role } from '../types';

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
