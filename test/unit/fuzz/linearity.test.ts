import { strict as assert } from 'node:assert';
import { findAccountsInRequestBody, findGroupIdInRequestBody, findGroupIds, findOccurrences, groupIdAt, parseAccountList } from '../../../src/chat/text/ids';
import { msPerCall } from './timing';

// A complexity check, not a speed target: on input built to provoke backtracking or re-scanning, the time
// per MB on 8 MB must stay within 3x of the time per MB on 1 MB (quadratic work would show 8x).
// Scans faster than FLOOR_MS_PER_MB are memory-bound (1 MB sits in cache, 8 MB does not), so the 1 MB
// figure is taken as at least the floor: quadratic work on 1 MB would take seconds, far above it.

const MB = 1024 * 1024;
const FLOOR_MS_PER_MB = 1;
/** How long each timing sample repeats a call. */
const SAMPLE_MS = 8;

/** Adversarial inputs: a unit repeated to the size, or a prefix followed by a long run. */
const PATTERNS: Record<string, (size: number) => string> = {
  'repeated @TGS#': (size) => '@TGS#'.repeat(size / 5),
  'repeated @TGS#_@TGS#': (size) => '@TGS#_@TGS#'.repeat(size / 11),
  'repeated @TGS#_ (glued)': (size) => '@TGS#_'.repeat(size / 6),
  'one endless ID': (size) => `@TGS#${'A'.repeat(size - 5)}`,
  'endless ID characters': (size) => 'a_-'.repeat(size / 3),
  'unclosed double quote': (size) => `"${'a'.repeat(size - 1)}`,
  'escaped quotes': (size) => "\\'".repeat(size / 2),
  'quotes and backslashes': (size) => '"\\"\'\\`'.repeat(size / 6),
  'unclosed User_Account arrays': (size) => '"User_Account": ["a", '.repeat(size / 22),
  'User_Account keys': (size) => 'User_Account:['.repeat(size / 14),
  'flattened comments': (size) => '"User_Account": [ // "x" '.repeat(size / 25),
  // Every key starts an array that reads on to the end: re-reading from each key would be quadratic.
  'keys in line comments': (size) => '// User_Account: [\n"a",\n'.repeat(size / 24),
  'line comments and brackets': (size) => '//]"'.repeat(size / 4),
  'unclosed block comments': (size) => 'User_Account: /*'.repeat(size / 16),
  'GroupId keys': (size) => '"GroupId": '.repeat(size / 11),
  'separators': (size) => ', ;\n'.repeat(size / 4),
};

const SUBJECTS: Record<string, (text: string) => unknown> = {
  findGroupIds: (text) => findGroupIds(text, { max: Infinity }),
  groupIdAt: (text) => groupIdAt(text, text.length >> 1),
  findAccountsInRequestBody,
  findGroupIdInRequestBody,
  findOccurrences: (text) => findOccurrences(text, '@TGS#AAAA'),
  parseAccountList,
};

/**
 * Each check runs twice: a screen at 8 KB vs 64 KB, where quadratic work costs about a second and shows as
 * an 8x ratio (so a regression fails fast instead of hanging the suite: mocha cannot interrupt synchronous
 * code), then the real check at 1 MB vs 8 MB.
 */
const SIZES: readonly [number, number][] = [
  [8 * 1024, 64 * 1024],
  [MB, 8 * MB],
];

const inputs = new Map<string, string>();

/** The pattern at a size, made once for all subjects. */
function sized(pattern: string, size: number): string {
  const key = `${pattern}/${size}`;
  let text = inputs.get(key);
  if (text === undefined) {
    text = PATTERNS[pattern](size);
    inputs.set(key, text);
  }
  return text;
}

describe('fuzz: linear time on adversarial input', function () {
  this.timeout(60_000);

  for (const [subject, fn] of Object.entries(SUBJECTS)) {
    it(`${subject}: time per MB on 8 MB within 3x of 1 MB`, () => {
      const report: string[] = [];
      for (const [smallSize, largeSize] of SIZES) {
        for (const pattern of Object.keys(PATTERNS)) {
          const small = sized(pattern, smallSize);
          const large = sized(pattern, largeSize);
          let ratio = Infinity;
          // A second try after a warm-up absorbs JIT tiering and load spikes; quadratic work fails both.
          for (let attempt = 0; attempt < 2 && ratio >= 3; attempt++) {
            if (attempt > 0) msPerCall(() => fn(small), 5, SAMPLE_MS);
            const perMbLarge = msPerCall(() => fn(large), 2, SAMPLE_MS) / (large.length / MB);
            // Within 3x of the floor already: nothing a measurement of the small input could show.
            const perMbSmall =
              perMbLarge < 3 * FLOOR_MS_PER_MB ? FLOOR_MS_PER_MB : Math.max(FLOOR_MS_PER_MB, msPerCall(() => fn(small), 3, SAMPLE_MS) / (small.length / MB));
            ratio = perMbLarge / perMbSmall;
            report.push(`${pattern} (${smallSize / 1024} → ${largeSize / 1024} KB): ${perMbSmall.toFixed(2)} → ${perMbLarge.toFixed(2)} ms/MB (x${ratio.toFixed(2)})`);
          }
          assert.ok(ratio < 3, `${subject} on "${pattern}" is not linear:\n${report.join('\n')}`);
        }
      }
    });
  }
});
