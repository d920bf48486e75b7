// The cap on Chat requests in flight (and keep-alive connections per origin), shared by every query of a
// client; waiters of one query queue in their own lane, and lanes take turns.

import { AbortedError, FairQueue, SHARED_LANE, type Lane } from './fair-queue';

/** A cap on concurrent holders; `acquire` resolves once a place is free. */
export class Semaphore {
  private active = 0;
  private readonly queue = new FairQueue();

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
    return this.queue.size;
  }

  setMax(max: number): void {
    Semaphore.check(max);
    this.max = max;
    this.pump();
  }

  /** Resolves with a release function (call it exactly once); rejects with AbortedError on abort. */
  async acquire(signal?: AbortSignal, lane: Lane = SHARED_LANE): Promise<() => void> {
    if (signal?.aborted) throw new AbortedError(signal.reason);
    if (this.active < this.max && this.queue.size === 0) {
      this.active++;
      return this.releaser();
    }
    await this.queue.enqueue(lane, signal, () => undefined);
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
    while (this.active < this.max && this.queue.size > 0) {
      this.active++;
      this.queue.grantNext(undefined);
    }
  }
}
