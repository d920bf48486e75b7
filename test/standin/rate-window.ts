// The per-app frequency limit: a sliding one-second window over admitted requests.
// Sliding window (not a token bucket) because it is the strictest reading of "N calls per second":
// no burst above N can ever fit in any 1 s interval, so a client that passes here passes anywhere.

export class RateWindow {
  /** Admission times (ms) of the last `limit` admitted requests, as a ring. */
  private times: number[] = [];
  private next = 0;

  constructor(private limit: number | false) {}

  setLimit(limit: number | false): void {
    this.limit = limit;
    this.times = [];
    this.next = 0;
  }

  /** True when a request arriving at nowMs is admitted (and counts); false when over the limit. */
  admit(nowMs: number): boolean {
    if (this.limit === false) return true;
    if (this.times.length < this.limit) {
      this.times.push(nowMs);
      return true;
    }
    // The oldest of the last `limit` admissions must have left the window.
    if (nowMs - this.times[this.next] < 1000) return false;
    this.times[this.next] = nowMs;
    this.next = (this.next + 1) % this.limit;
    return true;
  }
}

/**
 * One RateWindow per API: the pages give each API its own "200 calls/s" (guess: counted per app and API,
 * not across APIs, since every page states the limit for itself).
 */
export class RateWindows {
  private readonly windows = new Map<string, RateWindow>();

  constructor(private limit: number | false) {}

  setLimit(limit: number | false): void {
    this.limit = limit;
    this.windows.clear();
  }

  admit(api: string, nowMs: number): boolean {
    let window = this.windows.get(api);
    if (!window) this.windows.set(api, (window = new RateWindow(this.limit)));
    return window.admit(nowMs);
  }
}
