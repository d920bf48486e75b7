// The body of every extensionTestsPath module (test/integration/index.ts, test/installed/index.ts): runs
// that layer's compiled tests inside the extension host and writes the result file the launcher trusts.
import { compiledTests } from './paths';
import { runMocha } from './mochaRun';
import { RESULT_FILE_ENV, writeSuiteResult } from './suiteResult';

/** Resolves when every test passed; rejects otherwise (VS Code then reports a non-zero exit). */
export async function runHostSuite(layer: string): Promise<void> {
  const resultFile = process.env[RESULT_FILE_ENV];
  if (!resultFile) throw new Error(`${RESULT_FILE_ENV} is not set: run this suite through test/host (npm run test:${layer})`);
  const files = compiledTests(layer);
  // Generous: the first command of a cold extension host can take seconds on 2 cores.
  const result = await runMocha(files, { timeoutMs: 60_000 });
  writeSuiteResult(resultFile, result);
  if (result.failures > 0) throw new Error(`${result.failures} of ${result.total} ${layer} test(s) failed`);
}
