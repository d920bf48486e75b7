// One activation sample, run in a fresh Node process per sample (row 4): require the given bundle and
// run its activate(), printing {requireMs, activateMs, subscriptions} as JSON on stdout.
import * as path from 'node:path';
import { fakeExtensionContext, installVscodeStub } from './vscode-stub';
import { nowMs } from './stats';

async function main(): Promise<void> {
  const bundle = path.resolve(process.argv[2]);
  installVscodeStub();
  const context = fakeExtensionContext(path.resolve(__dirname, '..', '..')) as { subscriptions: unknown[] };
  const t0 = nowMs();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the path is known only at run time, and the sample times this very load
  const ext = require(bundle) as { activate(context: unknown): unknown };
  const t1 = nowMs();
  await ext.activate(context);
  const t2 = nowMs();
  // What activate() registered: proof that it ran to the end rather than failing early.
  const subscriptions = context.subscriptions.length;
  process.stdout.write(JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, subscriptions }) + '\n');
  process.exit(0);
}

main().catch((e: Error) => {
  process.stderr.write(`activation sample failed: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
