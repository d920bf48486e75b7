// The waiting line shared by the pace and the in-flight cap: one lane per query, served in turn, so a
// one-request check started during a long one waits for one turn of each other query, not for all of them.

/** The reason a wait ended early because its AbortSignal fired. */
export class AbortedError extends Error {
  constructor(readonly reason: unknown) {
    super('aborted');
    this.name = 'AbortedError';
  }
}

/** Whom a waiter belongs to: waiters of one lane are served in order, lanes take turns. Any object will do. */
export type Lane = object;

/** The lane of callers that name none. */
export const SHARED_LANE: Lane = {};

interface Waiter {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  /** Set once the waiter was granted or refused; dead waiters stay in their lane and are skipped. */
  done: boolean;
  lane: LaneQueue;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface LaneQueue {
  key: Lane;
  waiters: Waiter[];
  head: number;
  live: number;
}

/**
 * One abort listener per signal, shared by all its waiters: a query may queue many requests on one
 * signal, and EventTarget scans its whole listener list on every add.
 */
const waitersBySignal = new WeakMap<AbortSignal, Set<Waiter>>();

function abortAll(this: AbortSignal): void {
  const waiters = waitersBySignal.get(this);
  waitersBySignal.delete(this);
  for (const waiter of waiters ?? []) waiter.onAbort?.();
}

function detach(waiter: Waiter): void {
  waiter.done = true;
  const signal = waiter.signal;
  const waiters = signal && waitersBySignal.get(signal);
  if (!waiters || !waiters.delete(waiter) || waiters.size > 0) return;
  waitersBySignal.delete(signal);
  signal.removeEventListener('abort', abortAll);
}

/** Waiters in lanes that take turns (round-robin); within a lane, first come, first served. */
export class FairQueue {
  private readonly lanes = new Map<Lane, LaneQueue>();
  /** Lanes with live waiters, in turn order; `turn` indexes the lane to serve next. */
  private ring: LaneQueue[] = [];
  private turn = 0;
  private live = 0;

  /** Waiters not yet granted or aborted. */
  get size(): number {
    return this.live;
  }

  /**
   * Queues a waiter in `lane`; the promise resolves with what grantNext passes, or rejects with
   * AbortedError when `signal` fires first (then `onAbort` lets the owner reschedule).
   */
  enqueue(lane: Lane, signal: AbortSignal | undefined, onAbort: () => void): Promise<unknown> {
    if (signal?.aborted) return Promise.reject(new AbortedError(signal.reason));
    return new Promise<unknown>((resolve, reject) => {
      const queue = this.laneOf(lane);
      const waiter: Waiter = { resolve, reject, done: false, lane: queue, signal };
      if (signal) {
        waiter.onAbort = () => {
          if (waiter.done) return;
          detach(waiter);
          this.dropOne(queue);
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
      queue.waiters.push(waiter);
      queue.live++;
      this.live++;
    });
  }

  /** Grants the first waiter of the lane whose turn it is, then passes the turn on. False when nobody waits. */
  grantNext(value: unknown): boolean {
    if (this.live === 0) return false;
    const index = this.turn % this.ring.length;
    const queue = this.ring[index];
    while (queue.waiters[queue.head].done) queue.head++;
    const waiter = queue.waiters[queue.head++];
    detach(waiter);
    this.live--;
    queue.live--;
    if (queue.live === 0) {
      this.removeLane(queue, index);
      this.turn = index;
    } else {
      this.compactLane(queue);
      this.turn = index + 1;
    }
    waiter.resolve(value);
    return true;
  }

  private laneOf(key: Lane): LaneQueue {
    let queue = this.lanes.get(key);
    if (!queue) {
      queue = { key, waiters: [], head: 0, live: 0 };
      this.lanes.set(key, queue);
      // A new lane is served next: a small check started during a long one waits for one release, not a turn of every lane.
      const index = this.ring.length === 0 ? 0 : this.turn % this.ring.length;
      this.ring.splice(index, 0, queue);
      this.turn = index;
    }
    return queue;
  }

  private dropOne(queue: LaneQueue): void {
    this.live--;
    queue.live--;
    if (queue.live === 0) {
      const index = this.ring.indexOf(queue);
      this.removeLane(queue, index);
      if (index < this.turn) this.turn--;
    }
  }

  private removeLane(queue: LaneQueue, index: number): void {
    this.lanes.delete(queue.key);
    this.ring.splice(index, 1);
    if (this.ring.length === 0) this.turn = 0;
  }

  private compactLane(queue: LaneQueue): void {
    if (queue.head > 1024 && queue.head * 2 > queue.waiters.length) {
      queue.waiters = queue.waiters.slice(queue.head);
      queue.head = 0;
    }
  }
}
