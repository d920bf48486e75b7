// Row 4: loading dist/extension.js and running activate(), each sample in a fresh Node process, versus
// the same extension built with the Chat runtime (undici) statically inlined into the main bundle.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { type RowResult, spreadOf } from './results';
import { round, summarize } from './stats';

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
/** A snapshot of dist/ taken once, so a rebuild of dist/ during the row cannot change what is measured. */
const SNAPSHOT = path.join(ROOT, 'bench', 'out', 'dist');
const MAIN_BUNDLE = path.join(SNAPSHOT, 'extension.js');
const RUNTIME_BUNDLE = path.join(SNAPSHOT, 'chat-runtime.js');
const INLINED_BUNDLE = path.join(ROOT, 'bench', 'out', 'extension-inlined.js');
const SAMPLE_SCRIPT = path.join(__dirname, 'activate-sample.js');
const SAMPLES = 15;
const SIZE_LIMIT_KB = 100;
/** "A small fraction of the inlined build's load time". */
const FRACTION_TARGET = 0.25;

/**
 * The honest comparison: the same src/extension.ts, minified the same way, but with src/chat/runtime.ts
 * imported statically and the lazy require('./chat-runtime.js') resolved into the bundle — what shipping
 * one bundle would cost at activation.
 */
async function buildInlined(): Promise<void> {
  const runtimeEntry = path.join(ROOT, 'src', 'chat', 'runtime.ts');
  await esbuild.build({
    stdin: {
      contents: "export * from './src/extension';\nexport * as inlinedChatRuntime from './src/chat/runtime';\n",
      resolveDir: ROOT,
      loader: 'ts',
      sourcefile: 'extension-inlined.ts',
    },
    outfile: INLINED_BUNDLE,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    external: ['vscode'],
    logLevel: 'silent',
    plugins: [
      {
        name: 'inline-chat-runtime',
        setup(build) {
          build.onResolve({ filter: /^\.\/chat-runtime\.js$/ }, () => ({ path: runtimeEntry }));
        },
      },
    ],
  });
}

function sample(bundle: string): number {
  const r = spawnSync(process.execPath, [SAMPLE_SCRIPT, bundle], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`row 4: activation sample of ${bundle} failed: ${r.stderr || r.error?.message}`);
  const { requireMs, activateMs, subscriptions } = JSON.parse(r.stdout) as { requireMs: number; activateMs: number; subscriptions: number };
  if (subscriptions === 0) throw new Error(`row 4: activate() of ${bundle} registered nothing`);
  return requireMs + activateMs;
}

/** Copies the production bundles aside, refusing a development build (it has source map comments). */
function snapshotDist(): void {
  fs.mkdirSync(SNAPSHOT, { recursive: true });
  for (const file of ['extension.js', 'chat-runtime.js']) {
    const text = fs.readFileSync(path.join(DIST, file), 'utf8');
    if (text.includes('//# sourceMappingURL=')) {
      throw new Error(`row 4: dist/${file} is a development build; run \`node esbuild.js --production\` first (npm run bench does)`);
    }
    fs.writeFileSync(path.join(SNAPSHOT, file), text);
  }
}

export async function runActivationRow(): Promise<RowResult> {
  snapshotDist();
  await buildInlined();
  const mainBytes = fs.statSync(MAIN_BUNDLE).size;
  const runtimeBytes = fs.statSync(RUNTIME_BUNDLE).size;
  const inlinedBytes = fs.statSync(INLINED_BUNDLE).size;
  // Warm the OS file cache for both, then alternate so neither gets a systematic advantage.
  sample(MAIN_BUNDLE);
  sample(INLINED_BUNDLE);
  const mainMs: number[] = [];
  const inlinedMs: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    mainMs.push(sample(MAIN_BUNDLE));
    inlinedMs.push(sample(INLINED_BUNDLE));
  }
  const m = summarize(mainMs);
  const b = summarize(inlinedMs);
  const ratio = m.median / b.median;
  const sizeKB = mainBytes / 1000;
  return {
    id: 4,
    what: 'activation: require(dist/extension.js) + activate() in a fresh process, vs the build with the Chat runtime (undici) inlined',
    value: round(m.median, 2),
    baseline: round(b.median, 2),
    ratio: round(ratio),
    unit: 'ms (median, require + activate)',
    target: `main bundle ≤ ${SIZE_LIMIT_KB} KB minified and ≤ ${FRACTION_TARGET}× the inlined build's time`,
    met: sizeKB <= SIZE_LIMIT_KB && ratio <= FRACTION_TARGET,
    median: round(m.median, 2),
    spread: spreadOf(m),
    baselineSpread: spreadOf(b),
    runs: SAMPLES,
    details: {
      mainBundleKB: round(sizeKB, 1),
      chatRuntimeKB: round(runtimeBytes / 1000, 1),
      inlinedBundleKB: round(inlinedBytes / 1000, 1),
      kbIs: '1,000 bytes',
    },
  };
}
