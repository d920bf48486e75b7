// UserSig: decode (no key needed) to warn before a call would fail, and mint (TLSSigAPIv2, HMAC-SHA256)
// from the app's secret key. Only node:crypto and node:zlib; the format is in chat-rest-api.md.

import { createHash, createHmac, randomBytes } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import * as l10n from '@vscode/l10n';
import { ChatError } from '../errors';

export interface DecodedUserSig {
  version: 'v2' | 'ecdsa';
  identifier: string;
  sdkAppId: number;
  /** Unix seconds. */
  issuedAt: number;
  expireSeconds: number;
  /** Unix seconds; the sig is valid while now <= expiresAt. */
  expiresAt: number;
}

/** Every way a string can fail to be a UserSig. The message never quotes the input. */
export class UserSigDecodeError extends Error {
  constructor(message: string) {
    super(`Not a readable UserSig: ${message}`);
    this.name = 'UserSigDecodeError';
  }
}

/** Real sigs are a few hundred characters; anything far longer is not one. */
const MAX_USERSIG_CHARS = 8192;
/** The inflated JSON is ~150 bytes (ECDSA ~300); the cap stops a zip bomb from taking memory. */
const MAX_INFLATED_BYTES = 16 * 1024;
const DEFAULT_EXPIRE_SECONDS = 86400 * 7;
const ECDSA_VERSION = '201610110000';

function toBase64(text: string): string {
  return text.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
}

function fromBase64(base64: string): string {
  return base64.replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
}

function fail(message: string): never {
  throw new UserSigDecodeError(message);
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Legacy sigs carry numbers as decimal strings. */
function decimalString(doc: Record<string, unknown>, field: string): number {
  const value = doc[field];
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) fail(`${field} must be a decimal string`);
  return Number(value);
}

function field<T>(doc: Record<string, unknown>, name: string, check: (v: unknown) => v is T, what: string): T {
  const value = doc[name];
  if (!check(value)) fail(`${name} must be ${what}`);
  return value;
}

const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function inflate(userSig: string): Buffer {
  if (typeof userSig !== 'string') fail('it is not a string');
  const text = userSig.trim();
  if (!text) fail('it is empty');
  if (text.length > MAX_USERSIG_CHARS) fail(`it is longer than ${MAX_USERSIG_CHARS} characters`);
  const base64 = toBase64(text);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || base64.replace(/=+$/, '').length % 4 === 1) {
    fail('it contains characters outside the UserSig alphabet or has a broken length');
  }
  const packed = Buffer.from(base64, 'base64');
  // RFC 1950 header: deflate method, header checksum, no preset dictionary. Checked first so that most
  // garbage is refused without a round trip through zlib.
  if (packed.length < 6 || (packed[0] & 0x0f) !== 8 || (packed[0] >> 4) > 7 || ((packed[0] << 8) | packed[1]) % 31 !== 0 || (packed[1] & 0x20) !== 0) {
    fail('it is not zlib-compressed data');
  }
  try {
    return inflateSync(packed, { maxOutputLength: MAX_INFLATED_BYTES });
  } catch {
    return fail('it is not zlib-compressed data (or inflates to more than 16 KB)');
  }
}

function parseDocument(json: Buffer): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(json.toString('utf8'));
  } catch {
    fail('its content is not JSON');
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) fail('its content is not a JSON object');
  return doc as Record<string, unknown>;
}

function fromDocument(doc: Record<string, unknown>): DecodedUserSig {
  if (doc['TLS.ver'] === '2.0') {
    const identifier = field(doc, 'TLS.identifier', isNonEmptyString, 'a non-empty string');
    const sdkAppId = field(doc, 'TLS.sdkappid', isNonNegativeInteger, 'a non-negative integer');
    const issuedAt = field(doc, 'TLS.time', isNonNegativeInteger, 'a non-negative integer');
    const expireSeconds = field(doc, 'TLS.expire', isNonNegativeInteger, 'a non-negative integer');
    field(doc, 'TLS.sig', isNonEmptyString, 'a non-empty string');
    return finish('v2', identifier, sdkAppId, issuedAt, expireSeconds);
  }
  if (doc['TLS.version'] === ECDSA_VERSION) {
    const identifier = field(doc, 'TLS.identifier', isNonEmptyString, 'a non-empty string');
    const sdkAppId = decimalString(doc, 'TLS.sdk_appid');
    const issuedAt = decimalString(doc, 'TLS.time');
    const expireSeconds = decimalString(doc, 'TLS.expire_after');
    field(doc, 'TLS.sig', isNonEmptyString, 'a non-empty string');
    return finish('ecdsa', identifier, sdkAppId, issuedAt, expireSeconds);
  }
  return fail('it is neither a TLSSigAPIv2 sig (TLS.ver "2.0") nor a legacy ECDSA sig (TLS.version "201610110000")');
}

function finish(
  version: DecodedUserSig['version'],
  identifier: string,
  sdkAppId: number,
  issuedAt: number,
  expireSeconds: number,
): DecodedUserSig {
  if (sdkAppId === 0 || sdkAppId > 0xffffffff) fail('its SDKAppID is out of range');
  const expiresAt = issuedAt + expireSeconds;
  if (!Number.isSafeInteger(expiresAt)) fail('its expiry is out of range');
  return { version, identifier, sdkAppId, issuedAt, expireSeconds, expiresAt };
}

/** Reads a UserSig's identifier, SDKAppID and validity without the key. Throws UserSigDecodeError only. */
export function decodeUserSig(userSig: string): DecodedUserSig {
  return fromDocument(parseDocument(inflate(userSig)));
}

function checkMintInput(options: { sdkAppId: number; identifier: string; secretKey: string; expireSeconds?: number; now?: number }): void {
  const { sdkAppId, identifier, secretKey, expireSeconds, now } = options;
  const problem =
    !Number.isSafeInteger(sdkAppId) || sdkAppId <= 0 || sdkAppId > 0xffffffff ? l10n.t('cannot make a UserSig: the SDKAppID must be a positive integer')
    : typeof identifier !== 'string' || identifier.length === 0 ? l10n.t('cannot make a UserSig: the identifier must not be empty')
    : typeof secretKey !== 'string' || secretKey.length === 0 ? l10n.t('cannot make a UserSig: the secret key must not be empty')
    : expireSeconds !== undefined && (!Number.isSafeInteger(expireSeconds) || expireSeconds <= 0) ? l10n.t('cannot make a UserSig: the expiry must be a positive number of seconds')
    : now !== undefined && !isNonNegativeInteger(now) ? l10n.t('cannot make a UserSig: the time must be whole unix seconds')
    : undefined;
  if (problem) throw new ChatError('INVALID_INPUT', problem);
}

/**
 * Makes a TLSSigAPIv2 UserSig. Byte for byte what Tencent's tls-sig-api-v2 (genUserSig) makes at the same
 * second: same text signed, same JSON key order, default zlib deflate, same alphabet.
 */
export function mintUserSig(options: { sdkAppId: number; identifier: string; secretKey: string; expireSeconds?: number; now?: number }): string {
  checkMintInput(options);
  const { sdkAppId, identifier, secretKey } = options;
  const expire = options.expireSeconds ?? DEFAULT_EXPIRE_SECONDS;
  const time = options.now ?? Math.floor(Date.now() / 1000);
  const signed = `TLS.identifier:${identifier}\nTLS.sdkappid:${sdkAppId}\nTLS.time:${time}\nTLS.expire:${expire}\n`;
  const doc = {
    'TLS.ver': '2.0',
    'TLS.identifier': identifier,
    'TLS.sdkappid': sdkAppId,
    'TLS.time': time,
    'TLS.expire': expire,
    'TLS.sig': createHmac('sha256', secretKey).update(signed).digest('base64'),
  };
  return fromBase64(deflateSync(Buffer.from(JSON.stringify(doc))).toString('base64'));
}

interface CachedSig {
  userSig: string;
  renewAt: number;
}

/** More distinct credentials than this in one session is unusual; the oldest entries go first. */
const MAX_CACHED_SIGS = 16;

/**
 * Mints UserSigs on demand and reuses each until `renewBeforeSeconds` before it expires. Entries are keyed
 * by SDKAppID, identifier and a salted hash of the secret key, so a changed key mints afresh and the key
 * itself is never a map key.
 */
export class UserSigMinter {
  private readonly expireSeconds: number;
  private readonly renewBeforeSeconds: number;
  private readonly now: () => number;
  private readonly salt = randomBytes(16);
  private readonly cache = new Map<string, CachedSig>();

  constructor(options?: { expireSeconds?: number; renewBeforeSeconds?: number; now?: () => number }) {
    this.expireSeconds = options?.expireSeconds ?? DEFAULT_EXPIRE_SECONDS;
    this.renewBeforeSeconds = options?.renewBeforeSeconds ?? Math.min(3600, Math.floor(this.expireSeconds / 10));
    this.now = options?.now ?? (() => Math.floor(Date.now() / 1000));
    if (!Number.isSafeInteger(this.expireSeconds) || this.expireSeconds <= 0) {
      throw new RangeError('expireSeconds must be a positive integer');
    }
    if (!Number.isSafeInteger(this.renewBeforeSeconds) || this.renewBeforeSeconds < 0 || this.renewBeforeSeconds >= this.expireSeconds) {
      throw new RangeError('renewBeforeSeconds must be a non-negative integer below expireSeconds');
    }
  }

  get(credentials: { sdkAppId: number; identifier: string; secretKey: string }): string {
    const now = Math.floor(this.now());
    const key = this.cacheKey(credentials);
    const cached = this.cache.get(key);
    if (cached && now < cached.renewAt) return cached.userSig;
    const userSig = mintUserSig({ ...credentials, expireSeconds: this.expireSeconds, now });
    this.cache.delete(key);
    this.cache.set(key, { userSig, renewAt: now + this.expireSeconds - this.renewBeforeSeconds });
    while (this.cache.size > MAX_CACHED_SIGS) this.cache.delete(this.cache.keys().next().value as string);
    return userSig;
  }

  clear(): void {
    this.cache.clear();
  }

  private cacheKey(credentials: { sdkAppId: number; identifier: string; secretKey: string }): string {
    const keyHash = createHash('sha256').update(this.salt).update(String(credentials.secretKey)).digest('hex');
    return JSON.stringify([credentials.sdkAppId, credentials.identifier, keyHash]);
  }
}

export interface UserSigProblem {
  code: 'USERSIG_EXPIRED' | 'USERSIG_APP_MISMATCH' | 'USERSIG_IDENTIFIER_MISMATCH';
  message: string;
}

/** "2026-11-20 10:00 UTC" */
function formatUtc(unixSeconds: number): string {
  const date = new Date(unixSeconds * 1000);
  if (Number.isNaN(date.getTime())) return l10n.t('unix time {0}', unixSeconds);
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Pre-flight check before a call: a readable UserSig issued for another app or identifier, or already
 * expired, would only earn 70014/70013/70001 (and repeated bad sigs a lockout), so say which now.
 * An unreadable UserSig is left for the server to judge (undefined).
 */
export function checkUserSig(userSig: string, expected: { sdkAppId: number; identifier: string }, nowSeconds?: number): UserSigProblem | undefined {
  let sig: DecodedUserSig;
  try {
    sig = decodeUserSig(userSig);
  } catch (error) {
    if (error instanceof UserSigDecodeError) return undefined;
    throw error;
  }
  if (sig.sdkAppId !== expected.sdkAppId) {
    return { code: 'USERSIG_APP_MISMATCH', message: l10n.t('The UserSig was issued for SDKAppID {0}, not {1}.', sig.sdkAppId, expected.sdkAppId) };
  }
  if (sig.identifier !== expected.identifier) {
    return {
      code: 'USERSIG_IDENTIFIER_MISMATCH',
      message: l10n.t('The UserSig was issued for identifier {0}, not {1}.', JSON.stringify(sig.identifier), JSON.stringify(expected.identifier)),
    };
  }
  const now = nowSeconds ?? Math.floor(Date.now() / 1000);
  if (now > sig.expiresAt) {
    return { code: 'USERSIG_EXPIRED', message: l10n.t('The UserSig expired on {0}.', formatUtc(sig.expiresAt)) };
  }
  return undefined;
}
