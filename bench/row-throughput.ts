// Rows 1 and 2: 200 groups × 1,000 accounts (400 batched requests) through ChatClient against the
// stand-in (in its own process, rate limit off), versus a bare undici loop at the same concurrency
// (row 1) and a naive sequential fetch loop (row 2).
import { ChatClient } from '../src/chat/client';
import type { GroupResult } from '../src/chat/types';
import { type RowResult, spreadOf } from './results';
import { forkStandIn, type ForkedStandIn } from './standin-fork';
import { nowMs, round, summarize } from './stats';
import { accounts, APP, batchedBodies, benchUserSig, groupIds, type WorkloadSpec } from './workload';
import { bareUndiciLoop, naiveSequentialFetch } from './floors';
import { clientLikeDispatcher, CLIENT_MAX_IN_FLIGHT } from './client-config';

const SPEC: WorkloadSpec = { groups: 200, accounts: 1000 };
const REQUESTS = 400;
const RUNS = 7;
const NAIVE_RUNS = 5;

/** Every group must come back complete (1,000 roles, no errors), or the timing means nothing. */
function checkComplete(results: GroupResult[]): void {
  if (results.length !== SPEC.groups) throw new Error(`row 1: ${results.length} group results, expected ${SPEC.groups}`);
  for (const r of results) {
    if (r.errors.length || r.roles.length !== SPEC.accounts) {
      throw new Error(`row 1: ${r.groupId} came back with ${r.roles.length} roles and errors ${JSON.stringify(r.errors).slice(0, 300)}`);
    }
  }
}

interface Sample {
  /** Wall time. */
  ms: number;
  /** CPU time (user + system) of this process, the stand-in excluded: robust to a busy machine. */
  cpuMs: number;
  /** CPU time the stand-in process spent meanwhile. */
  standInCpuMs: number;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function clientRun(standIn: ForkedStandIn, userSig: string): Promise<Sample> {
  const groups = groupIds(SPEC);
  const accs = accounts(SPEC);
  const before = await standIn.stats();
  const cpu0 = cpuMs();
  const t0 = nowMs();
  const client = new ChatClient({
    region: 'singapore',
    endpoint: standIn.url,
    requestsPerSecond: 0, // no client-side limit
    maxInFlight: CLIENT_MAX_IN_FLIGHT,
  });
  const results = await client.getRoleInGroup({ sdkAppId: APP.sdkAppId, identifier: APP.admin, userSig }, groups, accs);
  await client.close();
  const ms = nowMs() - t0;
  const cpu = cpuMs() - cpu0;
  checkComplete(results);
  const after = await standIn.stats();
  const sent = after.total - before.total;
  if (sent !== REQUESTS || client.stats.retries !== 0) {
    throw new Error(`row 1: the client sent ${sent} requests with ${client.stats.retries} retries, expected ${REQUESTS} and 0`);
  }
  return { ms, cpuMs: cpu, standInCpuMs: after.cpuMs - before.cpuMs };
}

async function timed(standIn: ForkedStandIn, work: () => Promise<unknown>): Promise<Sample> {
  const before = await standIn.stats();
  const cpu0 = cpuMs();
  const t0 = nowMs();
  await work();
  const ms = nowMs() - t0;
  const cpu = cpuMs() - cpu0;
  return { ms, cpuMs: cpu, standInCpuMs: (await standIn.stats()).cpuMs - before.cpuMs };
}

export async function runThroughputRows(): Promise<RowResult[]> {
  const standIn = await forkStandIn(SPEC, false);
  try {
    const userSig = benchUserSig();
    const bodies = batchedBodies(SPEC);
    if (bodies.length !== REQUESTS) throw new Error(`row 1: ${bodies.length} bodies, expected ${REQUESTS}`);
    const bare = () => bareUndiciLoop(standIn.url, userSig, bodies, CLIENT_MAX_IN_FLIGHT, clientLikeDispatcher());

    // Warm-up (JIT, connection paths, the stand-in's own caches): one of each, not counted.
    await clientRun(standIn, userSig);
    await bare();
    await naiveSequentialFetch(standIn.url, userSig, bodies);

    const clientRuns: Sample[] = [];
    const bareRuns: Sample[] = [];
    // Interleaved so that drift (thermal, GC of the stand-in's request log) hits both alike.
    for (let i = 0; i < RUNS; i++) {
      clientRuns.push(await clientRun(standIn, userSig));
      bareRuns.push(await timed(standIn, bare));
    }
    const naiveRuns: Sample[] = [];
    for (let i = 0; i < NAIVE_RUNS; i++) naiveRuns.push(await timed(standIn, () => naiveSequentialFetch(standIn.url, userSig, bodies)));

    const clientMs = clientRuns.map((r) => round(r.ms, 1));
    const bareMs = bareRuns.map((r) => round(r.ms, 1));
    const naiveMs = naiveRuns.map((r) => round(r.ms, 1));
    const c = summarize(clientMs);
    const b = summarize(bareMs);
    const n = summarize(naiveMs);
    const clientCpu = summarize(clientRuns.map((r) => r.cpuMs)).median;
    const bareCpu = summarize(bareRuns.map((r) => r.cpuMs)).median;
    const naiveCpu = summarize(naiveRuns.map((r) => r.cpuMs)).median;
    const standInCpuClient = summarize(clientRuns.map((r) => r.standInCpuMs)).median;
    const standInCpuBare = summarize(bareRuns.map((r) => r.standInCpuMs)).median;
    const ratio1 = c.median / b.median;
    const ratio2 = c.median / n.median;
    return [
      {
        id: 1,
        what: `ChatClient, ${SPEC.groups} groups × ${SPEC.accounts} accounts (${REQUESTS} requests), stand-in rate limit off, vs bare undici loop`,
        value: round(c.median, 1),
        baseline: round(b.median, 1),
        ratio: round(ratio1),
        unit: 'ms (median wall time)',
        target: '≤ 1.15× the bare loop',
        met: ratio1 <= 1.15,
        median: round(c.median, 1),
        spread: spreadOf(c),
        baselineSpread: spreadOf(b),
        runs: RUNS,
        details: {
          maxInFlight: CLIENT_MAX_IN_FLIGHT,
          clientSamplesMs: clientMs,
          bareSamplesMs: bareMs,
          clientCpuMsMedian: round(clientCpu, 1),
          bareCpuMsMedian: round(bareCpu, 1),
          cpuRatio: round(clientCpu / bareCpu),
          standInCpuMsMedianDuringClient: round(standInCpuClient, 1),
          standInCpuMsMedianDuringBare: round(standInCpuBare, 1),
        },
      },
      {
        id: 2,
        what: 'the same work vs a naive client (sequential global fetch, one request after another)',
        value: round(c.median, 1),
        baseline: round(n.median, 1),
        ratio: round(ratio2),
        unit: 'ms (median wall time)',
        target: 'report the speed-up',
        met: true,
        median: round(c.median, 1),
        spread: spreadOf(c),
        baselineSpread: spreadOf(n),
        runs: RUNS,
        details: { speedUp: round(n.median / c.median, 2), naiveRuns: NAIVE_RUNS, naiveSamplesMs: naiveMs, naiveCpuMsMedian: round(naiveCpu, 1) },
      },
    ];
  } finally {
    await standIn.close();
  }
}
