import { strict as assert } from 'node:assert';
import { deflateSync } from 'node:zlib';
import { ChatError } from '../../src/chat/errors';
import { UserSigDecodeError, UserSigMinter, checkUserSig, decodeUserSig, mintUserSig } from '../../src/chat/auth/usersig';

// Tencent's own generator: the oracle.
import { Api } from 'tls-sig-api-v2';

const KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
const APP = 1400000001;

/** Runs `fn` with Date.now pinned to `unixSeconds` (plus a fraction, which both sides must floor). */
function atTime<T>(unixSeconds: number, fn: () => T): T {
  const realNow = Date.now;
  Date.now = () => unixSeconds * 1000 + 789;
  try {
    return fn();
  } finally {
    Date.now = realNow;
  }
}

/** Packs a sig document the way Tencent does: JSON, zlib, base64, URL-safe alphabet. */
function pack(doc: unknown): string {
  return deflateSync(Buffer.from(typeof doc === 'string' ? doc : JSON.stringify(doc)))
    .toString('base64')
    .replace(/\+/g, '*')
    .replace(/\//g, '-')
    .replace(/=/g, '_');
}

function rejects(input: string, reason?: RegExp): void {
  assert.throws(
    () => decodeUserSig(input),
    (error: unknown) => {
      assert.ok(error instanceof UserSigDecodeError, `expected UserSigDecodeError, got ${String(error)}`);
      assert.equal(error.name, 'UserSigDecodeError');
      if (reason) assert.match(error.message, reason);
      return true;
    },
  );
}

const v2Doc = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({
  'TLS.ver': '2.0',
  'TLS.identifier': 'administrator',
  'TLS.sdkappid': APP,
  'TLS.time': 1700000000,
  'TLS.expire': 86400,
  'TLS.sig': 'c2ln',
  ...fields,
});

describe('usersig: decodeUserSig', () => {
  it('reads what tls-sig-api-v2 makes', () => {
    const sig = atTime(1700000000, () => new Api(APP, KEY).genUserSig('administrator', 86400 * 180));
    assert.deepEqual(decodeUserSig(sig), {
      version: 'v2',
      identifier: 'administrator',
      sdkAppId: APP,
      issuedAt: 1700000000,
      expireSeconds: 86400 * 180,
      expiresAt: 1700000000 + 86400 * 180,
    });
  });

  it('reads tls-sig-api-v2 sigs with a userbuf (extra fields are ignored)', () => {
    const sig = atTime(1700000000, () => new Api(APP, KEY).genPrivateMapKey('alice', 300, 10000, 255));
    assert.equal(decodeUserSig(sig).identifier, 'alice');
  });

  it('reads a legacy ECDSA sig', () => {
    const sig = pack({
      'TLS.account_type': '0',
      'TLS.identifier': 'xiaojun',
      'TLS.appid_at_3rd': '0',
      'TLS.sdk_appid': '1400000000',
      'TLS.expire_after': '15552000',
      'TLS.version': '201610110000',
      'TLS.time': '1490000000',
      'TLS.sig': 'MEUCIQDkD3yjnFxlhb0Ffn7pbHSRJzHI2j5A4VVmQ1O2aHkd1gIgOzfHtGyZ-X9WB6ZZ9zq3qrKhuL2cZMM-xQmqA1o7dZI_',
    });
    assert.deepEqual(decodeUserSig(sig), {
      version: 'ecdsa',
      identifier: 'xiaojun',
      sdkAppId: 1400000000,
      issuedAt: 1490000000,
      expireSeconds: 15552000,
      expiresAt: 1490000000 + 15552000,
    });
  });

  it('tolerates surrounding whitespace, missing padding and the standard base64 alphabet', () => {
    const sig = mintUserSig({ sdkAppId: APP, identifier: 'administrator', secretKey: KEY, now: 1700000000 });
    assert.equal(decodeUserSig(`  ${sig}\n`).identifier, 'administrator');
    assert.equal(decodeUserSig(sig.replace(/_+$/, '')).identifier, 'administrator');
    const standard = sig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
    assert.equal(decodeUserSig(standard).identifier, 'administrator');
  });

  it('refuses strings that are not UserSigs, with its own error', () => {
    rejects('', /empty/);
    rejects('   ', /empty/);
    rejects('eJw tjE', /alphabet/);
    rejects('eJw!tjE', /alphabet/);
    rejects('abcde', /length/);
    rejects('A'.repeat(9000), /longer/);
    rejects(Buffer.from('hello world').toString('base64'), /zlib/);
    const packed = Buffer.from(pack(v2Doc()).replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='), 'base64');
    packed[packed.length >> 1] ^= 0xff; // a valid zlib header, a corrupt stream
    rejects(packed.toString('base64'), /zlib/);
    rejects(pack('not json'), /not JSON/);
    rejects(pack('[1,2,3]'), /not a JSON object/);
    rejects(pack('null'), /not a JSON object/);
    rejects(pack('"2.0"'), /not a JSON object/);
  });

  it('refuses documents without the fields of either format, or with the wrong types', () => {
    rejects(pack({}), /neither/);
    rejects(pack(v2Doc({ 'TLS.ver': '3.0' })), /neither/);
    rejects(pack(v2Doc({ 'TLS.ver': 2 })), /neither/);
    rejects(pack(v2Doc({ 'TLS.identifier': 42 })), /TLS.identifier/);
    rejects(pack(v2Doc({ 'TLS.identifier': '' })), /TLS.identifier/);
    rejects(pack(v2Doc({ 'TLS.sdkappid': '1400000001' })), /TLS.sdkappid/);
    rejects(pack(v2Doc({ 'TLS.sdkappid': 0 })), /SDKAppID/);
    rejects(pack(v2Doc({ 'TLS.sdkappid': 2 ** 33 })), /SDKAppID/);
    rejects(pack(v2Doc({ 'TLS.time': -1 })), /TLS.time/);
    rejects(pack(v2Doc({ 'TLS.time': 1.5 })), /TLS.time/);
    rejects(pack(v2Doc({ 'TLS.expire': '86400' })), /TLS.expire/);
    rejects(pack(v2Doc({ 'TLS.time': Number.MAX_SAFE_INTEGER, 'TLS.expire': 10 })), /out of range/);
    rejects(pack(v2Doc({ 'TLS.sig': undefined })), /TLS.sig/);
    const legacy = { 'TLS.version': '201610110000', 'TLS.identifier': 'a', 'TLS.sdk_appid': '1', 'TLS.time': '1', 'TLS.expire_after': '1', 'TLS.sig': 'x' };
    assert.equal(decodeUserSig(pack(legacy)).version, 'ecdsa');
    rejects(pack({ ...legacy, 'TLS.sdk_appid': 1 }), /TLS.sdk_appid/);
    rejects(pack({ ...legacy, 'TLS.time': '-1' }), /TLS.time/);
    rejects(pack({ ...legacy, 'TLS.expire_after': '1e3' }), /TLS.expire_after/);
    rejects(pack({ ...legacy, 'TLS.version': '201610110001' }), /neither/);
  });

  it('stops a zip bomb at 16 KB of output', () => {
    const bomb = pack(`{"TLS.ver":"2.0","pad":"${'0'.repeat(1024 * 1024)}"}`);
    assert.ok(bomb.length < 8192, 'the bomb itself is small');
    rejects(bomb, /16 KB/);
  });
});

describe('usersig: mintUserSig', () => {
  const cases: { identifier: string; sdkAppId: number; expire?: number; now: number }[] = [
    { identifier: 'administrator', sdkAppId: APP, expire: 86400, now: 1700000000 },
    { identifier: 'xiaojun', sdkAppId: 1400000000, expire: 86400 * 180, now: 1234567890 },
    { identifier: 'user_with-dash.and.dots', sdkAppId: 20000001, expire: 1, now: 0 },
    { identifier: '用户', sdkAppId: 1600000000, expire: 3600, now: 1999999999 },
    { identifier: 'defaults', sdkAppId: APP, now: 1700001234 },
  ];
  for (const c of cases) {
    it(`equals tls-sig-api-v2 byte for byte (${c.identifier}, ${c.expire ?? 'default'} s)`, () => {
      const expected = atTime(c.now, () => new Api(c.sdkAppId, KEY).genUserSig(c.identifier, c.expire ?? 86400 * 7));
      const ours = mintUserSig({ sdkAppId: c.sdkAppId, identifier: c.identifier, secretKey: KEY, expireSeconds: c.expire, now: c.now });
      assert.equal(ours, expected);
    });
  }

  it('uses the clock when no time is given', () => {
    const ours = atTime(1700000000, () => mintUserSig({ sdkAppId: APP, identifier: 'a', secretKey: KEY }));
    const theirs = atTime(1700000000, () => new Api(APP, KEY).genUserSig('a', 86400 * 7));
    assert.equal(ours, theirs);
    assert.equal(decodeUserSig(ours).expireSeconds, 604800);
  });

  it('signs with the key: another key gives another sig', () => {
    const a = mintUserSig({ sdkAppId: APP, identifier: 'a', secretKey: KEY, now: 1 });
    const b = mintUserSig({ sdkAppId: APP, identifier: 'a', secretKey: `${KEY}0`, now: 1 });
    assert.notEqual(a, b);
  });

  it('refuses input it cannot sign, without quoting the key', () => {
    const bad: Parameters<typeof mintUserSig>[0][] = [
      { sdkAppId: 0, identifier: 'a', secretKey: KEY },
      { sdkAppId: 1.5, identifier: 'a', secretKey: KEY },
      { sdkAppId: APP, identifier: '', secretKey: KEY },
      { sdkAppId: APP, identifier: 'a', secretKey: '' },
      { sdkAppId: APP, identifier: 'a', secretKey: KEY, expireSeconds: 0 },
      { sdkAppId: APP, identifier: 'a', secretKey: KEY, now: -5 },
    ];
    for (const options of bad) {
      assert.throws(
        () => mintUserSig(options),
        (error: unknown) => error instanceof ChatError && error.code === 'INVALID_INPUT' && !error.message.includes(KEY),
      );
    }
  });
});

describe('usersig: UserSigMinter', () => {
  const creds = { sdkAppId: APP, identifier: 'administrator', secretKey: KEY };

  it('reuses a sig until shortly before expiry, then renews', () => {
    let now = 1700000000;
    const minter = new UserSigMinter({ expireSeconds: 1000, renewBeforeSeconds: 100, now: () => now });
    const first = minter.get(creds);
    assert.deepEqual(decodeUserSig(first), {
      version: 'v2', identifier: 'administrator', sdkAppId: APP, issuedAt: now, expireSeconds: 1000, expiresAt: now + 1000,
    });
    now += 899;
    assert.equal(minter.get(creds), first);
    now += 1;
    const second = minter.get(creds);
    assert.notEqual(second, first);
    assert.equal(decodeUserSig(second).issuedAt, 1700000900);
    now += 500;
    assert.equal(minter.get(creds), second);
  });

  it('keeps one sig per app, identifier and key', () => {
    const now = 1700000000;
    const minter = new UserSigMinter({ now: () => now });
    const a = minter.get(creds);
    const otherId = minter.get({ ...creds, identifier: 'admin2' });
    const otherApp = minter.get({ ...creds, sdkAppId: APP + 1 });
    const otherKey = minter.get({ ...creds, secretKey: KEY.replace('5', '6') });
    assert.equal(new Set([a, otherId, otherApp, otherKey]).size, 4);
    assert.equal(decodeUserSig(otherId).identifier, 'admin2');
    assert.equal(decodeUserSig(otherApp).sdkAppId, APP + 1);
    assert.equal(minter.get(creds), a);
  });

  it('never keys its cache by the secret key in clear text', () => {
    const minter = new UserSigMinter({ now: () => 1700000000 });
    minter.get(creds);
    const cache = (minter as unknown as { cache: Map<string, unknown> }).cache;
    assert.equal(cache.size, 1);
    for (const key of cache.keys()) assert.ok(!key.includes(KEY) && !key.includes(KEY.slice(0, 16)));
  });

  it('forgets everything on clear()', () => {
    let now = 1700000000;
    const minter = new UserSigMinter({ now: () => now });
    const first = minter.get(creds);
    now += 1;
    assert.equal(minter.get(creds), first);
    minter.clear();
    assert.notEqual(minter.get(creds), first);
  });

  it('holds a bounded number of entries', () => {
    const minter = new UserSigMinter({ now: () => 1700000000 });
    for (let i = 0; i < 100; i++) minter.get({ ...creds, identifier: `user${i}` });
    const cache = (minter as unknown as { cache: Map<string, unknown> }).cache;
    assert.ok(cache.size <= 16);
  });

  it('defaults to 7-day sigs minted from the real clock', () => {
    const sig = new UserSigMinter().get(creds);
    const decoded = decodeUserSig(sig);
    assert.equal(decoded.expireSeconds, 86400 * 7);
    assert.ok(Math.abs(decoded.issuedAt - Date.now() / 1000) < 5);
  });

  it('refuses renewal windows that would remint on every call', () => {
    assert.throws(() => new UserSigMinter({ expireSeconds: 100, renewBeforeSeconds: 100 }), RangeError);
    assert.throws(() => new UserSigMinter({ expireSeconds: 0 }), RangeError);
    assert.throws(() => new UserSigMinter({ renewBeforeSeconds: -1 }), RangeError);
  });

  it('passes bad credentials on as INVALID_INPUT', () => {
    const minter = new UserSigMinter();
    assert.throws(() => minter.get({ ...creds, secretKey: '' }), (e: unknown) => e instanceof ChatError && e.code === 'INVALID_INPUT');
  });
});

describe('usersig: checkUserSig', () => {
  // A one-day sig that expires on 2026-11-20 10:00 UTC.
  const expiresAt = Date.UTC(2026, 10, 20, 10, 0, 0) / 1000;
  const sig = mintUserSig({ sdkAppId: APP, identifier: 'administrator', secretKey: KEY, expireSeconds: 86400, now: expiresAt - 86400 });
  const expected = { sdkAppId: APP, identifier: 'administrator' };

  it('passes a matching, unexpired sig (valid through its last second)', () => {
    assert.equal(checkUserSig(sig, expected, expiresAt - 86400), undefined);
    assert.equal(checkUserSig(sig, expected, expiresAt), undefined);
  });

  it('reports expiry with the date', () => {
    assert.deepEqual(checkUserSig(sig, expected, expiresAt + 1), {
      code: 'USERSIG_EXPIRED',
      message: 'The UserSig expired on 2026-11-20 10:00 UTC.',
    });
  });

  it('reports another SDKAppID', () => {
    assert.deepEqual(checkUserSig(sig, { ...expected, sdkAppId: 1400000002 }, expiresAt - 10), {
      code: 'USERSIG_APP_MISMATCH',
      message: 'The UserSig was issued for SDKAppID 1400000001, not 1400000002.',
    });
  });

  it('reports another identifier', () => {
    assert.deepEqual(checkUserSig(sig, { ...expected, identifier: 'admin2' }, expiresAt - 10), {
      code: 'USERSIG_IDENTIFIER_MISMATCH',
      message: 'The UserSig was issued for identifier "administrator", not "admin2".',
    });
  });

  it('names the app mismatch first when several apply', () => {
    assert.equal(checkUserSig(sig, { sdkAppId: 1, identifier: 'x' }, expiresAt + 99)?.code, 'USERSIG_APP_MISMATCH');
    assert.equal(checkUserSig(sig, { sdkAppId: APP, identifier: 'x' }, expiresAt + 99)?.code, 'USERSIG_IDENTIFIER_MISMATCH');
  });

  it('leaves unreadable sigs to the server', () => {
    assert.equal(checkUserSig('not a usersig', expected), undefined);
    assert.equal(checkUserSig('', expected), undefined);
  });

  it('checks legacy ECDSA sigs too', () => {
    const legacy = pack({
      'TLS.version': '201610110000', 'TLS.identifier': 'administrator', 'TLS.sdk_appid': String(APP),
      'TLS.time': '1490000000', 'TLS.expire_after': '100', 'TLS.sig': 'x',
    });
    assert.equal(checkUserSig(legacy, expected, 1490000050), undefined);
    assert.equal(checkUserSig(legacy, expected, 1490000101)?.code, 'USERSIG_EXPIRED');
  });

  it('uses the real clock by default', () => {
    assert.equal(checkUserSig(sig, expected)?.code, Date.now() / 1000 > expiresAt ? 'USERSIG_EXPIRED' : undefined);
  });
});
