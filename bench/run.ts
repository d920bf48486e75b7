// `npm run bench`: runs every row, prints the table and writes bench/results.json.
// `node out/bench/run.js 1 5` runs only the listed rows (written to bench/out/results.partial.json).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatTable, type RowResult } from './results';
import { round } from './stats';
import { runThroughputRows } from './row-throughput';
import { runPacingRow } from './row-pacing';
import { runActivationRow } from './row-activation';
import { runScanRow } from './row-scan';
import { runMemoryRow } from './row-memory';
import { runFairnessRows } from './row-fairness';
import { runMembersRow } from './row-members';

/** The whole bench stops by itself: anything still running after this is a failure. */
const WATCHDOG_MS = 10 * 60_000;

// Row 4 goes first: it snapshots dist/, which `npm run bench` has just built for production.
const rows: { ids: number[]; run: () => RowResult | RowResult[] | Promise<RowResult | RowResult[]> }[] = [
  { ids: [4], run: runActivationRow },
  { ids: [1, 2], run: runThroughputRows },
  { ids: [3], run: runPacingRow },
  { ids: [5], run: runScanRow },
  { ids: [6], run: runMemoryRow },
  { ids: [7, 8], run: runFairnessRows },
  { ids: [9], run: runMembersRow },
];

/** All traffic stays on 127.0.0.1: no proxy from the environment may be put in the way. */
function dropProxyEnvironment(): void {
  for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy']) delete process.env[name];
}

async function main(): Promise<void> {
  dropProxyEnvironment();
  const load = os.loadavg()[0];
  if (load > os.cpus().length) {
    process.stderr.write(`bench: warning: load average ${load.toFixed(1)} on ${os.cpus().length} CPUs; timing rows will be noisy (see bench/README.md)\n`);
  }
  const wanted = process.argv.slice(2).map(Number);
  const selected = wanted.length ? rows.filter((r) => r.ids.some((id) => wanted.includes(id))) : rows;
  const results: RowResult[] = [];
  for (const row of selected) {
    process.stderr.write(`bench: row ${row.ids.join(', ')}…\n`);
    // The machine's load while a row ran: timing rows mean little on a busy machine.
    const loadBefore = os.loadavg()[0];
    const out = await row.run();
    const loadAverage1m = { before: round(loadBefore, 2), after: round(os.loadavg()[0], 2) };
    for (const r of Array.isArray(out) ? out : [out]) results.push({ ...r, details: { ...r.details, loadAverage1m } });
  }
  results.sort((a, b) => a.id - b.id);
  console.log(formatTable(results));
  // A partial run goes to bench/out/ (ignored by git): results.json always holds every row.
  const file = path.resolve(__dirname, '..', '..', 'bench', ...(wanted.length ? ['out', 'results.partial.json'] : ['results.json']));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
}

const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${WATCHDOG_MS / 60_000} minutes; giving up`);
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

main().then(
  () => process.exit(0),
  (e: Error) => {
    console.error(`bench failed: ${e.stack ?? e.message}`);
    process.exit(1);
  },
);
