// Row 3: 2,000 single-account checks as a user would ask them (one getRoleInGroup call, 2,000 groups ×
// 1 account) with the stand-in enforcing 200 requests/s. The floor is the limit itself: 2,000 / 200 = 10 s.
import { ChatClient } from '../src/chat/client';
import { type RowResult, spreadOf } from './results';
import { forkStandIn, type ForkedStandIn } from './standin-fork';
import { nowMs, round, summarize } from './stats';
import { accounts, APP, benchUserSig, groupIds, type WorkloadSpec } from './workload';

const SPEC: WorkloadSpec = { groups: 2000, accounts: 1 };
const LIMIT = 200;
const FLOOR_S = SPEC.groups / LIMIT;
const RUNS = 3;
/** A run that takes this long is a failure, not a sample. */
const RUN_TIMEOUT_MS = 60_000;

interface PacingRun {
  seconds: number;
  retries: number;
  serverRequests: number;
  serverRateLimited: number;
  surfaced60007: number;
  otherErrors: number;
}

async function pacingRun(standIn: ForkedStandIn, userSig: string): Promise<PacingRun> {
  const before = await standIn.stats();
  const client = new ChatClient({ region: 'singapore', endpoint: standIn.url, requestsPerSecond: LIMIT });
  const abort = new AbortController();
  const watchdog = setTimeout(() => abort.abort(new Error('row 3 run timed out')), RUN_TIMEOUT_MS);
  const t0 = nowMs();
  try {
    const results = await client.getRoleInGroup(
      { sdkAppId: APP.sdkAppId, identifier: APP.admin, userSig },
      groupIds(SPEC),
      accounts(SPEC),
      { signal: abort.signal },
    );
    const seconds = (nowMs() - t0) / 1000;
    const after = await standIn.stats();
    const errors = results.flatMap((r) => r.errors);
    return {
      seconds,
      retries: client.stats.retries,
      serverRequests: after.total - before.total,
      serverRateLimited: after.rateLimited - before.rateLimited,
      surfaced60007: errors.filter((e) => e.code === 60007).reduce((n, e) => n + e.accounts.length, 0),
      otherErrors: errors.filter((e) => e.code !== 60007).reduce((n, e) => n + e.accounts.length, 0),
    };
  } finally {
    clearTimeout(watchdog);
    await client.close();
  }
}

export async function runPacingRow(): Promise<RowResult> {
  const standIn = await forkStandIn(SPEC, LIMIT);
  try {
    const userSig = benchUserSig();
    const runs: PacingRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Let the stand-in's one-second window empty, so each run starts from a quiet app.
      await new Promise((r) => setTimeout(r, 1200));
      runs.push(await pacingRun(standIn, userSig));
    }
    const s = summarize(runs.map((r) => r.seconds));
    const countsAgree = runs.every((r) => r.serverRequests === SPEC.groups + r.retries);
    const no60007 = runs.every((r) => r.surfaced60007 === 0);
    const noErrors = runs.every((r) => r.otherErrors === 0);
    const worstFraction = FLOOR_S / s.max;
    return {
      id: 3,
      what: `${SPEC.groups} single-account checks (one getRoleInGroup call, ${SPEC.groups} groups × 1 account), stand-in limit ${LIMIT} req/s`,
      value: round(s.median, 2),
      baseline: FLOOR_S,
      ratio: round(s.median / FLOOR_S),
      unit: 's (median wall time)',
      target: '≤ 1.111× (≥ 90 % of the allowed rate), 0 × 60007 surfaced, stand-in requests = checks + retries',
      met: FLOOR_S / s.median >= 0.9 && no60007 && countsAgree && noErrors,
      median: round(s.median, 2),
      spread: spreadOf(s),
      runs: RUNS,
      details: {
        allowedRateFraction: round(FLOOR_S / s.median),
        worstRunAllowedRateFraction: round(worstFraction),
        perRun: runs.map((r) => ({ ...r, seconds: round(r.seconds, 3) })),
        countsAgree,
      },
    };
  } finally {
    await standIn.close();
  }
}
