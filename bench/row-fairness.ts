// Rows 7 and 8: one long check at the app's pace, and a one-request check started during it.
// Row 7: one getRoleInGroup call that needs 7,000 requests (7,000 groups × 1 account) at the client's
// default 200/s, against the stand-in enforcing 200/s: its wall time against the floor (35 s), every
// account resolved, no DEADLINE, and the peaks of heap, timers and abort listeners next to those of a
// 700-request check (they must not grow with the number of batches).
// Row 8: the wall time of a one-request check started 2 s into row 7's check, against the same check on
// an idle client (the stand-in's latency); the target is at most two pace intervals more.
// `node out/bench/run.js 7 8` runs them alone (about a minute).
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { ChatClient } from '../src/chat/client';
import type { Credentials, GroupResult } from '../src/chat/types';
import { startResourceMeter, type ResourcePeaks } from './resource-meter';
import type { RowResult } from './results';
import { forkStandIn, type ForkedStandIn } from './standin-fork';
import { nowMs, round, summarize } from './stats';
import { accounts, APP, benchUserSig, groupIds, type WorkloadSpec } from './workload';

const LIMIT = 200;
const INTERVAL_MS = 1000 / LIMIT;
const LONG: WorkloadSpec = { groups: 7000, accounts: 1 };
const SHORT_OF_LONG: WorkloadSpec = { groups: 700, accounts: 1 };
const FLOOR_S = LONG.groups / LIMIT;
const SMALL_START_MS = 2000;
const IDLE_SAMPLES = 5;
/** A run that takes this long is a failure, not a sample. */
const RUN_TIMEOUT_MS = 120_000;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

interface LongRun {
  seconds: number;
  unresolved: number;
  deadline: number;
  otherErrors: number;
  retries: number;
  serverRequests: number;
  serverRateLimited: number;
  heapGrowthMB: number;
  peaks: ResourcePeaks;
}

function count(results: GroupResult[], which: (code: unknown) => boolean): number {
  return results.flatMap((r) => r.errors).filter((e) => which(e.code)).reduce((n, e) => n + e.accounts.length, 0);
}

/** One long check; `during` runs alongside it once it has started. */
async function longRun(standIn: ForkedStandIn, client: ChatClient, credentials: Credentials, spec: WorkloadSpec, during?: () => Promise<void>): Promise<LongRun> {
  await new Promise((r) => setTimeout(r, 1200)); // the stand-in's one-second window empties
  const before = await standIn.stats();
  const retriesBefore = client.stats.retries;
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 200);
  const abort = new AbortController();
  const watchdog = setTimeout(() => abort.abort(new Error('row 7 run timed out')), RUN_TIMEOUT_MS);
  const meter = startResourceMeter({ promises: false });
  const t0 = nowMs();
  try {
    const [results] = await Promise.all([client.getRoleInGroup(credentials, groupIds(spec), accounts(spec), { signal: abort.signal }), during?.()]);
    const seconds = (nowMs() - t0) / 1000;
    meter.stop();
    const after = await standIn.stats();
    return {
      seconds,
      unresolved: results.reduce((n, r) => n + (spec.accounts - r.roles.length), 0),
      deadline: count(results, (c) => c === 'DEADLINE'),
      otherErrors: count(results, (c) => c !== 'DEADLINE'),
      retries: client.stats.retries - retriesBefore,
      serverRequests: after.total - before.total,
      serverRateLimited: after.rateLimited - before.rateLimited,
      heapGrowthMB: round((heapPeak - heapBefore) / 1e6, 1),
      peaks: { ...meter.peaks },
    };
  } finally {
    meter.stop();
    clearInterval(sampler);
    clearTimeout(watchdog);
  }
}

/** Wall time of a one-request check (one group of the seed data, one account). */
async function smallCheck(client: ChatClient, credentials: Credentials): Promise<number> {
  const t0 = nowMs();
  const [result] = await client.getRoleInGroup(credentials, groupIds({ groups: 1, accounts: 1 }), accounts({ groups: 1, accounts: 1 }));
  if (result.roles.length !== 1) throw new Error(`row 8: the small check failed: ${result.errors[0]?.message}`);
  return nowMs() - t0;
}

export async function runFairnessRows(): Promise<RowResult[]> {
  const standIn = await forkStandIn(LONG, LIMIT);
  const client = new ChatClient({ region: 'singapore', endpoint: standIn.url, requestsPerSecond: LIMIT });
  const credentials: Credentials = { sdkAppId: APP.sdkAppId, identifier: APP.admin, userSig: benchUserSig() };
  try {
    const idle: number[] = [];
    for (let i = 0; i < IDLE_SAMPLES; i++) {
      await new Promise((r) => setTimeout(r, 50));
      idle.push(await smallCheck(client, credentials));
    }
    const smaller = await longRun(standIn, client, credentials, SHORT_OF_LONG);
    let duringMs = NaN;
    let answeredMeanwhile = NaN;
    const long = await longRun(standIn, client, credentials, LONG, async () => {
      await new Promise((r) => setTimeout(r, SMALL_START_MS));
      const before = (await standIn.stats()).total;
      duringMs = await smallCheck(client, credentials);
      // An upper bound (the two stats calls add their own time): the long check's requests the stand-in
      // answered while the small check waited and ran, i.e. its delay in pace intervals.
      answeredMeanwhile = (await standIn.stats()).total - before - 1;
    });

    const flat = (['timers', 'abortListeners'] as const).every((k) => long.peaks[k] <= smaller.peaks[k] * 1.5 + 10);
    const rateFraction = FLOOR_S / long.seconds;
    const idleMs = summarize(idle).median;
    const row7: RowResult = {
      id: 7,
      what: `one getRoleInGroup call needing ${LONG.groups} requests (${LONG.groups} groups × 1 account) at the client's default ${LIMIT}/s, stand-in limit ${LIMIT} req/s`,
      value: round(long.seconds, 2),
      baseline: FLOOR_S,
      ratio: round(long.seconds / FLOOR_S),
      unit: 's (wall time, one run)',
      target: '≥ 97 % of the allowed rate (ratio ≤ 1.031), every account resolved, 0 DEADLINE, timers and abort listeners no more than for 700 requests',
      met: rateFraction >= 0.97 && long.unresolved === 0 && long.deadline === 0 && flat,
      runs: 1,
      details: {
        allowedRateFraction: round(rateFraction),
        long: { ...long, seconds: round(long.seconds, 2) },
        sevenHundredRequests: { ...smaller, seconds: round(smaller.seconds, 2) },
        flat,
      },
    };
    const row8: RowResult = {
      id: 8,
      what: `a one-request check started ${SMALL_START_MS / 1000} s into row 7's check (same client, same app)`,
      value: round(duringMs, 1),
      baseline: round(idleMs, 1),
      ratio: round(duringMs / idleMs),
      unit: 'ms (wall time of the small check; baseline: the same check on an idle client, median of 5)',
      target: `≤ baseline + 2 pace intervals (${2 * INTERVAL_MS} ms)`,
      met: duringMs <= idleMs + 2 * INTERVAL_MS,
      runs: 1,
      details: { idleSamplesMs: idle.map((t) => round(t, 1)), extraMs: round(duringMs - idleMs, 1), paceIntervalMs: INTERVAL_MS, longRequestsAnsweredMeanwhile: answeredMeanwhile },
    };
    return [row7, row8];
  } finally {
    await client.close();
    await standIn.close();
  }
}
