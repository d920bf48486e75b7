// Runs mocha files programmatically and reports the counts, for every layer: on plain Node (unit, ui)
// and inside the extension host (integration, installed). All layers use mocha's BDD interface
// (describe/it/before/after), mocha's default, so `npx mocha out/test/unit/...` runs the same files.
import Mocha from 'mocha';
import { type SuiteResult } from './suiteResult';

export interface MochaRunOptions {
  /** Per-test timeout; generous because the extension host and the browser are slow to warm up. */
  timeoutMs: number;
  /** Slow-test threshold for the reporter's marks. */
  slowMs?: number;
}

export function runMocha(files: string[], options: MochaRunOptions): Promise<SuiteResult> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: options.timeoutMs, slow: options.slowMs ?? 2000 });
  for (const f of files) mocha.addFile(f);
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        const stats = runner.stats;
        if (!stats) return reject(new Error('mocha finished without stats'));
        resolve({ passes: stats.passes, failures: stats.failures, total: stats.tests });
      });
    } catch (e) {
      reject(e); // a test file that throws while loading
    }
  });
}
