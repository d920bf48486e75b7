// Finding group IDs and account lists in editor text. Every scan here is a single forward pass (indexOf and
// char-code loops, no backtracking regular expressions), so a 10 MB file costs milliseconds, and input
// built to be adversarial (unclosed quotes, endless "@TGS#", huge runs of ID characters) stays linear.

import * as l10n from '@vscode/l10n';

export interface FoundId {
  id: string;
  /** UTF-16 offsets into the text; text.slice(start, end) === id. */
  start: number;
  end: number;
}

export const MAX_IDS_PER_SCAN = 1000;

const TGS = '@TGS#';
/** Community groups: "@TGS#_" + a default ID ("@TGS#_@TGS#cQVLVHIM62CJ") or a custom name ("@TGS#_mycommunity"). */
const COMMUNITY_INNER = '_@TGS#';
const TOPIC_MARK = '@TOPIC#';

/**
 * Limits (bytes, all ASCII):
 * - custom group IDs: at most 48 (Tencent's documented limit);
 * - generated "@TGS#" IDs are 14 characters ("@TGS#2C5SZEAEF"), generated Community IDs 23
 *   ("@TGS#_@TGS#cQVLVHIM62CJ"); Tencent documents no separate limit for them. We accept "@TGS#" IDs up to
 *   the longest ID Chat defines (topic IDs, 96 bytes) rather than refuse something the server may take,
 *   and the scanner ignores longer runs (base64 blobs and the like are not group IDs).
 * - UserIDs: at most 32.
 */
export const MAX_CUSTOM_GROUP_ID_BYTES = 48;
export const MAX_TGS_GROUP_ID_BYTES = 96;
export const MAX_ACCOUNT_BYTES = 32;

/**
 * The characters after "@TGS#" (and after a Community's "@TGS#_@TGS#"): ASCII letters, digits, "_" and "-".
 * Generated IDs use letters and digits only; "_" and "-" cover custom Community names. Anything else ends
 * the ID: quotes, whitespace, commas, brackets, "." (end of a sentence), "@" (so a topic ID
 * "<groupId>@TOPIC#_<name>" yields its group part, the group whose roles matter).
 */
function isIdChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

interface TgsMatch {
  /** End of the ID, or -1 when the "@TGS#" at this place does not start an ID. */
  end: number;
  /** Where scanning may continue (never before the place it started: keeps scans linear). */
  resume: number;
}

/** Reads the "@TGS#" ID starting at `at` (where text has "@TGS#"). */
function matchTgsId(text: string, at: number): TgsMatch {
  let bodyStart = at + TGS.length;
  // Glued to a word ("x@TGS#…", or the inner half of "@TGS#_@TGS#…"): not an ID start of its own.
  if (at > 0 && isIdChar(text.charCodeAt(at - 1))) return { end: -1, resume: bodyStart };
  if (text.startsWith(COMMUNITY_INNER, bodyStart)) bodyStart += COMMUNITY_INNER.length;
  let end = bodyStart;
  let hasAlnum = false;
  for (let c = text.charCodeAt(end); isIdChar(c); c = text.charCodeAt(++end)) {
    if (!hasAlnum && isAlnum(c)) hasAlnum = true;
  }
  if (!hasAlnum || end - at > MAX_TGS_GROUP_ID_BYTES) return { end: -1, resume: end };
  return { end, resume: end };
}

/** Every "@TGS#" ID in text[from, to), in order, until `visit` returns false. */
function scanTgsIds(text: string, from: number, to: number, visit: (found: FoundId) => boolean): void {
  let pos = from;
  while (pos < to) {
    const at = text.indexOf(TGS, pos);
    if (at < 0 || at >= to) return;
    const match = matchTgsId(text, at);
    if (match.end >= 0 && match.end <= to && !visit({ id: text.slice(at, match.end), start: at, end: match.end })) return;
    pos = match.resume;
  }
}

/**
 * Every default ("@TGS#2C5SZEAEF") and Community ("@TGS#_@TGS#cQVLVHIM62CJ") group ID, in text order,
 * duplicates included. Topic IDs give their group part. Custom IDs cannot be told from other text and are
 * not found here (see groupIdAt). Stops after `max` IDs (default MAX_IDS_PER_SCAN) with truncated = true.
 */
export function findGroupIds(text: string, options?: { max?: number }): { ids: FoundId[]; truncated: boolean } {
  const requested = options?.max;
  // Infinity means no cap; NaN, negative or missing means the default.
  const max = requested !== undefined && requested >= 0 ? Math.floor(requested) : MAX_IDS_PER_SCAN;
  const ids: FoundId[] = [];
  let truncated = false;
  scanTgsIds(text, 0, text.length, (found) => {
    if (ids.length >= max) {
      truncated = true;
      return false;
    }
    ids.push(found);
    return true;
  });
  return { ids, truncated };
}

const BACKSLASH = 92;
const NEWLINE = 10;
const CARRIAGE_RETURN = 13;

function isQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 96; // " ' `
}

/** Index of the unescaped `quote` after `from`, before `to`; -1 when the literal does not close. */
function closingQuote(text: string, from: number, to: number, quote: number): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === quote) return i;
  }
  return -1;
}

/**
 * The contents of the quoted literal on text[lineStart, lineEnd) that covers `offset` (quotes included).
 * Literals are paired left to right; an opening quote that never closes on the line is taken as an
 * apostrophe and skipped. Prose with apostrophes can pair wrongly; code, JSON and YAML pair right.
 */
function literalAt(text: string, lineStart: number, lineEnd: number, offset: number): FoundId | undefined {
  // Once a quote of one kind fails to close, every later quote of that kind fails too (the rest of the line
  // reads the same from either); remembering it keeps lines full of "\'" linear.
  const unclosed = new Set<number>();
  let i = lineStart;
  while (i < lineEnd && i <= offset) {
    const c = text.charCodeAt(i);
    if (!isQuote(c) || unclosed.has(c)) {
      i++;
      continue;
    }
    const close = closingQuote(text, i + 1, lineEnd, c);
    if (close < 0) {
      unclosed.add(c);
      i++;
      continue;
    }
    if (offset <= close + 1 && offset >= i) return { id: text.slice(i + 1, close), start: i + 1, end: close };
    i = close + 1;
  }
  return undefined;
}

/** True when a quoted literal holds exactly one "@TGS#…" ID (custom Community names may use any printable ASCII). */
function isWholeTgsLiteral(contents: string): boolean {
  if (!contents.startsWith(TGS) || contents.includes(TOPIC_MARK) || contents.length > MAX_TGS_GROUP_ID_BYTES) return false;
  for (let i = 0; i < contents.length; i++) {
    const c = contents.charCodeAt(i);
    if (c <= 32 || c >= 127 || c === 44 || c === 59) return false; // space, control, non-ASCII, "," ";"
  }
  return true;
}

/**
 * The group ID under `offset`: a quoted literal that is one whole "@TGS#" ID (or a topic ID: its group
 * part); else the "@TGS#" ID covering
 * the offset (its end included, so a caret right after an ID counts); else the contents of the quoted
 * literal ('…', "…", `…`) under the offset on that line, for custom IDs; else undefined.
 */
export function groupIdAt(text: string, offset: number): FoundId | undefined {
  if (!Number.isFinite(offset)) return undefined;
  const at = Math.min(Math.max(Math.floor(offset), 0), text.length);
  const lineStart = at === 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1;
  let lineEnd = text.indexOf('\n', at);
  if (lineEnd < 0) lineEnd = text.length;
  if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === CARRIAGE_RETURN) lineEnd--;
  const literal = literalAt(text, lineStart, lineEnd, at);
  if (literal) {
    // A quoted topic ID stands for its group, wherever the caret is in it.
    const topic = literal.id.indexOf(TOPIC_MARK);
    const group = topic > 0 ? { id: literal.id.slice(0, topic), start: literal.start, end: literal.start + topic } : literal;
    if (isWholeTgsLiteral(group.id)) return group;
  }
  let covering: FoundId | undefined;
  scanTgsIds(text, lineStart, lineEnd, (found) => {
    if (found.start > at) return false;
    if (found.end >= at) covering = found;
    return covering === undefined;
  });
  if (covering) return covering;
  if (literal && literal.id.trim()) return literal;
  return undefined;
}

/** Characters that may stand next to a custom ID: text edges, whitespace, quotes and punctuation of code. */
function isCustomIdNeighbour(c: number): boolean {
  // NaN (outside the text) counts as an edge.
  if (Number.isNaN(c) || c <= 32 || isQuote(c)) return true;
  return ',;:()[]{}<>='.includes(String.fromCharCode(c));
}

/**
 * Every place `id` stands as a whole token: "@TGS#" IDs not glued to ID characters on either side (so
 * "@TGS#ABC" is not found in "@TGS#ABCD", nor "@TGS#X" in "@TGS#_@TGS#X"; a topic's group part counts),
 * custom IDs between quotes, whitespace or code punctuation. Matches do not overlap.
 */
export function findOccurrences(text: string, id: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  if (!id) return found;
  const tgs = id.startsWith(TGS);
  const fits = (c: number): boolean => (tgs ? !isIdChar(c) : isCustomIdNeighbour(c));
  let pos = 0;
  for (let at = text.indexOf(id, pos); at >= 0; at = text.indexOf(id, pos)) {
    const end = at + id.length;
    if (fits(at > 0 ? text.charCodeAt(at - 1) : NaN) && fits(text.charCodeAt(end))) {
      found.push({ start: at, end });
      pos = end;
    } else {
      pos = at + 1;
    }
  }
  return found;
}

/**
 * A forward reader for request bodies as they appear in code: JSON or JS object literals, with // and
 * /* *\/ comments, trailing commas and any of the three quotes. Positions only move forward, and the
 * indexOf results it caches stay valid while they do: that keeps whole-file scans linear.
 */
class BodyReader {
  pos = 0;
  private readonly nextAt = new Map<string, { from: number; at: number }>();

  constructor(readonly text: string) {}

  /** text.indexOf(needle, from), answered from the cache when an earlier search already covers it. */
  private indexOf(needle: string, from: number): number {
    const cached = this.nextAt.get(needle);
    if (cached && from >= cached.from && (cached.at < 0 || cached.at >= from)) return cached.at;
    const at = this.text.indexOf(needle, from);
    this.nextAt.set(needle, { from, at });
    return at;
  }

  /**
   * Skips whitespace and comments. Inside an array, a // comment whose line also holds the array's "]" is
   * a body flattened onto one line (as on Tencent's API page:
   * `"User_Account": [ // Up to 500 member accounts are supported"leckie","peter","wesley"]}`), so the
   * comment ends at its first double quote instead of swallowing the accounts.
   * False when an unclosed block comment runs to the end.
   */
  skipTrivia(inArray: boolean): boolean {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === NEWLINE || c === CARRIAGE_RETURN || c === 0xa0 || c === 0xfeff) {
        this.pos++;
      } else if (c === 47 && text.charCodeAt(this.pos + 1) === 47) {
        const newline = this.indexOf('\n', this.pos);
        const lineEnd = newline < 0 ? text.length : newline;
        let end = lineEnd;
        if (inArray) {
          const bracket = this.indexOf(']', this.pos);
          const quote = this.indexOf('"', this.pos);
          if (bracket >= 0 && bracket < lineEnd && quote >= 0 && quote < lineEnd) end = quote;
        }
        this.pos = end;
      } else if (c === 47 && text.charCodeAt(this.pos + 1) === 42) {
        const close = this.indexOf('*/', this.pos + 2);
        if (close < 0) {
          this.pos = text.length;
          return false;
        }
        this.pos = close + 2;
      } else {
        return true;
      }
    }
  }

  /** Consumes `char` when it is next. */
  accept(char: string): boolean {
    if (this.text[this.pos] !== char) return false;
    this.pos++;
    return true;
  }

  /** Reads a string literal at pos (any quote), unescaped; undefined (pos moved on) when there is none. */
  readString(): string | undefined {
    const text = this.text;
    const quote = text.charCodeAt(this.pos);
    if (!isQuote(quote)) return undefined;
    let out = '';
    let chunk = this.pos + 1;
    let i = chunk;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === quote) {
        this.pos = i + 1;
        return out + text.slice(chunk, i);
      }
      if ((c === NEWLINE || c === CARRIAGE_RETURN) && quote !== 96) break; // '…' and "…" end with the line
      if (quote === 96 && c === 36 && text.charCodeAt(i + 1) === 123) break; // `${…}` is not a literal value
      if (c === BACKSLASH) {
        out += text.slice(chunk, i);
        const [value, length] = unescapeAt(text, i + 1);
        out += value;
        i += length;
        chunk = i + 1;
      }
    }
    this.pos = Math.min(i, text.length); // the unterminated literal is consumed: callers resume after it
    return undefined;
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', 0: '\0' };

/** The value of the escape whose letter is at `at` (after the backslash), and how many characters it spans. */
function unescapeAt(text: string, at: number): [string, number] {
  const letter = text[at] ?? '';
  if (Object.hasOwn(SIMPLE_ESCAPES, letter)) return [SIMPLE_ESCAPES[letter], 1];
  if (letter === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) {
    return [String.fromCharCode(parseInt(text.slice(at + 1, at + 5), 16)), 5];
  }
  if (letter === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(at + 1, at + 3))) {
    return [String.fromCharCode(parseInt(text.slice(at + 1, at + 3), 16)), 3];
  }
  if (letter === '\r' && text[at + 1] === '\n') return ['', 2]; // line continuation
  if (letter === '\n' || letter === '\r') return ['', 1];
  return [letter, letter ? 1 : 0];
}

function isIdentifierChar(c: number): boolean {
  return isAlnum(c) || c === 95 || c === 36; // _ $
}

/**
 * Finds `key` used as an object key ("key", 'key' or bare key, followed by ":") and lets `readValue`
 * read what follows. Tries each place in turn, never re-reading text a failed attempt consumed.
 */
function findKeyedValue<T>(text: string, key: string, readValue: (reader: BodyReader) => T | undefined): T | undefined {
  const reader = new BodyReader(text);
  let from = 0;
  for (let at = text.indexOf(key, from); at >= 0; at = text.indexOf(key, from)) {
    let keyEnd = at + key.length;
    const before = at > 0 ? text.charCodeAt(at - 1) : NaN;
    const after = text.charCodeAt(keyEnd);
    const quoted = (before === 34 || before === 39) && after === before;
    const bare = !isIdentifierChar(before) && !isQuote(before) && !isIdentifierChar(after) && !isQuote(after);
    if (quoted) keyEnd++;
    if (quoted || bare) {
      reader.pos = keyEnd;
      if (reader.skipTrivia(false) && reader.accept(':') && reader.skipTrivia(false)) {
        const value = readValue(reader);
        if (value !== undefined) return value;
      }
    }
    from = Math.max(keyEnd, reader.pos);
  }
  return undefined;
}

/**
 * The accounts of a get_role_in_group body in the text (`"User_Account": ["a", "b"]`, JSON or JS, with
 * comments and trailing commas). Every element must be a string literal: an array holding a variable gives
 * undefined rather than a silently shortened list. An empty array gives []. Undefined when there is none.
 */
export function findAccountsInRequestBody(text: string): string[] | undefined {
  return findKeyedValue(text, 'User_Account', (reader) => {
    if (!reader.accept('[')) return undefined;
    const accounts: string[] = [];
    for (;;) {
      if (!reader.skipTrivia(true)) return undefined;
      if (reader.accept(']')) return accounts;
      const account = reader.readString();
      if (account === undefined || !reader.skipTrivia(true)) return undefined;
      accounts.push(account);
      if (reader.accept(']')) return accounts;
      if (!reader.accept(',')) return undefined;
    }
  });
}

/** The "GroupId" string of a request body in the text (custom IDs too); undefined when there is none or it is empty. */
export function findGroupIdInRequestBody(text: string): string | undefined {
  return findKeyedValue(text, 'GroupId', (reader) => reader.readString() || undefined);
}

/** Accounts typed or pasted as a list: separated by commas, semicolons or whitespace; trimmed, de-duplicated in order. */
export function parseAccountList(input: string): string[] {
  // Streams the tokens into the set: a pasted list of millions of repeats never becomes one big array.
  const accounts = new Set<string>();
  for (const match of input.matchAll(/[^\s,;]+/g)) accounts.add(match[0]);
  return [...accounts];
}

/** The code point at `index` as "U+0009" (its 1-based position goes into the message beside it). */
function codePointAt(text: string, index: number): string {
  const code = text.codePointAt(index) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

const CONTROL = /\p{Cc}/u; // U+0000–U+001F and U+007F–U+009F
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Why a group ID cannot be sent, or undefined when it can. Custom IDs: printable ASCII, at most 48 bytes.
 * "@TGS#" IDs: printable ASCII, at most 96 bytes (see the limits above). Topic IDs are refused with their
 * group part named, since roles belong to the group.
 */
export function checkGroupId(id: string): string | undefined {
  if (typeof id !== 'string' || id.trim().length === 0) return l10n.t('The group ID is empty.');
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < 32 || c > 126) return l10n.t('The group ID contains a character that is not printable ASCII ({0} at position {1}).', codePointAt(id, i), i + 1);
  }
  const topic = id.indexOf(TOPIC_MARK);
  if (topic > 0) return l10n.t('"{0}" is a topic ID; check its group, {1}.', id, id.slice(0, topic));
  const tgs = id.startsWith(TGS);
  const limit = tgs ? MAX_TGS_GROUP_ID_BYTES : MAX_CUSTOM_GROUP_ID_BYTES;
  if (id.length > limit) {
    return tgs
      ? l10n.t('The group ID is {0} bytes long; "@TGS#" IDs have at most {1}.', id.length, limit)
      : l10n.t('The group ID is {0} bytes long; custom group IDs have at most {1}.', id.length, limit);
  }
  return undefined;
}

/**
 * How much of an account name is kept or quoted where a longer one can only be hostile (real ones are at
 * most 32 bytes): enough to recognise it, where a 2 MB one was stored and logged whole.
 */
export const SHOWN_ACCOUNT_CHARS = 64;

export function clipAccountName(account: string): string {
  return account.length > SHOWN_ACCOUNT_CHARS ? `${account.slice(0, SHOWN_ACCOUNT_CHARS)}…` : account;
}

/**
 * Why an account (UserID) cannot be sent, or undefined when it can. Tencent recommends letters, digits,
 * "_" and "-" and its SDKs accept printable ASCII; we also accept other printable Unicode (the 32-byte UTF-8
 * limit still applies) and leave the verdict on those to the server, but refuse control characters and
 * broken UTF-16, which can only be copy-paste accidents.
 */
export function checkAccount(account: string): string | undefined {
  if (typeof account !== 'string' || account.trim().length === 0) return l10n.t('The account is empty.');
  const control = CONTROL.exec(account);
  if (control) return l10n.t('The account contains a control character ({0} at position {1}).', codePointAt(account, control.index), control.index + 1);
  const surrogate = LONE_SURROGATE.exec(account);
  if (surrogate) return l10n.t('The account contains broken Unicode (a lone surrogate at position {0}).', surrogate.index + 1);
  const bytes = Buffer.byteLength(account, 'utf8');
  if (bytes > MAX_ACCOUNT_BYTES) return l10n.t('The account is {0} bytes long (UTF-8); accounts have at most {1}.', bytes, MAX_ACCOUNT_BYTES);
  return undefined;
}
