// Seed files live beside this module's source (test/standin/data/), not in out/: find them from the
// repository root so the compiled tests, the CLI and the demo all read the same files.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function repoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'test', 'standin', 'data'))) return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find the repository root above ${from}`);
  }
}

/** The absolute path of a seed file in test/standin/data/. */
export function standInDataFile(name: string): string {
  return join(repoRoot(__dirname), 'test', 'standin', 'data', name);
}
