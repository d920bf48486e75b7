// The per-app pace of the Chat client. Plain timers only (no undici), so it can be tested on a fake clock.

import { type Clock, systemClock } from './clock';
import { AbortedError, FairQueue, SHARED_LANE, type Lane } from './fair-queue';

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
 * limit (≈ 99 % on loopback, ≈ 95 % at 50 ms). Waiters queue in lanes (one per query) that take turns,
 * first come, first served within a lane; an aborted waiter gives its turn away.
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
  private readonly waiting = new FairQueue();
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
    return this.waiting.size;
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
   * finished; rejects with AbortedError when `signal` fires first. Callers of one `lane` are served in
   * order; lanes take turns.
   */
  acquire(signal?: AbortSignal, lane: Lane = SHARED_LANE): Promise<SlotDone> {
    if (signal?.aborted) return Promise.reject(new AbortedError(signal.reason));
    const now = this.clock.now();
    if (this.waiting.size === 0 && this.wait(now) <= 0) {
      // Nobody was waiting: the schedule restarts from now, so idle time is never banked as a burst.
      return Promise.resolve(this.release(now));
    }
    const promise = this.waiting.enqueue(lane, signal, () => this.reschedule());
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
      if (this.waiting.size > 0) this.reschedule();
    };
  }

  private drain = (): void => {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = this.clock.now();
    // The slot is taken only for a live waiter, so an abort in between never wastes one.
    while (this.waiting.size > 0 && this.wait(now) <= 0) {
      const scheduled = Math.max(this.nextRelease, now - CATCH_UP_MS);
      this.waiting.grantNext(this.release(scheduled));
    }
    this.reschedule();
  };

  private reschedule(): void {
    const now = this.clock.now();
    const wait = this.waiting.size === 0 ? Infinity : this.wait(now);
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
