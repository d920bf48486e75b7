// Row 9: List All Members of a 10,000-member group (one listMembers call: get_group_info, then 100 pages of
// 100 by Offset) with the stand-in enforcing 200 requests/s and the client at its default 200/s. The floor is
// the limit itself: 101 requests / 200 per second. Also the heap a listing of 10,000 members holds.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ChatClient, type MemberListing } from '../src/chat/client';
import { type RowResult, spreadOf } from './results';
import { forkStandIn } from './standin-fork';
import { nowMs, round, summarize } from './stats';
import { APP, benchUserSig, groupId, seedData, type WorkloadSpec } from './workload';

const MEMBERS = 10_000;
const LIMIT = 200;
const PAGE = 100;
const RUNS = 5;
/** One get_group_info request, then the pages. */
const REQUESTS = 1 + MEMBERS / PAGE;
const FLOOR_S = REQUESTS / LIMIT;

/** The smallest workload whose group has exactly MEMBERS members (the workload makes about 60 % of its accounts members). */
function tenThousandMembers(): WorkloadSpec {
  for (let accounts = MEMBERS; ; accounts++) {
    const spec = { groups: 1, accounts };
    if (seedData(spec).groups[0].members.length === MEMBERS) return spec;
  }
}

/** Heap held by `make()`'s result, after full collections before and after (V8's gc, reached without --expose-gc). */
function heldBytes(make: () => unknown): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const held = make();
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  if (held === undefined) throw new Error('nothing held');
  return after - before;
}

export async function runMembersRow(): Promise<RowResult> {
  const spec = tenThousandMembers();
  const standIn = await forkStandIn(spec, LIMIT);
  try {
    const credentials = { sdkAppId: APP.sdkAppId, identifier: APP.admin, userSig: benchUserSig() };
    const seconds: number[] = [];
    const perRun: { seconds: number; members: number; truncated: boolean; error?: string; serverRequests: number; serverRateLimited: number; retries: number }[] = [];
    let last: MemberListing | undefined;
    for (let i = 0; i < RUNS; i++) {
      // Let the stand-in's one-second window empty, so each run starts from a quiet app.
      await new Promise((r) => setTimeout(r, 1200));
      const client = new ChatClient({ region: 'singapore', endpoint: standIn.url, requestsPerSecond: LIMIT });
      const before = await standIn.stats();
      try {
        const t0 = nowMs();
        last = await client.listMembers(credentials, groupId(0), undefined, MEMBERS);
        const s = (nowMs() - t0) / 1000;
        const after = await standIn.stats();
        seconds.push(s);
        perRun.push({
          seconds: round(s, 3),
          members: last.members.length,
          truncated: last.truncated,
          ...(last.error && { error: String(last.error.code) }),
          serverRequests: after.total - before.total,
          serverRateLimited: after.rateLimited - before.rateLimited,
          retries: client.stats.retries,
        });
      } finally {
        await client.close();
      }
    }
    const listing = last as MemberListing;
    const bytes = heldBytes(() => listing.members.map((m) => ({ ...m })));
    const s = summarize(seconds);
    const complete = perRun.every((r) => r.members === MEMBERS && !r.truncated && r.error === undefined);
    return {
      id: 9,
      what: `listMembers of a ${MEMBERS.toLocaleString('en')}-member group (${REQUESTS} requests: get_group_info + pages of ${PAGE}), stand-in limit ${LIMIT} req/s`,
      value: round(s.median, 3),
      baseline: FLOOR_S,
      ratio: round(s.median / FLOOR_S),
      unit: 's (median wall time)',
      target: '≤ 1.053× (≥ 95 % of the allowed rate), every member listed; report heap bytes per 1,000 members',
      met: FLOOR_S / s.median >= 0.95 && complete,
      median: round(s.median, 3),
      spread: spreadOf(s),
      runs: RUNS,
      details: {
        allowedRateFraction: round(FLOOR_S / s.median),
        heapBytesPer1000Members: Math.round((bytes / MEMBERS) * 1000),
        perRun,
      },
    };
  } finally {
    await standIn.close();
  }
}
