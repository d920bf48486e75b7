// Row 6, run as `node --expose-gc memory-sample.js`: heap growth of holding the GroupResult[] the real
// ChatClient returns for 100,000 accounts (200 groups × 500), fetched from a stand-in in another process.
import { ChatClient } from '../src/chat/client';
import type { GroupResult } from '../src/chat/types';
import { forkStandIn } from './standin-fork';
import { accounts, APP, benchUserSig, groupIds, type WorkloadSpec } from './workload';

const SPEC: WorkloadSpec = { groups: 200, accounts: 500 };

function fullGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('row 6 needs node --expose-gc');
  // Twice: the first pass may only promote what the second frees.
  gc();
  gc();
}

async function main(): Promise<void> {
  const standIn = await forkStandIn(SPEC, false);
  const client = new ChatClient({ region: 'singapore', endpoint: standIn.url, requestsPerSecond: 0 });
  try {
    const credentials = { sdkAppId: APP.sdkAppId, identifier: APP.admin, userSig: benchUserSig() };
    const groups = groupIds(SPEC);
    const accs = accounts(SPEC);
    // Warm-up: loads undici and the client's code paths, opens the connections; its results are dropped.
    await client.getRoleInGroup(credentials, groups.slice(0, 4), accs);
    await new Promise((r) => setTimeout(r, 50));
    fullGc();
    const before = process.memoryUsage().heapUsed;
    const results: GroupResult[] = await client.getRoleInGroup(credentials, groups, accs);
    await new Promise((r) => setTimeout(r, 50));
    fullGc();
    const after = process.memoryUsage().heapUsed;
    const held = results.reduce((n, r) => n + r.roles.length, 0);
    const failed = results.reduce((n, r) => n + r.errors.reduce((m, e) => m + e.accounts.length, 0), 0);
    if (held !== SPEC.groups * SPEC.accounts || failed !== 0) {
      throw new Error(`row 6: ${held} roles and ${failed} failed accounts, expected ${SPEC.groups * SPEC.accounts} and 0`);
    }
    const jsonBytes = Buffer.byteLength(JSON.stringify(results));
    process.stdout.write(JSON.stringify({ accounts: held, heapGrowth: after - before, jsonBytes }) + '\n');
  } finally {
    await client.close();
    await standIn.close();
  }
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    process.stderr.write(`memory sample failed: ${e.stack ?? e.message}\n`);
    process.exit(1);
  },
);
