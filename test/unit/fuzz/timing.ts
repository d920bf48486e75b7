// Measuring for the linear-time checks: a single call is too short to time, so each sample repeats it.

/**
 * Milliseconds per call: repeats the call until `sampleMs` have passed and divides, best of `rounds`
 * samples (the least disturbed by GC, JIT tiering or a busy machine).
 */
export function msPerCall(fn: () => unknown, rounds: number, sampleMs: number): number {
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    let calls = 0;
    const t0 = process.hrtime.bigint();
    let elapsed: number;
    do {
      fn();
      calls++;
      elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
    } while (elapsed < sampleMs);
    best = Math.min(best, elapsed / calls);
  }
  return best;
}
