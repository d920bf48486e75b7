// Runs an extension-host suite through @vscode/test-electron's runTests: in code-server via our launcher,
// or, with CHAT_ROLES_TEST_VSCODE=desktop, in a desktop VS Code that runTests downloads the normal way.
import { runTests } from '@vscode/test-electron';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { launcherExecutable } from './paths';
import { readSuiteResult, RESULT_FILE_ENV, type SuiteResult } from './suiteResult';

export interface HostSuiteOptions {
  /** The compiled extensionTestsPath module (e.g. out/test/integration/index.js). */
  testsPath: string;
  /** The extension folder under development; an empty folder lets an installed .vsix load instead. */
  extensionDevelopmentPath: string;
  /** Extensions dir to use (e.g. one holding an installed .vsix); a fresh one when omitted. */
  extensionsDir?: string;
  /** Folder to open; a fresh empty one when omitted. */
  folder?: string;
  /** Extra environment for the extension host (and so for the tests). */
  env?: Record<string, string>;
}

/** The counts of a suite run. A run that left no result (crash, timeout) throws: it never reads as a pass. */
export async function runSuiteInHost(options: HostSuiteOptions): Promise<SuiteResult> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-roles-suite-'));
  try {
    const resultFile = path.join(scratch, 'result.json');
    const folder = options.folder ?? path.join(scratch, 'workspace');
    const extensionsDir = options.extensionsDir ?? path.join(scratch, 'extensions');
    for (const d of [folder, extensionsDir]) fs.mkdirSync(d, { recursive: true });
    const desktop = process.env.CHAT_ROLES_TEST_VSCODE === 'desktop';
    let runError: unknown;
    try {
      await runTests({
        vscodeExecutablePath: desktop ? undefined : launcherExecutable,
        extensionDevelopmentPath: options.extensionDevelopmentPath,
        extensionTestsPath: options.testsPath,
        launchArgs: [folder, `--extensions-dir=${extensionsDir}`, `--user-data-dir=${path.join(scratch, 'user-data')}`],
        extensionTestsEnv: { ...options.env, [RESULT_FILE_ENV]: resultFile },
      });
    } catch (e) {
      runError = e;
    }
    const result = readSuiteResult(resultFile);
    if (!result) {
      const why = runError instanceof Error ? runError.message : 'VS Code exited 0';
      throw new Error(`the suite left no result (${why}): the extension host crashed, timed out or never ran it`);
    }
    if (runError && result.failures === 0) {
      throw new Error(`VS Code failed (${(runError as Error).message ?? runError}) although the suite recorded no failure`);
    }
    return result;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
