// `npm run package`: the exact command a release uses, so the tested .vsix is the shipped one.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { repoRoot } from './paths';

/** Builds chat-roles-<version>.vsix in the repository root and returns its path. */
export async function packageVsix(): Promise<string> {
  const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const vsix = path.join(repoRoot, `chat-roles-${version}.vsix`);
  fs.rmSync(vsix, { force: true });
  try {
    await promisify(execFile)('npm', ['run', '--silent', 'package'], { cwd: repoRoot, timeout: 180_000 });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`npm run package failed: ${err.message}\n${err.stdout ?? ''}${err.stderr ?? ''}`, { cause: e });
  }
  if (!fs.existsSync(vsix)) throw new Error(`npm run package did not produce ${vsix}`);
  return vsix;
}
