// The answer envelope every Chat REST API shares. The HTTP status is 200 for every API result, errors
// included, so the body decides. Never throws: every input yields a value or a ResponseProblem, in time
// linear in its size. Each API's own parser (beside this file) reads what the envelope hands on.

import * as l10n from '@vscode/l10n';
import { redactSecrets } from '../errors';
import type { ErrorCode } from '../types';

/** Why a whole response could not be used. `code` is HTTP_STATUS, BAD_RESPONSE, or the server's ErrorCode. */
export interface ResponseProblem {
  code: ErrorCode;
  /** What was wrong, or the server's ErrorInfo; redacted, at most a few hundred characters. */
  detail: string;
  /** The HTTP status, when it was not 200. */
  status?: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: ResponseProblem };

/** How many leading bytes of an unreadable body are quoted. */
const QUOTE_BYTES = 60;
/** Longest server string (ErrorInfo, a role) quoted in a detail. */
export const MAX_QUOTE_CHARS = 200;

export function decode(body: Uint8Array, start = 0, end = body.byteLength): string {
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

export function quoteValue(value: string, secrets: readonly string[]): string {
  const clipped = value.length > MAX_QUOTE_CHARS ? `${value.slice(0, MAX_QUOTE_CHARS)}…` : value;
  return JSON.stringify(redactSecrets(clipped, [...secrets]));
}

/** Real answers nest three levels deep; anything far deeper is not one (and costs V8 dearly to parse). */
const MAX_DEPTH = 32;

/**
 * Why the JSON text cannot be a real answer, found in one pass before JSON.parse (brackets inside strings
 * ignored): it nests deeper than MAX_DEPTH, or holds more objects and arrays than `maxContainers`. V8 parses
 * a body of nothing but `{}` at about 3 MB/s, so the count, not the size, bounds the parse.
 */
function shapeProblem(body: Uint8Array, maxContainers: number): { tooDeep: boolean; limit: number } | undefined {
  let depth = 0;
  let containers = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_DEPTH) return { tooDeep: true, limit: MAX_DEPTH };
      if (++containers > maxContainers) return { tooDeep: false, limit: maxContainers };
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return undefined;
}

export function problem(code: ErrorCode, detail: string, status?: number): { ok: false; problem: ResponseProblem } {
  return { ok: false, problem: status === undefined ? { code, detail } : { code, detail, status } };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The common envelope: HTTP status, JSON object, integer ErrorCode. A non-zero ErrorCode becomes the
 * problem (with ErrorInfo as detail); otherwise the parsed object is handed on. `maxContainers` is how
 * many objects and arrays an answer to this request can hold at most (each API counts its own).
 */
export function parseEnvelope(status: number, body: Uint8Array, secrets: readonly string[], maxContainers: number): Parsed<Record<string, unknown>> {
  if (status !== 200) {
    const detail = body.byteLength > 0
      ? l10n.t('the server answered HTTP {0}; the body began {1}', status, quoteStart(body, secrets))
      : l10n.t('the server answered HTTP {0}', status);
    return problem('HTTP_STATUS', detail, status);
  }
  const shape = shapeProblem(body, maxContainers);
  if (shape !== undefined) {
    const quoted = quoteStart(body, secrets);
    return problem('BAD_RESPONSE', shape.tooDeep
      ? l10n.t('the response nests deeper than {0} levels: {1}', shape.limit, quoted)
      : l10n.t('the response holds more than {0} objects and arrays, more than the request can have: {1}', shape.limit, quoted));
  }
  let text = decode(body);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const what = body.byteLength === 0 ? l10n.t('the response was empty') : l10n.t('the response was not JSON: {0}', quoteStart(body, secrets));
    return problem('BAD_RESPONSE', what);
  }
  if (!isRecord(json)) {
    return problem('BAD_RESPONSE', Array.isArray(json)
      ? l10n.t('the response was JSON but not an object (an array)')
      : l10n.t('the response was JSON but not an object ({0})', json === null ? 'null' : typeof json));
  }
  const code = json.ErrorCode;
  if (code === undefined) return problem('BAD_RESPONSE', l10n.t('the response has no ErrorCode'));
  if (typeof code !== 'number' || !Number.isSafeInteger(code)) return problem('BAD_RESPONSE', l10n.t('{0} in the response is not an integer', 'ErrorCode'));
  if (code !== 0) {
    const info = typeof json.ErrorInfo === 'string' ? redactSecrets(json.ErrorInfo.slice(0, MAX_QUOTE_CHARS), [...secrets]) : '';
    return problem(code, info);
  }
  return { ok: true, value: json };
}
