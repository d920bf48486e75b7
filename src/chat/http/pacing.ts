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
  resolve(value: unknown): void;
  reject(error: unknown): void;
  /** Set once the waiter was granted or refused; dead waiters stay in the queue and are skipped. */
  done: boolean;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/**
 * One abort listener per signal, shared by all its waiters: a query queues thousands of requests on one
 * signal, and EventTarget scans its whole listener list on every add, which made enqueueing quadratic.
 */
const waitersBySignal = new WeakMap<AbortSignal, Set<Waiter>>();

function abortAll(this: AbortSignal): void {
  const waiters = waitersBySignal.get(this);
  waitersBySignal.delete(this);
  for (const waiter of waiters ?? []) waiter.onAbort?.();
}

function finishWaiter(waiter: Waiter): void {
  waiter.done = true;
  const signal = waiter.signal;
  const waiters = signal && waitersBySignal.get(signal);
  if (!waiters || !waiters.delete(waiter) || waiters.size > 0) return;
  waitersBySignal.delete(signal);
  signal.removeEventListener('abort', abortAll);
}

function grant(waiter: Waiter, value: unknown): void {
  finishWaiter(waiter);
  waiter.resolve(value);
}

/** Queues a waiter that is rejected with AbortedError when `signal` fires; `onAbort` lets the owner clean up. */
function enqueue(queue: Waiter[], signal: AbortSignal | undefined, onAbort: () => void): Promise<unknown> {
  return new Promise<unknown>((resolve, reject) => {
    const waiter: Waiter = { resolve, reject, done: false, signal };
    if (signal) {
      waiter.onAbort = () => {
        if (waiter.done) return;
        finishWaiter(waiter);
        reject(new AbortedError(signal.reason));
        onAbort();
      };
      let waiters = waitersBySignal.get(signal);
      if (!waiters) {
        waiters = new Set();
        waitersBySignal.set(signal, waiters);
        signal.addEventListener('abort', abortAll, { once: true });
      }
      waiters.add(waiter);
    }
    queue.push(waiter);
  });
}

/** Index of the first live waiter at or after `start`. */
function firstLive(queue: Waiter[], start: number): number {
  let i = start;
  while (i < queue.length && queue[i].done) i++;
  return i;
}

/** How far a late timer may catch up on the slots it missed, while waiters were queued. */
const CATCH_UP_MS = 50;

export interface RateLimiterOptions {
  /**
   * Milliseconds added to the one-second window, for clock granularity: the server may count in whole
   * milliseconds. Default 10.
   */
  marginMs?: number;
  clock?: Clock;
}

/** Called when the request that used a slot got its answer (or failed); call it exactly once. */
export type SlotDone = () => void;

/** One release: when its request finished (Infinity while it is in flight). */
interface Slot {
  finishedAt: number;
}

/**
 * The per-app pace: at most `perSecond` requests in any one-second window *as the server counts them*.
 * The server counts arrivals, which the client cannot see, but an arrival always lies between the send
 * and the answer. So two rules hold together:
 *  - releases are evenly spaced, `1000 / perSecond` ms apart, with no burst at start (a token bucket
 *    that starts full would send its whole capacity in the first second on top of the steady rate); a late
 *    timer may release the slots it missed, up to CATCH_UP_MS of them, so the average does not sag;
 *  - a release may reuse the slot of the request n releases back (n = ⌊perSecond⌋) only once that request
 *    has *finished* and a full window (1000 ms + margin) has passed since. Its arrival came before its
 *    answer, so no window at the server can hold n + 1 arrivals, whatever the network jitter.
 * The second rule costs one round trip per window: the rate reached is about 1000 / (1000 + RTT) of the
 * limit (≈ 99 % on loopback, ≈ 95 % at 50 ms). Waiters are served first come, first served; an aborted
 * waiter gives its turn away.
 */
export class RateLimiter {
  private readonly clock: Clock;
  private readonly marginMs: number;
  private perSecond = 0;
  private interval = 0;
  private windowMs = 0;
  /** Ring of the last n releases. */
  private slots: Slot[] = [];
  private slotsNext = 0;
  private nextRelease = -Infinity;
  private queue: Waiter[] = [];
  private head = 0;
  private live = 0;
  private timer: unknown;
  private timerAt = Infinity;

  constructor(perSecond: number, options: RateLimiterOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.marginMs = options.marginMs ?? 10;
    this.setRate(perSecond);
  }

  get rate(): number {
    return this.perSecond;
  }

  /** Waiters not yet released. */
  get pending(): number {
    return this.live;
  }

  /** Changes the rate; queued waiters keep their place and the recent releases still count. */
  setRate(perSecond: number): void {
    if (!(perSecond > 0) || !Number.isFinite(perSecond)) {
      throw new RangeError(`requests per second must be a positive finite number, not ${perSecond}`);
    }
    if (perSecond === this.perSecond) return;
    const previousInterval = this.interval;
    this.perSecond = perSecond;
    this.interval = 1000 / perSecond;
    const size = Math.max(1, Math.floor(perSecond));
    this.windowMs = (size * 1000) / perSecond + this.marginMs;
    // Keep the newest releases, oldest first, so the window rule holds across the change.
    const ordered = [...this.slots.slice(this.slotsNext), ...this.slots.slice(0, this.slotsNext)];
    this.slots = ordered.slice(-size);
    this.slotsNext = this.slots.length % size;
    if (Number.isFinite(this.nextRelease)) this.nextRelease += this.interval - previousInterval;
    this.reschedule();
  }

  /**
   * Resolves when the caller may send one request, with the function to call once that request has
   * finished; rejects with AbortedError when `signal` fires first.
   */
  acquire(signal?: AbortSignal): Promise<SlotDone> {
    if (signal?.aborted) return Promise.reject(new AbortedError(signal.reason));
    const now = this.clock.now();
    if (this.live === 0 && this.wait(now) <= 0) {
      // Nobody was waiting: the schedule restarts from now, so idle time is never banked as a burst.
      return Promise.resolve(this.release(now));
    }
    const promise = enqueue(this.queue, signal, () => {
      this.live--;
      this.compact();
      this.reschedule();
    });
    this.live++;
    this.reschedule();
    return promise as Promise<SlotDone>;
  }

  /** Milliseconds from `now` until the next release is allowed (≤ 0: now; Infinity: when a request finishes). */
  private wait(now: number): number {
    let at = this.nextRelease;
    if (this.slots.length === Math.max(1, Math.floor(this.perSecond))) {
      at = Math.max(at, this.slots[this.slotsNext].finishedAt + this.windowMs);
    }
    return at - now;
  }

  /** Takes the slot scheduled at `scheduled`. */
  private release(scheduled: number): SlotDone {
    this.nextRelease = scheduled + this.interval;
    const slot: Slot = { finishedAt: Infinity };
    const size = Math.max(1, Math.floor(this.perSecond));
    if (this.slots.length < size) this.slots.push(slot);
    else this.slots[this.slotsNext] = slot;
    this.slotsNext = (this.slotsNext + 1) % size;
    return () => {
      if (slot.finishedAt !== Infinity) return;
      slot.finishedAt = this.clock.now();
      if (this.live > 0) this.reschedule();
    };
  }

  private drain = (): void => {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = this.clock.now();
    while (this.live > 0 && this.wait(now) <= 0) {
      this.head = firstLive(this.queue, this.head);
      const waiter = this.queue[this.head++];
      this.live--;
      grant(waiter, this.release(Math.max(this.nextRelease, now - CATCH_UP_MS)));
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
    const now = this.clock.now();
    const wait = this.live === 0 ? Infinity : this.wait(now);
    // Nobody waits, or the next release waits for a request to finish (its done() reschedules).
    if (wait === Infinity) {
      if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
      this.timer = undefined;
      this.timerAt = Infinity;
      return;
    }
    const at = now + Math.max(0, wait);
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
    if (signal?.aborted) throw new AbortedError(signal.reason);
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
      grant(waiter, undefined);
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
