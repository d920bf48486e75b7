// The stand-in's own UserSig verifier (TLSSigAPIv2, HMAC-SHA256). Deliberately independent of
// src/chat/auth/usersig.ts so that tests of the client against the stand-in are not circular.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { Code } from './codes';

export interface SigApp {
  sdkAppId: number;
  secretKey: string;
}

type Decoded =
  | { format: 'v2'; identifier: string; sdkAppId: number; time: number; expire: number; sig: string; userbuf?: string }
  | { format: 'legacy' };

/** Undo the URL-safe alphabet, base64, zlib and JSON; undefined when any step fails. */
function decode(userSig: string): Decoded | undefined {
  if (!/^[A-Za-z0-9*\-_]+$/.test(userSig)) return undefined;
  const base64 = userSig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
  let doc: unknown;
  try {
    doc = JSON.parse(inflateSync(Buffer.from(base64, 'base64')).toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null) return undefined;
  const d = doc as Record<string, unknown>;
  if ('TLS.version' in d && 'TLS.sdk_appid' in d) return { format: 'legacy' };
  const { 'TLS.identifier': identifier, 'TLS.sdkappid': sdkAppId, 'TLS.time': time, 'TLS.expire': expire } = d;
  const { 'TLS.sig': sig, 'TLS.userbuf': userbuf, 'TLS.ver': ver } = d;
  if (ver !== '2.0' || typeof identifier !== 'string' || typeof sig !== 'string') return undefined;
  if (!Number.isSafeInteger(sdkAppId) || !Number.isSafeInteger(time) || !Number.isSafeInteger(expire)) return undefined;
  if (userbuf !== undefined && typeof userbuf !== 'string') return undefined;
  return { format: 'v2', identifier, sdkAppId: sdkAppId as number, time: time as number, expire: expire as number, sig, userbuf };
}

function expectedSig(key: string, d: Extract<Decoded, { format: 'v2' }>): string {
  let text = `TLS.identifier:${d.identifier}\nTLS.sdkappid:${d.sdkAppId}\nTLS.time:${d.time}\nTLS.expire:${d.expire}\n`;
  if (d.userbuf !== undefined) text += `TLS.userbuf:${d.userbuf}\n`;
  return createHmac('sha256', key).update(text).digest('base64');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * 0 when the UserSig is valid for this app and identifier at nowSeconds, else the error code.
 * Checks run in this order: decodable, format, SDKAppID, identifier, signature, expiry.
 */
export function checkUserSig(userSig: string, app: SigApp, identifier: string, nowSeconds: number): number {
  const d = decode(userSig);
  if (!d) return Code.USERSIG_INVALID;
  // guess: a legacy ECDSA UserSig answers 70016 (public key does not exist) because the stand-in's
  // apps only have HMAC secret keys, so there is no public key to verify it with.
  if (d.format === 'legacy') return Code.USERSIG_NO_PUBLIC_KEY;
  if (d.sdkAppId !== app.sdkAppId) return Code.USERSIG_SDKAPPID_MISMATCH;
  if (d.identifier !== identifier) return Code.USERSIG_IDENTIFIER_MISMATCH;
  // guess: a well-formed sig whose HMAC does not verify answers 70009 (signed with another key), not
  // 70003, because the documented cause of 70009 is exactly "the key of another SDKAppID was used",
  // the common real-world reason; a tampered TLS.sig is indistinguishable from it. 70003 is kept for
  // sigs that do not decode or lack fields.
  if (!sameText(d.sig, expectedSig(app.secretKey, d))) return Code.USERSIG_OTHER_KEY;
  if (nowSeconds > d.time + d.expire) return Code.USERSIG_EXPIRED;
  return Code.OK;
}
