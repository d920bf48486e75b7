// Row 5: the editor-side scanner (findGroupIds) over a generated 10 MB source file, versus a
// straightforward per-line regex pass; plus adversarial inputs, each at 1 MB and 10 MB to expose
// anything quadratic.
import { findGroupIds } from '../src/chat/text/ids';
import { type RowResult, spreadOf } from './results';
import { adversarial, perLineRegexScan, realisticSource } from './scan-inputs';
import { nowMs, round, summarize, type Summary } from './stats';

const MB = 1_000_000;
const SIZE = 10 * MB;
const RUNS = 7;
const ADVERSARIAL_RUNS = 5;
/** No cap: the row measures the whole scan, not the editor's early stop at MAX_IDS_PER_SCAN. */
const NO_CAP = { max: Number.MAX_SAFE_INTEGER };

function scanner(text: string): number {
  return findGroupIds(text, NO_CAP).ids.length;
}

function baseline(text: string): number {
  return perLineRegexScan(text).length;
}

/** Milliseconds per run of `scan` over `text`. */
function timeRuns(scan: (text: string) => number, text: string, runs: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = nowMs();
    scan(text);
    out.push(nowMs() - t0);
  }
  return out;
}

const mbPerS = (bytes: number, ms: number) => bytes / MB / (ms / 1000);

function rateSummary(bytes: number, ms: number[]): Summary {
  return summarize(ms.map((t) => mbPerS(bytes, t)));
}

export function runScanRow(): RowResult {
  const text = realisticSource(SIZE);
  const found = scanner(text);
  const foundByBaseline = baseline(text);
  if (found !== foundByBaseline || found === 0) {
    throw new Error(`row 5: the scanner found ${found} IDs and the baseline ${foundByBaseline}; they must agree to compare`);
  }
  // Warm-up, then alternate so GC and JIT state do not favour one side.
  timeRuns(scanner, text, 2);
  timeRuns(baseline, text, 2);
  const scanMs: number[] = [];
  const baseMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    scanMs.push(...timeRuns(scanner, text, 1));
    baseMs.push(...timeRuns(baseline, text, 1));
  }
  const s = rateSummary(SIZE, scanMs);
  const b = rateSummary(SIZE, baseMs);

  const adversarialResults = adversarial.map(({ name, make }) => {
    const small = make(MB);
    const large = make(SIZE);
    timeRuns(scanner, small, 1);
    const smallRuns = summarize(timeRuns(scanner, small, ADVERSARIAL_RUNS));
    const largeRuns = summarize(timeRuns(scanner, large, ADVERSARIAL_RUNS));
    const baselineMs = summarize(timeRuns(baseline, large, 3)).median;
    return {
      input: name,
      mbPerS: round(mbPerS(SIZE, largeRuns.median), 1),
      baselineMbPerS: round(mbPerS(SIZE, baselineMs), 1),
      // Time per MB at 10 MB over time per MB at 1 MB, best runs (a busy machine only ever adds time):
      // ≈ 1 is linear, ≈ 10 would be quadratic.
      perMbRatio10vs1: round(largeRuns.min / 10 / smallRuns.min, 2),
    };
  });
  const worstLinearity = Math.max(...adversarialResults.map((a) => a.perMbRatio10vs1));
  const slowestAdversarial = Math.min(...adversarialResults.map((a) => a.mbPerS));
  const ratio = s.median / b.median;
  return {
    id: 5,
    what: 'scanning a generated 10 MB source file with findGroupIds vs a per-line regex pass',
    value: round(s.median, 1),
    baseline: round(b.median, 1),
    ratio: round(ratio),
    unit: 'MB/s (median; higher is better; 1 MB = 10^6 bytes)',
    target: '≥ 100 MB/s, ≥ 1.0× the baseline, and linear on adversarial inputs (time per MB at 10 MB ÷ at 1 MB < 3; quadratic would be ≈ 10)',
    met: s.median >= 100 && ratio >= 1 && worstLinearity < 3,
    median: round(s.median, 1),
    spread: spreadOf(s),
    baselineSpread: spreadOf(b),
    runs: RUNS,
    details: { idsFound: found, adversarial: adversarialResults, worstPerMbRatio10vs1: worstLinearity, slowestAdversarialMbPerS: slowestAdversarial },
  };
}
