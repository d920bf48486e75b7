// Builds two bundles into dist/:
//  - extension.js: what activation needs (no undici), loaded by VS Code.
//  - chat-runtime.js: the Chat client with undici, required lazily on the first query.
// With --tests it also transpiles test/, bench/ and scripts/ (no bundling) into out/ for mocha and the demo.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

/** The main bundle reaches the runtime bundle through this import; keep it a runtime require. */
/** @type {import('esbuild').Plugin} */
const runtimeExternal = {
  name: 'chat-runtime-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/chat-runtime\.js$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/** Prints errors in the problem-matcher format the VS Code task expects. */
/** @type {import('esbuild').Plugin} */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  external: ['vscode'],
  logLevel: 'silent',
  legalComments: production ? 'none' : 'inline',
};

/** @param {string} dir @returns {string[]} */
function listTs(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return listTs(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const watchPlugins = watch ? [problemMatcher] : [];

async function main() {
  const contexts = [
    await esbuild.context({
      ...common,
      entryPoints: { extension: 'src/extension.ts' },
      outdir: 'dist',
      plugins: [runtimeExternal, ...watchPlugins],
    }),
    await esbuild.context({
      ...common,
      entryPoints: { 'chat-runtime': 'src/chat/runtime.ts' },
      outdir: 'dist',
      plugins: watchPlugins,
    }),
  ];
  if (tests) {
    contexts.push(
      await esbuild.context({
        entryPoints: [...listTs('src'), ...listTs('test'), ...listTs('bench'), ...listTs('scripts')],
        outdir: 'out',
        outbase: '.',
        format: 'cjs',
        platform: 'node',
        target: 'node20',
        sourcemap: 'inline',
        logLevel: 'silent',
        plugins: watchPlugins,
      }),
    );
  }
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  try {
    for (const c of contexts) {
      const result = await c.rebuild();
      if (result.errors.length) process.exitCode = 1;
    }
  } catch {
    process.exitCode = 1;
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
