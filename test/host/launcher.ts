// The "VS Code executable" handed to @vscode/test-electron's runTests on machines where no desktop VS Code
// can be had: it runs the suite in code-server's real Node extension host, driven by headless Chromium.
// Exit code: the suite's, but 0 only when the suite's own result file exists and shows no failure (the
// workbench reports 0 even when the extension host crashed).
//
// Extra environment it understands:
//   CHAT_ROLES_TEST_RESULT          result file the suite's run() writes (made up here when unset)
//   CHAT_ROLES_TEST_USER_SETTINGS   a settings.json to seed into the user-data dir
//   CHAT_ROLES_TEST_TRUST=off       keep workspace trust on (the folder opens untrusted)
//   CHAT_ROLES_TEST_TIMEOUT_S       overall limit (default 600 s)
//   CHAT_ROLES_TEST_LOGS_DIR        where to save the workbench's log files (remoteexthost.log, ...)
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { format } from 'util';
import { launchChromium } from './browser';
import { type CodeServer, startCodeServer } from './codeServer';
import { type LauncherArgs, parseLauncherArgs } from './launcherArgs';
import { readSuiteResult, RESULT_FILE_ENV } from './suiteResult';

interface WorkbenchLog {
  relativePath: string;
  contents: string;
}

function log(message: string): void {
  process.stderr.write(`[code-server launcher] ${message}\n`);
}

function readUserSettings(): Record<string, unknown> | undefined {
  const file = process.env.CHAT_ROLES_TEST_USER_SETTINGS;
  if (!file) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function saveLogs(logs: WorkbenchLog[] | undefined): void {
  const dir = process.env.CHAT_ROLES_TEST_LOGS_DIR;
  if (!dir || !Array.isArray(logs)) return;
  for (const { relativePath, contents } of logs) {
    const file = path.join(dir, relativePath);
    if (!file.startsWith(path.resolve(dir) + path.sep)) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, contents);
  }
}

type Outcome = { kind: 'exit'; code: number } | { kind: 'timeout' } | { kind: 'server-died'; code: number | null };

async function runSuite(args: LauncherArgs, server: CodeServer, timeoutMs: number): Promise<Outcome> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    let settle!: (o: Outcome) => void;
    const outcome = new Promise<Outcome>((resolve) => (settle = resolve));
    await page.exposeFunction('codeAutomationLog', (type: string, logArgs: unknown[]) => {
      const line = format(...(Array.isArray(logArgs) ? logArgs : [logArgs])) + '\n';
      (type === 'error' ? process.stderr : process.stdout).write(line);
    });
    await page.exposeFunction('codeAutomationExit', (code: number, logs?: WorkbenchLog[]) => {
      saveLogs(logs);
      settle({ kind: 'exit', code: typeof code === 'number' ? code : 1 });
    });
    const timer = setTimeout(() => settle({ kind: 'timeout' }), timeoutMs);
    void server.exited.then((code) => settle({ kind: 'server-died', code }));
    const payload: [string, string][] = [
      ['extensionDevelopmentPath', server.remoteUri(path.resolve(args.extensionDevelopmentPath))],
      ['extensionTestsPath', server.remoteUri(path.resolve(args.extensionTestsPath))],
    ];
    await page.goto(server.workbenchUrl(args.folder && path.resolve(args.folder), payload));
    const result = await outcome;
    clearTimeout(timer);
    return result;
  } finally {
    await browser.close().catch(() => undefined);
  }
}

/** The exit code to report: the suite's, trusted only with a result file that shows no failure. */
function verdict(outcome: Outcome, resultFile: string, timeoutMs: number, serverOutput: string): number {
  const hostExit = /Extension Host Process exited with code: \S+, signal: \S+/.exec(serverOutput);
  if (hostExit) log(hostExit[0]);
  if (outcome.kind === 'timeout') {
    log(`timed out after ${timeoutMs / 1000} s`);
    return 1;
  }
  if (outcome.kind === 'server-died') {
    log(`code-server died (exit ${outcome.code}) before the suite finished`);
    return 1;
  }
  if (outcome.code !== 0) return outcome.code;
  const result = readSuiteResult(resultFile);
  if (!result) {
    log(`the workbench reported success but the suite left no result at ${resultFile}: the extension host crashed or run() never finished`);
    return 1;
  }
  if (result.failures > 0) {
    log(`the workbench reported success but the suite recorded ${result.failures} failure(s)`);
    return 1;
  }
  return 0;
}

async function main(): Promise<number> {
  const args = parseLauncherArgs(process.argv.slice(2));
  const timeoutMs = Number(process.env.CHAT_ROLES_TEST_TIMEOUT_S ?? 600) * 1000;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-roles-launcher-'));
  const resultFile = process.env[RESULT_FILE_ENV] ?? path.join(scratch, 'result.json');
  fs.rmSync(resultFile, { force: true }); // a stale result must never vouch for this run
  const server = await startCodeServer({
    extensionsDir: args.extensionsDir,
    userDataDir: args.userDataDir,
    userSettings: readUserSettings(),
    folder: args.folder,
    trust: process.env.CHAT_ROLES_TEST_TRUST !== 'off',
    env: { [RESULT_FILE_ENV]: resultFile },
  });
  try {
    const outcome = await runSuite(args, server, timeoutMs);
    const code = verdict(outcome, resultFile, timeoutMs, server.output());
    if (code !== 0) log(`code-server output (last 3000 chars):\n${server.output().slice(-3000)}`);
    return code;
  } finally {
    await server.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    log(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
