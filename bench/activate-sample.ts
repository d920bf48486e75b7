// One activation sample, run in a fresh Node process per sample (row 4): require the given bundle and
// run its activate(), printing {requireMs, activateMs} as JSON on stdout.
import * as path from 'node:path';
import { fakeExtensionContext, installVscodeStub } from './vscode-stub';
import { nowMs } from './stats';

async function main(): Promise<void> {
  const bundle = path.resolve(process.argv[2]);
  installVscodeStub();
  const context = fakeExtensionContext(path.resolve(__dirname, '..', '..'));
  const t0 = nowMs();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ext = require(bundle) as { activate(context: unknown): unknown };
  const t1 = nowMs();
  await ext.activate(context);
  const t2 = nowMs();
  process.stdout.write(JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1 }) + '\n');
  process.exit(0);
}

main().catch((e: Error) => {
  process.stderr.write(`activation sample failed: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
