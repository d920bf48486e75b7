// Row 6: heap growth per 1,000 accounts of results held for the tree, one fresh process per sample.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { type RowResult, spreadOf } from './results';
import { round, summarize } from './stats';

const SAMPLES = 5;

interface MemorySample {
  accounts: number;
  heapGrowth: number;
  jsonBytes: number;
}

function sample(): MemorySample {
  const script = path.join(__dirname, 'memory-sample.js');
  const r = spawnSync(process.execPath, ['--expose-gc', script], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`row 6: memory sample failed: ${r.stderr || r.error?.message}`);
  return JSON.parse(r.stdout) as MemorySample;
}

export function runMemoryRow(): RowResult {
  const samples: MemorySample[] = [];
  for (let i = 0; i < SAMPLES; i++) samples.push(sample());
  const perK = summarize(samples.map((s) => (s.heapGrowth / s.accounts) * 1000));
  const jsonPerK = summarize(samples.map((s) => (s.jsonBytes / s.accounts) * 1000));
  return {
    id: 6,
    what: 'memory: GroupResult[] from the real ChatClient for 100,000 accounts (200 groups × 500), heap growth after full GC',
    value: Math.round(perK.median),
    baseline: Math.round(jsonPerK.median),
    ratio: round(perK.median / jsonPerK.median),
    unit: 'bytes per 1,000 accounts (baseline: the same results as compact JSON)',
    target: 'report heap growth per 1,000 accounts',
    met: true,
    median: Math.round(perK.median),
    spread: spreadOf(perK),
    runs: SAMPLES,
    details: {
      accounts: samples[0].accounts,
      totalHeapGrowthMB: round(summarize(samples.map((s) => s.heapGrowth)).median / 1e6, 2),
    },
  };
}
