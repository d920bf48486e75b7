import * as assert from 'assert';
import { backoffDelay, sleep, SLOW_DOWN_FACTOR } from '../../src/chat/http/backoff';
import type { Clock } from '../../src/chat/http/clock';
import { AbortedError } from '../../src/chat/http/fair-queue';
import { Semaphore } from '../../src/chat/http/inflight';
import { RateLimiter } from '../../src/chat/http/pacing';

/** A manual clock: timers fire only when the test advances time. */
class FakeClock implements Clock {
  private t = 0;
  private seq = 0;
  private timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.t;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + Math.max(0, ms), callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pendingTimers(): number {
    return this.timers.size;
  }
  /** Moves time forward by `ms`, firing due timers in order; `lateMs` delays each firing (a busy event loop). */
  async advance(ms: number, lateMs = 0): Promise<void> {
    const end = this.t + ms;
    await flush();
    for (;;) {
      let nextId = -1;
      let nextAt = Infinity;
      for (const [id, timer] of this.timers) {
        if (timer.at < nextAt) {
          nextAt = timer.at;
          nextId = id;
        }
      }
      if (nextId < 0 || nextAt + lateMs > end) break;
      const timer = this.timers.get(nextId)!;
      this.timers.delete(nextId);
      this.t = Math.max(this.t, nextAt + lateMs);
      timer.callback();
      await flush();
    }
    this.t = end;
    await flush();
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** The largest number of events inside any half-open window [t, t + windowMs). */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi] - sorted[lo] >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

/**
 * Queues n acquires. Each released request "takes" a seeded random latency up to `maxLatencyMs` before it
 * finishes (done() is called then) and "arrives" at the server at a random point within that latency.
 */
function queueMany(limiter: RateLimiter, clock: FakeClock, n: number, signal?: AbortSignal, maxLatencyMs = 0): { times: number[]; arrivals: number[]; aborted: number } {
  const out = { times: [] as number[], arrivals: [] as number[], aborted: 0 };
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < n; i++) {
    limiter.acquire(signal).then(
      (done) => {
        const sent = clock.now();
        const latency = random() * maxLatencyMs;
        out.times.push(sent);
        out.arrivals.push(sent + random() * latency);
        if (latency === 0) done();
        else clock.setTimeout(done, latency);
      },
      (e) => {
        assert.ok(e instanceof AbortedError);
        out.aborted++;
      },
    );
  }
  return out;
}

describe('pacing: RateLimiter', () => {
  it('reaches ≥ 90 % of 200/s over 10 s with no 1 s window above 200, and no burst at start', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(200, { clock });
    const got = queueMany(limiter, clock, 5000, undefined);
    await clock.advance(1000);
    assert.ok(got.times.length <= 200, `first second released ${got.times.length}`);
    assert.ok(got.times.length >= 180, `first second released only ${got.times.length}`);
    await clock.advance(9000);
    assert.ok(got.times.length >= 1800, `10 s released only ${got.times.length}`);
    assert.ok(maxInWindow(got.times, 1000) <= 200, `a 1 s window held ${maxInWindow(got.times, 1000)}`);
    assert.strictEqual(limiter.pending, 5000 - got.times.length);
  });

  it('with network jitter (0–80 ms), no 1 s window of server arrivals exceeds 200, and the rate stays ≥ 90 %', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(200, { clock });
    const got = queueMany(limiter, clock, 4000, undefined, 80);
    await clock.advance(10_000);
    assert.ok(maxInWindow(got.arrivals, 1000) <= 200, `a 1 s window of arrivals held ${maxInWindow(got.arrivals, 1000)}`);
    assert.ok(got.times.length >= 1800, `10 s released only ${got.times.length}`);
  });

  it('a request still in flight keeps its slot: n releases later, the next waits for it to finish + 1 s', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(5, { clock, marginMs: 10 });
    const times: number[] = [];
    let firstDone: (() => void) | undefined;
    for (let i = 0; i < 6; i++) {
      void limiter.acquire().then((done) => {
        times.push(clock.now());
        if (firstDone === undefined) firstDone = done;
        else done();
      });
    }
    await clock.advance(1500);
    assert.deepStrictEqual(times, [0, 200, 400, 600, 800]);
    firstDone!();
    firstDone!(); // a second call changes nothing
    await clock.advance(999);
    assert.strictEqual(times.length, 5);
    await clock.advance(20);
    assert.deepStrictEqual(times, [0, 200, 400, 600, 800, 2510]);
  });

  it('keeps the 1 s cap when timers fire late (catch-up releases never break the window rule)', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(200, { clock });
    const got = queueMany(limiter, clock, 4000);
    await clock.advance(10000, 37);
    assert.ok(maxInWindow(got.times, 1000) <= 200, `a 1 s window held ${maxInWindow(got.times, 1000)}`);
    assert.ok(got.times.length >= 1800, `10 s released only ${got.times.length}`);
  });

  it('does not bank idle time as a burst', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(100, { clock });
    const first = queueMany(limiter, clock, 10);
    await clock.advance(5000);
    assert.strictEqual(first.times.length, 10);
    const second = queueMany(limiter, clock, 300);
    await clock.advance(1000);
    assert.ok(second.times.length <= 100, `after idle, 1 s released ${second.times.length}`);
    assert.ok(maxInWindow([...first.times, ...second.times], 1000) <= 100);
  });

  it('spaces releases evenly (no clumps) at the configured rate', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(50, { clock, marginMs: 0 });
    const got = queueMany(limiter, clock, 20);
    await clock.advance(1000);
    assert.strictEqual(got.times.length, 20);
    for (let i = 1; i < got.times.length; i++) assert.ok(got.times[i] - got.times[i - 1] >= 19.99, `gap ${i}: ${got.times.join(',')}`);
  });

  it('an aborted waiter rejects at once and gives its turn to the next', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(10, { clock, marginMs: 0 });
    (await limiter.acquire())(); // takes the first slot; the next is 100 ms away
    const controller = new AbortController();
    const order: string[] = [];
    const a = limiter.acquire(controller.signal).then(
      () => order.push('a'),
      (e) => order.push(e instanceof AbortedError ? 'a-aborted' : 'a-other'),
    );
    const b = limiter.acquire().then(() => order.push(`b@${clock.now()}`));
    assert.strictEqual(limiter.pending, 2);
    controller.abort();
    await flush();
    assert.deepStrictEqual(order, ['a-aborted']);
    assert.strictEqual(limiter.pending, 1);
    await clock.advance(100);
    await Promise.all([a, b]);
    assert.deepStrictEqual(order, ['a-aborted', 'b@100']);
    assert.strictEqual(clock.pendingTimers, 0);
  });

  it('lanes take turns: a one-request lane that joins behind a long one is released next', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(10, { clock, marginMs: 0 });
    const order: string[] = [];
    const long = {};
    const short = {};
    for (let i = 0; i < 20; i++) void limiter.acquire(undefined, long).then((done) => (order.push(`long${i}`), done()));
    await clock.advance(250); // long0 at 0, long1 at 100, long2 at 200
    void limiter.acquire(undefined, short).then((done) => (order.push('short'), done()));
    await clock.advance(200);
    assert.deepStrictEqual(order, ['long0', 'long1', 'long2', 'short', 'long3']);
    await clock.advance(2000);
    assert.strictEqual(order.length, 21);
  });

  it('two long lanes alternate; an aborted lane gives its turns away', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(10, { clock, marginMs: 0 });
    (await limiter.acquire())(); // takes the first slot; the next is 100 ms away
    const order: string[] = [];
    const controller = new AbortController();
    const a = {};
    const b = {};
    for (let i = 0; i < 4; i++) void limiter.acquire(controller.signal, a).then((done) => (order.push('a'), done()), () => order.push('a-aborted'));
    for (let i = 0; i < 4; i++) void limiter.acquire(undefined, b).then((done) => (order.push('b'), done()));
    await clock.advance(350); // releases at 100, 200, 300
    assert.strictEqual(order.length, 3);
    assert.ok(order[0] !== order[1] && order[1] !== order[2], order.join());
    const aSent = order.filter((o) => o === 'a').length;
    controller.abort();
    await clock.advance(1000);
    assert.strictEqual(order.filter((o) => o === 'b').length, 4);
    assert.strictEqual(order.filter((o) => o === 'a-aborted').length, 4 - aSent);
    assert.strictEqual(limiter.pending, 0);
  });

  it('rejects at once when the signal has already fired', async () => {
    const limiter = new RateLimiter(1, { clock: new FakeClock() });
    (await limiter.acquire())();
    await assert.rejects(limiter.acquire(AbortSignal.abort()), AbortedError);
    assert.strictEqual(limiter.pending, 0);
  });

  it('setRate keeps queued waiters and applies the new spacing', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(10, { clock, marginMs: 0 });
    const got = queueMany(limiter, clock, 30);
    await clock.advance(450); // releases at 0,100,...,400 → 5
    assert.strictEqual(got.times.length, 5);
    limiter.setRate(100);
    assert.strictEqual(limiter.rate, 100);
    await clock.advance(250);
    assert.strictEqual(got.times.length, 30);
    assert.ok(maxInWindow(got.times, 1000) <= 100);
    assert.throws(() => limiter.setRate(0), RangeError);
    assert.throws(() => limiter.setRate(Infinity), RangeError);
  });

  it('on the real clock: 100/s for 1.1 s stays within 100 per second and near the rate', async function () {
    this.timeout(5000);
    const limiter = new RateLimiter(100);
    const times: number[] = [];
    const start = performance.now();
    await Promise.all(
      Array.from({ length: 113 }, () =>
        limiter.acquire().then((done) => {
          times.push(performance.now());
          setTimeout(done, 2); // a quick round trip
        }),
      ),
    );
    const elapsed = performance.now() - start;
    assert.ok(maxInWindow(times, 1000) <= 100, `a 1 s window held ${maxInWindow(times, 1000)}`);
    // 113 releases need ≥ 112 × 10 ms; how close to the rate it gets is shown on the fake clock above.
    assert.ok(elapsed >= 1110, `took ${elapsed} ms`);
  });
});

describe('pacing: Semaphore', () => {
  it('caps holders, serves waiters in order, and ignores a second release', async () => {
    const sem = new Semaphore(2);
    const r1 = await sem.acquire();
    const r2 = await sem.acquire();
    const order: number[] = [];
    const p3 = sem.acquire().then((r) => (order.push(3), r));
    const p4 = sem.acquire().then((r) => (order.push(4), r));
    await flush();
    assert.deepStrictEqual(order, []);
    assert.strictEqual(sem.inUse, 2);
    assert.strictEqual(sem.waiting, 2);
    r1();
    r1();
    await flush();
    assert.deepStrictEqual(order, [3]);
    assert.strictEqual(sem.inUse, 2);
    r2();
    const [r3, r4] = await Promise.all([p3, p4]);
    assert.deepStrictEqual(order, [3, 4]);
    r3();
    r4();
    assert.strictEqual(sem.inUse, 0);
  });

  it('an aborted waiter leaves the queue and never holds a place', async () => {
    const sem = new Semaphore(1);
    const r1 = await sem.acquire();
    const controller = new AbortController();
    const p = sem.acquire(controller.signal);
    controller.abort('stop');
    await assert.rejects(p, (e: unknown) => e instanceof AbortedError && e.reason === 'stop');
    assert.strictEqual(sem.waiting, 0);
    r1();
    assert.strictEqual(sem.inUse, 0);
    await assert.rejects(sem.acquire(AbortSignal.abort()), AbortedError);
    assert.strictEqual(sem.inUse, 0);
  });

  it('setMax admits waiters when raised and refuses nonsense', async () => {
    const sem = new Semaphore(1);
    await sem.acquire();
    const p = sem.acquire();
    sem.setMax(2);
    await p;
    assert.strictEqual(sem.inUse, 2);
    assert.throws(() => sem.setMax(0), RangeError);
    assert.throws(() => new Semaphore(1.5), RangeError);
  });
});

describe('pacing: sleep and backoff', () => {
  it('sleep resolves after the delay and rejects promptly on abort', async () => {
    const clock = new FakeClock();
    let done = false;
    const p = sleep(1000, undefined, clock).then(() => (done = true));
    await clock.advance(999);
    assert.strictEqual(done, false);
    await clock.advance(1);
    await p;
    assert.strictEqual(done, true);

    const controller = new AbortController();
    const started = performance.now();
    const q = sleep(60_000, controller.signal);
    setTimeout(() => controller.abort(), 5);
    await assert.rejects(q, AbortedError);
    assert.ok(performance.now() - started < 100);
    await assert.rejects(sleep(10, AbortSignal.abort()), AbortedError);
  });

  it('full jitter stays within [0, min(max, base·2^(n-1))) and slow-down waits longer', () => {
    const options = { baseDelayMs: 250, maxDelayMs: 4000 };
    assert.strictEqual(backoffDelay(1, options, false, () => 0), 0);
    assert.strictEqual(backoffDelay(1, options, false, () => 0.999999) < 250, true);
    assert.strictEqual(Math.round(backoffDelay(3, options, false, () => 1)), 1000);
    assert.strictEqual(backoffDelay(10, options, false, () => 1), 4000);
    // Slow down: base × factor, never below half the cap.
    assert.strictEqual(backoffDelay(1, options, true, () => 0), (250 * SLOW_DOWN_FACTOR) / 2);
    assert.strictEqual(backoffDelay(1, options, true, () => 1), 250 * SLOW_DOWN_FACTOR);
    assert.strictEqual(backoffDelay(5, options, true, () => 1), 4000);
    for (let i = 0; i < 1000; i++) {
      const d = backoffDelay(1 + (i % 6), options, i % 2 === 0);
      assert.ok(d >= 0 && d <= 4000);
    }
  });
});
