import { strict as assert } from 'node:assert';
import { deflateSync } from 'node:zlib';
import { UserSigDecodeError, checkUserSig, decodeUserSig, mintUserSig } from '../../../src/chat/auth/usersig';
import { msPerCall } from './timing';

// The UserSig decoder's time against input size, on input built to be slow: the per-unit time on the large
// size must stay within 3x of that on the small one (quadratic work would show 8x). Two scales: pasted
// blobs of 1 MB and 8 MB (refused by length, after trimming), and inputs of 1 KB and 8 KB that stay within
// the 8192-character limit and so reach base64, the zlib header, inflate and JSON.parse.

const FLOOR_MS = 0.05;
/** How long each timing sample repeats a call. */
const SAMPLE_MS = 10;

function pack(json: string): string {
  return deflateSync(Buffer.from(json)).toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
}

const SIG = mintUserSig({ sdkAppId: 1400000001, identifier: 'admin', secretKey: '0f'.repeat(32), now: 1_700_000_000 });

/** Deterministic, poorly compressible text (so a packed document grows with its content). */
function noise(length: number, seed: number): string {
  let x = seed >>> 0;
  let out = '';
  while (out.length < length) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out += (x >>> 8).toString(36);
  }
  return out.slice(0, length);
}

/** The largest document of the family whose packed form is at most `size` characters, packed. */
function packedTo(size: number, document: (n: number) => string): string {
  let lo = 1;
  let hi = size * 2;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (pack(document(mid)).length <= size) lo = mid;
    else hi = mid - 1;
  }
  return pack(document(lo));
}

/** Nested arrays, each level with a string of noise: deep, valid as far as it goes, hard to compress. */
function nested(levels: number): string {
  return Array.from({ length: levels }, (_, i) => `["${noise(6, i + 1)}",`).join('') + '0' + ']'.repeat(levels);
}

/** Hostile shapes of about `size` characters (the per-unit time uses the exact length). */
const RAW: Record<string, (size: number) => string> = {
  'whitespace around a real UserSig': (size) => `${' \t\n'.repeat(Math.floor((size - SIG.length) / 6))}${SIG}${'\r\n '.repeat(Math.floor((size - SIG.length) / 6))}`,
  'one alphabet run': (size) => 'A'.repeat(size),
  'padding everywhere': (size) => 'A_'.repeat(size / 2),
  'wrong alphabet at the end': (size) => `${'*'.repeat(size - 1)}+`,
  'a zlib header, then garbage': (size) => `eJ${'w'.repeat(size - 2)}`,
};
/** Packed documents that reach inflate and JSON.parse: only meaningful within the length limit. */
const PACKED: Record<string, (size: number) => string> = {
  'nested arrays of strings, packed': (size) => packedTo(size, (n) => nested(Math.ceil(n / 10))),
  'a v2 document with a long field, packed': (size) => packedTo(size, (n) => JSON.stringify({ 'TLS.ver': '2.0', 'TLS.identifier': noise(n, 7), 'TLS.sdkappid': 1400000001, 'TLS.time': 1, 'TLS.expire': 1, 'TLS.sig': 's' })),
};

const SUBJECTS: Record<string, (text: string) => void> = {
  decodeUserSig: (text) => {
    try {
      decodeUserSig(text);
    } catch (error) {
      if (!(error instanceof UserSigDecodeError)) throw error;
    }
  },
  checkUserSig: (text) => void checkUserSig(text, { sdkAppId: 1400000001, identifier: 'admin' }, 1_700_000_000),
};

describe('fuzz: UserSig decoder time is linear in the input size', function () {
  this.timeout(60_000);

  const scales = [
    { name: '1 MB → 8 MB (pasted blobs)', small: 1024 * 1024, large: 8 * 1024 * 1024, patterns: RAW },
    { name: '1 KB → 8 KB (within the length limit)', small: 1024, large: 8192, patterns: { ...RAW, ...PACKED } },
  ];
  for (const [subject, fn] of Object.entries(SUBJECTS)) {
    for (const scale of scales) {
      it(`${subject}, ${scale.name}: time per unit within 3x`, () => {
        const report: string[] = [];
        for (const [pattern, make] of Object.entries(scale.patterns)) {
          const small = make(scale.small);
          const large = make(scale.large);
          assert.ok(large.length > 4 * small.length, `${pattern}: sizes ${small.length} and ${large.length}`);
          const perUnitSmall = Math.max(FLOOR_MS, msPerCall(() => fn(small), 3, SAMPLE_MS)) / small.length;
          const perUnitLarge = msPerCall(() => fn(large), 2, SAMPLE_MS) / large.length;
          const ratio = perUnitLarge / perUnitSmall;
          const per = (ms: number) => (ms * scale.small).toFixed(3);
          report.push(`${pattern}: ${per(perUnitSmall)} → ${per(perUnitLarge)} ms per ${scale.small} chars (x${ratio.toFixed(2)})`);
          assert.ok(ratio < 3, `${subject} on "${pattern}" is not linear:\n${report.join('\n')}`);
        }
      });
    }
  }
});
