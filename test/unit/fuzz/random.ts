// Seeded random input generators the fuzz suites share (on test/standin/prng.ts). Same seed, same inputs:
// a failure names its seed and input index, and FUZZ_SEED=<seed> reruns exactly that sequence.
import { seededRandom } from '../../standin/prng';

/** The seed for this run: FUZZ_SEED from the environment (decimal or 0x…), else the suite's default. */
export function fuzzSeed(fallback: number): number {
  const fromEnv = process.env.FUZZ_SEED;
  const seed = fromEnv ? Number(fromEnv) : fallback;
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, got ${fromEnv}`);
  return seed >>> 0;
}

export class Random {
  /** mulberry32: a uniform float in [0, 1). */
  readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** `length` pieces drawn from `pieces`, joined. */
  join(pieces: readonly string[], length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += this.pick(pieces);
    return out;
  }

  /** Random UTF-16 code units (lone surrogates included): the worst a string can hold. */
  codeUnits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String.fromCharCode(this.chance(0.7) ? this.int(128) : this.int(0x10000));
    return out;
  }

  /** One to `rounds` edits: replace, insert, delete, duplicate or cut a slice, flip a character. */
  mutate(text: string, alphabet: readonly string[], rounds = 4): string {
    let out = text;
    const edits = 1 + this.int(rounds);
    for (let e = 0; e < edits; e++) {
      const at = this.int(out.length + 1);
      const span = 1 + this.int(Math.min(16, out.length + 1));
      switch (this.int(6)) {
        case 0:
          out = out.slice(0, at) + this.pick(alphabet) + out.slice(at + 1);
          break;
        case 1:
          out = out.slice(0, at) + this.join(alphabet, 1 + this.int(3)) + out.slice(at);
          break;
        case 2:
          out = out.slice(0, at) + out.slice(at + span);
          break;
        case 3:
          out = out.slice(0, at) + out.slice(at, at + span) + out.slice(at);
          break;
        case 4:
          out = out.slice(0, at);
          break;
        default:
          out = out.slice(0, at) + String.fromCharCode(out.charCodeAt(at) ^ (1 << this.int(7))) + out.slice(at + 1);
      }
    }
    return out;
  }
}

/** Shows an input in a failure message: escaped, and cut when long. */
export function show(input: string): string {
  const json = JSON.stringify(input);
  return json.length > 300 ? `${json.slice(0, 300)}… (${input.length} chars)` : json;
}
