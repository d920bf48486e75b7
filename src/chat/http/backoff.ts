// Waiting between attempts: an abortable sleep and the retry backoff.

import { type Clock, systemClock } from './clock';
import { AbortedError } from './fair-queue';

/** Sleeps `ms`, or rejects with AbortedError as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal, clock: Clock = systemClock): Promise<void> {
  if (signal?.aborted) return Promise.reject(new AbortedError(signal.reason));
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clock.clearTimeout(handle);
      reject(new AbortedError(signal?.reason));
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
}

/** How much longer "slow down" answers wait than other transient failures. */
export const SLOW_DOWN_FACTOR = 4;

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(max, base × 2^(attempt-1))).
 * A "slow down" answer (the app's frequency limit) starts from base × SLOW_DOWN_FACTOR and never waits
 * less than half its cap, so the retry does not land in the same overfull second.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, slowDown: boolean, random: () => number = Math.random): number {
  const base = options.baseDelayMs * (slowDown ? SLOW_DOWN_FACTOR : 1);
  const cap = Math.min(options.maxDelayMs, base * 2 ** Math.max(0, attempt - 1));
  return slowDown ? cap / 2 + random() * (cap / 2) : random() * cap;
}
