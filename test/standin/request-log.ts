// The bounded record of requests the stand-in saw, and the counters behind stats().
import type { RecordedRequest, StandInStats } from './types';

export const MAX_RECORDS = 100_000;

export class RequestLog {
  private list: RecordedRequest[] = [];
  private seq = 0;
  private counters: StandInStats = { total: 0, byCode: {}, faults: 0, rateLimited: 0 };

  /** Oldest first; a live view holding at least the last MAX_RECORDS requests (at most 1,000 more). */
  get records(): readonly RecordedRequest[] {
    return this.list;
  }

  add(entry: Omit<RecordedRequest, 'seq'>, rateLimited: boolean): void {
    const record: RecordedRequest = { seq: ++this.seq, ...entry };
    this.list.push(record);
    // Drop in slices so a long run does not shift the array on every request.
    if (this.list.length > MAX_RECORDS + 1000) this.list.splice(0, this.list.length - MAX_RECORDS);
    const c = this.counters;
    c.total += 1;
    if (record.errorCode !== undefined) c.byCode[record.errorCode] = (c.byCode[record.errorCode] ?? 0) + 1;
    if (record.fault) c.faults += 1;
    if (rateLimited) c.rateLimited += 1;
  }

  reset(): void {
    this.list = [];
    this.counters = { total: 0, byCode: {}, faults: 0, rateLimited: 0 };
  }

  stats(): StandInStats {
    return { ...this.counters, byCode: { ...this.counters.byCode } };
  }
}
