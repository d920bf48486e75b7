// Pace of the Chat client: the per-app rate limiter, the in-flight cap, and retry backoff.
// Plain timers only (no undici), so the pieces can be tested on a fake clock.

/** Time source and timers; tests pass a fake one. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The reason a wait ended early because its AbortSignal fired. */
export class AbortedError extends Error {
  constructor(readonly reason: unknown) {
    super('aborted');
    this.name = 'AbortedError';
  }
}

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
  /** Set once the waiter was resolved or rejected; dead waiters stay in the queue and are skipped. */
  done: boolean;
  signal?: AbortSignal;
  onAbort?: () => void;
}

function settle(waiter: Waiter, error?: unknown): void {
  waiter.done = true;
  if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
  if (error === undefined) waiter.resolve();
  else waiter.reject(error);
}

/** Queues a waiter that is rejected with AbortedError when `signal` fires; `onAbort` lets the owner clean up. */
function enqueue(queue: Waiter[], signal: AbortSignal | undefined, onAbort: () => void): Promise<void> {
  if (signal?.aborted) return Promise.reject(new AbortedError(signal.reason));
  return new Promise<void>((resolve, reject) => {
    const waiter: Waiter = { resolve, reject, done: false, signal };
    if (signal) {
      waiter.onAbort = () => {
        if (waiter.done) return;
        settle(waiter, new AbortedError(signal.reason));
        onAbort();
      };
      signal.addEventListener('abort', waiter.onAbort, { once: true });
    }
    queue.push(waiter);
  });
}

/** Drops settled waiters from the front of a queue; returns the first live one. */
function firstLive(queue: Waiter[], start: number): number {
  let i = start;
  while (i < queue.length && queue[i].done) i++;
  return i;
}

/** How far a late timer may catch up on the slots it missed, while waiters were queued. */
const CATCH_UP_MS = 50;

export interface RateLimiterOptions {
  /**
   * Extra milliseconds added to the one-second window. The server counts arrivals, and network jitter can
   * bunch requests that left evenly spaced, so the limiter aims slightly below the limit: with the default
   * 50 ms it sends 1000 / 1050 ≈ 95 % of the allowed rate.
   */
  marginMs?: number;
  clock?: Clock;
}

/**
 * Evenly spaced release of requests: at most `perSecond` per second, with no burst at start (a token bucket
 * that starts full would send its whole capacity in the first second on top of the steady rate, and the
 * server counts per second). Two rules hold together:
 *  - slots are `interval = (1000 + margin) / perSecond` ms apart; a late timer may release the slots it
 *    missed in one go (so the average rate does not sag with timer lateness), but
 *  - the n-th previous release must be at least `n × interval` ago (n = ⌊perSecond⌋), which caps every
 *    sliding window of 1000 + margin ms at perSecond releases, whatever the timers did.
 * Waiters are served first come, first served; an aborted waiter gives its turn away.
 */
export class RateLimiter {
  private readonly clock: Clock;
  private readonly marginMs: number;
  private perSecond = 0;
  private interval = 0;
  /** Ring of the last n release times, for the sliding-window rule. */
  private history = new Float64Array(1);
  private historyNext = 0;
  private historyCount = 0;
  private nextSlot = -Infinity;
  private queue: Waiter[] = [];
  private head = 0;
  private live = 0;
  private timer: unknown;
  private timerAt = Infinity;

  constructor(perSecond: number, options: RateLimiterOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.marginMs = options.marginMs ?? 50;
    this.setRate(perSecond);
  }

  get rate(): number {
    return this.perSecond;
  }

  /** Waiters not yet released. */
  get pending(): number {
    return this.live;
  }

  /** Changes the rate; queued waiters keep their place. */
  setRate(perSecond: number): void {
    if (!(perSecond > 0) || !Number.isFinite(perSecond)) {
      throw new RangeError(`requests per second must be a positive finite number, not ${perSecond}`);
    }
    if (perSecond === this.perSecond) return;
    this.perSecond = perSecond;
    this.interval = (1000 + this.marginMs) / perSecond;
    const size = Math.max(1, Math.floor(perSecond));
    // Keep the newest releases so the window rule still holds across the change.
    const kept: number[] = [];
    for (let k = 0; k < Math.min(this.historyCount, size); k++) {
      kept.unshift(this.history[(this.historyNext - 1 - k + this.history.length) % this.history.length]);
    }
    this.history = new Float64Array(size);
    kept.forEach((t, i) => (this.history[i] = t));
    this.historyCount = kept.length;
    this.historyNext = kept.length % size;
    // The next slot follows the newest release at the new spacing.
    if (kept.length > 0) this.nextSlot = kept[kept.length - 1] + this.interval;
    this.reschedule();
  }

  /** Resolves when the caller may send one request; rejects with AbortedError when `signal` fires first. */
  acquire(signal?: AbortSignal): Promise<void> {
    const now = this.clock.now();
    if (this.live === 0 && this.earliest(now) <= 0) {
      // Nobody was waiting: the schedule restarts from now, so idle time is never banked as a burst.
      this.record(now, now);
      return Promise.resolve();
    }
    if (signal?.aborted) return Promise.reject(new AbortedError(signal.reason));
    const promise = enqueue(this.queue, signal, () => {
      this.live--;
      this.compact();
      this.reschedule();
    });
    this.live++;
    this.reschedule();
    return promise;
  }

  /** Milliseconds from `now` until the next release is allowed (≤ 0: now). */
  private earliest(now: number): number {
    let at = this.nextSlot;
    if (this.historyCount === this.history.length) {
      const oldest = this.history[this.historyNext];
      at = Math.max(at, oldest + this.history.length * this.interval);
    }
    return at - now;
  }

  /** Notes a release at `now` that used the slot at `slot`. */
  private record(now: number, slot: number): void {
    this.nextSlot = slot + this.interval;
    this.history[this.historyNext] = now;
    this.historyNext = (this.historyNext + 1) % this.history.length;
    if (this.historyCount < this.history.length) this.historyCount++;
  }

  private drain = (): void => {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = this.clock.now();
    while (this.live > 0 && this.earliest(now) <= 0) {
      this.head = firstLive(this.queue, this.head);
      const waiter = this.queue[this.head++];
      this.live--;
      // A late timer may release the slots it missed, up to CATCH_UP_MS of them (the window rule still holds).
      this.record(now, Math.max(this.nextSlot, now - CATCH_UP_MS));
      settle(waiter);
    }
    this.compact();
    this.reschedule();
  };

  private compact(): void {
    if (this.live === 0) {
      this.queue = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  private reschedule(): void {
    if (this.live === 0) {
      if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
      this.timer = undefined;
      this.timerAt = Infinity;
      return;
    }
    const now = this.clock.now();
    const at = now + Math.max(0, this.earliest(now));
    if (this.timer !== undefined && this.timerAt <= at) return;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = this.clock.setTimeout(this.drain, Math.max(0, Math.ceil(at - now)));
  }
}

/** A cap on concurrent holders; `acquire` resolves once a place is free. */
export class Semaphore {
  private active = 0;
  private queue: Waiter[] = [];
  private head = 0;
  private live = 0;

  constructor(private max: number) {
    Semaphore.check(max);
  }

  private static check(max: number): void {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`the in-flight cap must be an integer ≥ 1, not ${max}`);
  }

  get inUse(): number {
    return this.active;
  }

  get waiting(): number {
    return this.live;
  }

  setMax(max: number): void {
    Semaphore.check(max);
    this.max = max;
    this.pump();
  }

  /** Resolves with a release function (call it exactly once); rejects with AbortedError on abort. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.active < this.max && this.live === 0) {
      if (signal?.aborted) throw new AbortedError(signal.reason);
      this.active++;
      return this.releaser();
    }
    const promise = enqueue(this.queue, signal, () => {
      this.live--;
      if (this.live === 0) {
        this.queue = [];
        this.head = 0;
      }
    });
    this.live++;
    await promise;
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.pump();
    };
  }

  private pump(): void {
    while (this.active < this.max && this.live > 0) {
      this.head = firstLive(this.queue, this.head);
      const waiter = this.queue[this.head++];
      this.live--;
      this.active++;
      settle(waiter);
    }
    if (this.live === 0) {
      this.queue = [];
      this.head = 0;
    }
  }
}

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
