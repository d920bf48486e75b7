// `npm test`: ensures the test host, runs every layer as its own process (unit, integration, installed,
// ui), and ends with one line `N passed, N failed`. A layer that crashes, times out or leaves no result
// counts as a failure — never as a pass.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LAYER_RESULT_ENV, type LayerResult } from './layerResult';
import { setupScript } from './paths';
import { spawnGroup } from './processGroup';

/** Each layer and the longest it may take before it is killed (a cold extension host is slow). */
const LAYERS: { name: string; timeoutS: number }[] = [
  { name: 'unit', timeoutS: 300 },
  { name: 'integration', timeoutS: 900 },
  { name: 'installed', timeoutS: 420 },
  { name: 'ui', timeoutS: 900 },
];

async function runLayerProcess(name: string, timeoutS: number, scratch: string): Promise<LayerResult> {
  const started = Date.now();
  const resultFile = path.join(scratch, `${name}.json`);
  const layer = spawnGroup(process.execPath, [path.join(__dirname, 'layers', `${name}.js`)], {
    stdio: 'inherit',
    env: { ...process.env, [LAYER_RESULT_ENV]: resultFile },
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void layer.stop(10_000); // SIGTERM lets the layer stop its code-server and browser first
  }, timeoutS * 1000);
  const code = await layer.exited;
  clearTimeout(timer);
  await layer.stop(); // nothing of the layer may outlive it
  const durationMs = Date.now() - started;
  const failed = (error: string): LayerResult => ({ layer: name, passes: 0, failures: 0, error, durationMs });
  if (timedOut) return failed(`timed out after ${timeoutS} s`);
  if (!fs.existsSync(resultFile)) return failed(`crashed (exit ${code}) without a result`);
  const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as LayerResult;
  if (code !== 0 && result.failures === 0 && !result.error) return { ...result, error: `exited ${code}` };
  return result;
}

/** A layer that did not finish counts at least one failure, so that it can never read as a pass. */
function failuresOf(r: LayerResult): number {
  return r.error ? Math.max(r.failures, 1) : r.failures;
}

async function main(): Promise<number> {
  const started = Date.now();
  const setup = spawnSync('bash', [setupScript], { stdio: 'inherit', timeout: 900_000 });
  if (setup.status !== 0) {
    console.error('test host setup failed (see above)');
    console.log('0 passed, 1 failed');
    return 1;
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-roles-test-'));
  const results: LayerResult[] = [];
  try {
    for (const { name, timeoutS } of LAYERS) {
      console.log(`\n=== ${name} ===`);
      results.push(await runLayerProcess(name, timeoutS, scratch));
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  console.log('\nlayer         passed  failed    time');
  for (const r of results) {
    const note = r.error ? `  ${r.error}` : '';
    console.log(`${r.layer.padEnd(12)} ${String(r.passes).padStart(7)} ${String(failuresOf(r)).padStart(7)} ${(r.durationMs / 1000).toFixed(1).padStart(6)} s${note}`);
  }
  console.log(`total time ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const passed = results.reduce((n, r) => n + r.passes, 0);
  const failed = results.reduce((n, r) => n + failuresOf(r), 0);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exitCode = 1;
  },
);
