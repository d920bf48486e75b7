import { strict as assert } from 'node:assert';
import { deflateSync } from 'node:zlib';
import { UserSigDecodeError, checkUserSig, decodeUserSig, mintUserSig, type DecodedUserSig } from '../../../src/chat/auth/usersig';
import { Random, fuzzSeed, show } from './random';

const SEED = fuzzSeed(0x5165eed);
const INPUTS = 100_000;

const SIG_ALPHABET = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*-_'];
const WRONG_ALPHABET = ['+', '/', '=', ' ', '\n', '.', '!', '%', 'é', '\u0000', '\ud800'];

function pack(json: string): string {
  return deflateSync(Buffer.from(json)).toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
}

/** A random JSON value, nested up to `depth`, sometimes with the UserSig field names. */
function randomJson(random: Random, depth: number): unknown {
  switch (random.int(depth > 0 ? 7 : 5)) {
    case 0:
      return random.int(5) === 0 ? null : random.chance(0.5);
    case 1:
      return random.pick([0, -1, 1.5, 2 ** 53, 1400000001, 1e308, -0]);
    case 2:
      return random.join(['a', '2.0', '201610110000', '1400000001', '', ' ', '"', '\\', 'é'], random.int(4));
    case 3:
      return String(random.int(2 ** 31));
    case 4:
      return random.pick(['2.0', '201610110000']);
    case 5:
      return Array.from({ length: random.int(4) }, () => randomJson(random, depth - 1));
    default: {
      const doc: Record<string, unknown> = {};
      const names = ['TLS.ver', 'TLS.version', 'TLS.identifier', 'TLS.sdkappid', 'TLS.sdk_appid', 'TLS.time', 'TLS.expire', 'TLS.expire_after', 'TLS.sig', '__proto__', 'x'];
      for (let i = random.int(8); i > 0; i--) doc[random.pick(names)] = randomJson(random, depth - 1);
      return doc;
    }
  }
}

/** A document that is almost a UserSig: valid fields with one or two replaced by random values. */
function nearlyValidDocument(random: Random): string {
  const doc: Record<string, unknown> = random.chance(0.5)
    ? { 'TLS.ver': '2.0', 'TLS.identifier': 'admin', 'TLS.sdkappid': 1400000001, 'TLS.time': 1700000000, 'TLS.expire': 86400, 'TLS.sig': 'c2ln' }
    : { 'TLS.version': '201610110000', 'TLS.identifier': 'admin', 'TLS.sdk_appid': '1400000001', 'TLS.time': '1700000000', 'TLS.expire_after': '86400', 'TLS.sig': 'x' };
  const keys = Object.keys(doc);
  for (let i = random.int(3); i > 0; i--) {
    const key = random.pick(keys);
    if (random.chance(0.3)) delete doc[key];
    else doc[key] = randomJson(random, 1);
  }
  return JSON.stringify(doc);
}

/** Rare, expensive inputs: made once, mixed in. */
const HOSTILE = [
  pack('['.repeat(5000) + ']'.repeat(5000)),
  pack('{"a":'.repeat(3000) + '1' + '}'.repeat(3000)),
  pack(`{"TLS.ver":"2.0","pad":"${'A'.repeat(2 * 1024 * 1024)}"}`),
  pack('{}'.repeat(20000)),
  pack(JSON.stringify({ 'TLS.ver': '2.0', 'TLS.identifier': 'x'.repeat(15000), 'TLS.sdkappid': 1, 'TLS.time': 1, 'TLS.expire': 1, 'TLS.sig': 's' })),
  '*'.repeat(8192),
  '_'.repeat(100),
  'A'.repeat(8193),
];

function validSig(random: Random): string {
  return mintUserSig({
    sdkAppId: 1 + random.int(2 ** 32 - 1),
    identifier: random.join(['a', 'B', '_', '-', '1', 'é'], 1 + random.int(12)),
    secretKey: random.join(['0', 'f', 'a', '9'], 64),
    expireSeconds: 1 + random.int(86400 * 365),
    now: random.int(2 ** 31),
  });
}

function input(random: Random, index: number, sigs: readonly string[]): string {
  switch (index % 8) {
    case 0:
    case 1:
    case 2:
      return random.mutate(random.pick(sigs), random.chance(0.8) ? SIG_ALPHABET : WRONG_ALPHABET, 3);
    case 3: {
      const sig = random.pick(sigs);
      return sig.replace(random.pick([/\*/g, /-/g, /_/g]), random.pick(['+', '/', '=', '']));
    }
    case 4:
      return Buffer.from(random.codeUnits(random.int(200)), 'latin1').toString('base64').replace(/\+/g, '*').replace(/\//g, '-');
    case 5:
      return pack(random.chance(0.5) ? JSON.stringify(randomJson(random, 4)) : nearlyValidDocument(random));
    case 6:
      return index % 800 === 6 ? random.pick(HOSTILE) : pack(random.codeUnits(random.int(100)));
    default:
      return random.chance(0.5) ? random.join(SIG_ALPHABET, random.int(300)) : random.codeUnits(random.int(300));
  }
}

function assertDecoded(sig: DecodedUserSig): void {
  assert.ok(sig.version === 'v2' || sig.version === 'ecdsa');
  assert.ok(typeof sig.identifier === 'string' && sig.identifier.length > 0);
  assert.ok(Number.isSafeInteger(sig.sdkAppId) && sig.sdkAppId >= 1 && sig.sdkAppId <= 0xffffffff);
  assert.ok(Number.isSafeInteger(sig.issuedAt) && sig.issuedAt >= 0);
  assert.ok(Number.isSafeInteger(sig.expireSeconds) && sig.expireSeconds >= 0);
  assert.equal(sig.expiresAt, sig.issuedAt + sig.expireSeconds);
}

describe('fuzz: usersig', function () {
  this.timeout(30_000);

  it(`decodeUserSig: ${INPUTS} mutated and random inputs (checkUserSig: every 4th), seed 0x${SEED.toString(16)}`, () => {
    const random = new Random(SEED);
    const sigs = Array.from({ length: 50 }, () => validSig(random));
    for (const sig of sigs) assertDecoded(decodeUserSig(sig));
    let decoded = 0;
    for (let i = 0; i < INPUTS; i++) {
      const text = input(random, i, sigs);
      const where = `seed 0x${SEED.toString(16)}, input #${i} ${show(text)}`;
      try {
        assertDecoded(decodeUserSig(text));
        decoded++;
      } catch (error) {
        if (!(error instanceof UserSigDecodeError)) throw new Error(`${where}: threw ${String(error)}`, { cause: error });
        assert.ok(!error.message.includes(text.trim()) || text.trim().length < 4, `${where}: the error quotes the input`);
      }
      if (i % 4 !== 0) continue; // checkUserSig wraps decodeUserSig: a quarter of the inputs suffices
      try {
        const problem = checkUserSig(text, { sdkAppId: 1400000001, identifier: 'admin' }, 1700000000);
        if (problem) assert.ok(['USERSIG_EXPIRED', 'USERSIG_APP_MISMATCH', 'USERSIG_IDENTIFIER_MISMATCH'].includes(problem.code));
      } catch (error) {
        throw new Error(`${where}: checkUserSig threw ${String(error)}`, { cause: error });
      }
    }
    // The mix must reach the field checks, not stop at base64 or zlib every time.
    assert.ok(decoded > 1000, `only ${decoded} inputs decoded`);
  });
});
