// `npm run demo`: builds and packages the extension, starts the Chat API stand-in seeded with the demo
// data, and starts code-server with the packaged .vsix installed, opened on demo/workspace. Prints the URL
// and the demo credentials; Ctrl+C stops everything it started.
// `npm run demo -- --desktop` starts only the stand-in and says how to use it from a desktop VS Code.
// `npm run demo -- --locale zh-cn` runs the workbench and the extension in Simplified Chinese.
import { spawnSync } from 'child_process';
import * as path from 'path';
import { startCodeServer, type CodeServer } from '../test/host/codeServer';
import { DISPLAY_LANGUAGES } from '../test/host/displayLanguage';
import { packageVsix } from '../test/host/packageVsix';
import { repoRoot, setupScript } from '../test/host/paths';
import { commandLineOptions } from '../test/standin/command-line';
import { DEMO_ADMIN, DEMO_DATA_FILE, DEMO_SDK_APP_ID, DEMO_SECRET_KEY } from '../test/standin/data/demo-app';
import { startStandIn, type StandIn } from '../test/standin/server';

const USAGE = `usage: npm run demo [-- --port N] [--api-port N] [--desktop] [--locale L]
  --port N       code-server's port on 127.0.0.1 (default 8123)
  --api-port N   the Chat API stand-in's port on 127.0.0.1 (default 8124)
  --desktop      start only the stand-in, and print how to open the demo in a desktop VS Code
  --locale L     the display language: en (default) or ${DISPLAY_LANGUAGES.join(', ')}`;

interface DemoOptions {
  port: number;
  apiPort: number;
  desktop: boolean;
  /** A display language other than English (test/host/displayLanguage.ts), or undefined. */
  locale?: string;
}

/** Per-user demo state (profile, installed extension); git-ignored, kept between runs. */
const stateDir = path.join(repoRoot, '.demo');
const workspace = path.join(repoRoot, 'demo', 'workspace');

function parseArgs(argv: string[]): DemoOptions | 'help' {
  const options: DemoOptions = { port: 8123, apiPort: 8124, desktop: false };
  const port = (flag: string, value: string | undefined): number => {
    if (value === undefined || !/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 65535) {
      throw new Error(`${flag} needs a port number from 1 to 65535`);
    }
    return Number(value);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    else if (arg === '--port') options.port = port(arg, argv[++i]);
    else if (arg === '--api-port') options.apiPort = port(arg, argv[++i]);
    else if (arg === '--desktop') options.desktop = true;
    else if (arg === '--locale') options.locale = displayLanguage(argv[++i]);
    else throw new Error(`unknown argument ${arg}`);
  }
  if (options.port === options.apiPort) throw new Error('--port and --api-port must differ');
  return options;
}

function displayLanguage(value: string | undefined): string | undefined {
  const locale = value?.toLowerCase();
  if (locale === 'en') return undefined;
  if (locale === undefined || !DISPLAY_LANGUAGES.includes(locale)) {
    throw new Error(`--locale needs one of: en, ${DISPLAY_LANGUAGES.join(', ')}`);
  }
  return locale;
}

/** Runs one step, printing what it does and how long it took. */
async function step<T>(what: string, body: () => Promise<T> | T): Promise<T> {
  const started = Date.now();
  process.stdout.write(`• ${what}… `);
  const value = await body();
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return value;
}

function ensureTestHost(): void {
  // The setup script is idempotent: about a second when code-server is already installed.
  const setup = spawnSync('bash', [setupScript], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 900_000 });
  if (setup.status !== 0) {
    throw new Error(`installing code-server failed (scripts/setup-test-host.sh):\n${setup.stdout}${setup.stderr}`);
  }
}

async function startApi(apiPort: number): Promise<StandIn> {
  try {
    return await startStandIn({ data: DEMO_DATA_FILE, port: apiPort, requestsPerSecond: 200 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`port ${apiPort} is in use (another demo running?): stop it, or pass --api-port N`, { cause: e });
    }
    throw e;
  }
}

/** User settings of the demo profile (over startCodeServer's quiet defaults), rewritten on every start. */
function demoSettings(standIn: StandIn): Record<string, unknown> {
  return {
    // Application scoped: only user settings may point the extension at the stand-in.
    'chatRoles.endpoint': standIn.url,
    // Offered in the accounts box: one account of each role in the work group, and one outside it.
    'chatRoles.accounts': ['leckie', 'alice', 'peter', 'wesley'],
    'git.openRepositoryInParentFolders': 'never', // demo/workspace sits inside this repository
  };
}

/** code-server on the demo port with the .vsix installed into the kept profile, opened on demo/workspace. */
async function startEditor(port: number, vsix: string, userSettings: Record<string, unknown>, locale?: string): Promise<CodeServer> {
  try {
    return await startCodeServer({
      port,
      installVsix: vsix,
      extensionsDir: path.join(stateDir, 'extensions'),
      userDataDir: path.join(stateDir, 'user-data'),
      userSettings,
      folder: workspace,
      smokeTestDriver: false, // the driver hides notification toasts, and the demo shows them
      displayLanguage: locale,
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`port ${port} is in use (another demo running?): stop it, or pass --port N`, { cause: e });
    }
    throw e;
  }
}

function printCredentials(): void {
  console.log(`
Demo credentials (fake; only the local stand-in accepts them):
  SDKAppID          ${DEMO_SDK_APP_ID}
  Admin identifier  ${DEMO_ADMIN}
  Secret key        ${DEMO_SECRET_KEY}
Chat Roles view → Set Credentials…: type the SDKAppID, Enter, Enter (keeps "${DEMO_ADMIN}"),
choose "Secret key", paste the key, Enter. demo/README.md has the rest.`);
}

function printDesktopSteps(vsix: string, standIn: StandIn, locale?: string): void {
  console.log(`
The Chat API stand-in is listening on ${standIn.url}. In your desktop VS Code:
  1. code --install-extension ${path.relative(process.cwd(), vsix) || vsix}
  2. Add to your user settings (Preferences: Open User Settings (JSON)):
       "chatRoles.endpoint": "${standIn.url}"
     (remove it afterwards: it points Chat Roles at this stand-in instead of Tencent's servers)
  3. code ${path.relative(process.cwd(), workspace)}`);
  if (locale) console.log(`  For ${locale}: Configure Display Language → ${locale}, with the language pack VS Code offers.`);
  printCredentials();
}

async function main(): Promise<void> {
  const options = commandLineOptions(parseArgs, USAGE);
  if (!options) return;
  const started = Date.now();
  let standIn: StandIn | undefined;
  let editor: CodeServer | undefined;
  let stopping = false;
  const stop = async (why: string, code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${why}: stopping the demo…`);
    await Promise.allSettled([editor?.stop(), standIn?.close()]);
    console.log('Demo stopped; nothing left running.');
    process.exit(code);
  };
  // Registered before anything starts, so Ctrl+C during the build or the start also cleans up.
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.on(signal, () => void stop(signal, code));
  }

  try {
    const vsix = await step('Building and packaging the extension', packageVsix);
    standIn = await step(`Starting the Chat API stand-in on 127.0.0.1:${options.apiPort}`, () => startApi(options.apiPort));
    if (options.desktop) {
      printDesktopSteps(vsix, standIn, options.locale);
    } else {
      await step('Checking the test host (code-server; the first time installs it, about 2.5 min)', ensureTestHost);
      const settings = demoSettings(standIn);
      const server = (editor = await step(`Starting code-server on 127.0.0.1:${options.port} with the .vsix installed`, () =>
        startEditor(options.port, vsix, settings, options.locale),
      ));
      console.log(`\nChat Roles demo is up in ${((Date.now() - started) / 1000).toFixed(1)} s. Open:\n\n  ${server.workbenchUrl()}\n`);
      console.log(`Chat API stand-in: ${standIn.url} (already set as chatRoles.endpoint in the demo profile)`);
      printCredentials();
      void server.exited.then((code) => stop(`code-server exited (${code})`, 1));
    }
    console.log('\nCtrl+C to stop.');
  } catch (e) {
    console.error(`\nThe demo could not start: ${e instanceof Error ? e.message : String(e)}`);
    await stop('error', 1);
  }
}

void main();
