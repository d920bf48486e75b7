// One test layer (unit, integration, installed, ui) as a process: runs, prints its counts, and leaves a
// layer result file for the orchestrator (test/host/runAll.ts). A crash is a failure, never a pass.
import * as fs from 'fs';
import { type SuiteResult } from './suiteResult';

/** Env var naming the file a layer process writes its LayerResult to. */
export const LAYER_RESULT_ENV = 'CHAT_ROLES_LAYER_RESULT';

export interface LayerResult {
  layer: string;
  passes: number;
  failures: number;
  /** Why the layer could not finish normally (crash, no result, setup error), if it could not. */
  error?: string;
  durationMs: number;
}

export function runLayer(layer: string, body: () => Promise<SuiteResult>): void {
  const started = Date.now();
  const finish = (result: Omit<LayerResult, 'layer' | 'durationMs'>): void => {
    const full: LayerResult = { layer, ...result, durationMs: Date.now() - started };
    const file = process.env[LAYER_RESULT_ENV];
    if (file) fs.writeFileSync(file, JSON.stringify(full) + '\n');
    const secs = (full.durationMs / 1000).toFixed(1);
    if (full.error) console.error(`\n[${layer}] ERROR: ${full.error}`);
    console.log(`[${layer}] ${full.passes} passed, ${full.failures} failed in ${secs} s`);
    process.exitCode = full.failures > 0 || full.error ? 1 : 0;
  };
  body().then(
    ({ passes, failures }) => finish({ passes, failures }),
    (e: unknown) => finish({ passes: 0, failures: 0, error: e instanceof Error ? e.message : String(e) }),
  );
}
