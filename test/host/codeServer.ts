// Starts a real VS Code (code-server) on 127.0.0.1 for tests and the demo. Defaults suit tests: a random
// port, every bit of state in a fresh temp dir, no marketplace, smoke-test driver on (without it the
// workbench silently ignores a test payload).
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { useDisplayLanguage } from './displayLanguage';
import { codeServerEntry, node24 } from './paths';
import { spawnGroup } from './processGroup';

export interface CodeServerOptions {
  /** The port on 127.0.0.1; 0 (default) takes a free one. A port in use fails with code 'EADDRINUSE'. */
  port?: number;
  /**
   * true (default): `--vscode-option enable-smoke-test-driver`, which a test payload needs. It also keeps
   * notification toasts from showing, so the demo turns it off.
   */
  smokeTestDriver?: boolean;
  /** Where extensions are installed; a fresh temp dir when omitted. */
  extensionsDir?: string;
  /** A .vsix to install into extensionsDir before the server starts. */
  installVsix?: string;
  /** Where VS Code keeps user data; a fresh temp dir when omitted. */
  userDataDir?: string;
  /** User settings, merged over quiet defaults into <userDataDir>/User/settings.json. */
  userSettings?: Record<string, unknown>;
  /** The folder the workbench opens (see CodeServer.workbenchUrl). */
  folder?: string;
  /** true (default): workspace trust off, so everything is trusted; false: trust on, folders start untrusted. */
  trust?: boolean;
  /** Extra environment for the server and so for the extension host. */
  env?: Record<string, string>;
  /** How long to wait for the server to listen. */
  startTimeoutMs?: number;
  /** A display language such as 'zh-cn' (see displayLanguage.ts); English when omitted. */
  displayLanguage?: string;
}

export interface CodeServer {
  url: string;
  port: number;
  /** The workbench URL for `folder` (default: options.folder), with an optional test payload. */
  workbenchUrl(folder?: string, payload?: [string, string][]): string;
  /** A vscode-remote:// URI for a path on this server, as the test payload needs. */
  remoteUri(absPath: string): string;
  /** Everything the server printed so far. */
  output(): string;
  /** Resolves with the exit code if the server dies. */
  exited: Promise<number | null>;
  /** Kills the server's whole process group and removes the temp dirs. */
  stop(): Promise<void>;
}

/** Settings that keep a test workbench quiet and deterministic. */
const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'security.workspace.trust.startupPrompt': 'never',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
};

/** Environment for anything started from test-host/: no outer npm's Node 20 view of the world. */
export function testHostEnv(tmp: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return {
    ...env,
    XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
    XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    XDG_CACHE_HOME: path.join(tmp, 'xdg-cache'),
    TMPDIR: path.join(tmp, 'tmp'),
    EXTENSIONS_GALLERY: 'null',
    ...extra,
  };
}

function makeTempTree(): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-roles-code-server-'));
  for (const d of ['xdg-data', 'xdg-config', 'xdg-cache', 'tmp']) fs.mkdirSync(path.join(tmp, d));
  return tmp;
}

/** `code-server --install-extension <vsix>`: installs a packaged build as a user would get it. */
export async function installVsix(vsix: string, extensionsDir: string): Promise<void> {
  const tmp = makeTempTree();
  try {
    await promisify(execFile)(
      node24,
      [codeServerEntry, '--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', path.join(tmp, 'user-data'), '--force'],
      { env: testHostEnv(tmp), timeout: 120_000 },
    );
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`installing ${vsix} failed: ${err.message}\n${err.stdout ?? ''}${err.stderr ?? ''}`, { cause: e });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  if (!fs.existsSync(codeServerEntry)) throw new Error(`no test host at ${codeServerEntry}: run \`npm run setup-test-host\``);
  const tmp = makeTempTree();
  const extensionsDir = options.extensionsDir ?? path.join(tmp, 'extensions');
  const userDataDir = options.userDataDir ?? path.join(tmp, 'user-data');
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...options.userSettings }, null, 2),
  );
  const config = path.join(tmp, 'config.yaml');
  const requestedPort = options.port ?? 0;
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${requestedPort}\nauth: none\ncert: false\n`);
  if (options.installVsix) await installVsix(options.installVsix, extensionsDir);

  const args = [
    codeServerEntry,
    '--config', config,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  if (options.smokeTestDriver !== false) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (options.trust !== false) args.push('--disable-workspace-trust');
  if (options.displayLanguage) args.push(...useDisplayLanguage(userDataDir, options.displayLanguage));

  const server = spawnGroup(node24, args, {
    cwd: tmp,
    env: testHostEnv(tmp, options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listening = new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = /HTTP server listening on https?:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (m) resolve(Number(m[1]));
    };
    server.child.stdout!.on('data', onData);
    server.child.stderr!.on('data', onData);
    void server.exited.then((code) => {
      if (requestedPort !== 0 && output.includes('EADDRINUSE')) {
        reject(Object.assign(new Error(`127.0.0.1:${requestedPort} is in use`), { code: 'EADDRINUSE' }));
      } else {
        reject(new Error(`code-server exited (${code}) before listening:\n${output}`));
      }
    });
    const ms = options.startTimeoutMs ?? 30_000;
    setTimeout(() => reject(new Error(`code-server did not listen within ${ms} ms:\n${output}`)), ms).unref();
  });

  const stop = async (): Promise<void> => {
    await server.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  let port: number;
  try {
    port = await listening;
  } catch (e) {
    await stop();
    throw e;
  }
  const url = `http://127.0.0.1:${port}/`;
  const remoteUri = (absPath: string): string => `vscode-remote://127.0.0.1:${port}${encodeURI(absPath)}`;
  return {
    url,
    port,
    remoteUri,
    workbenchUrl(folder = options.folder, payload) {
      const query = new URLSearchParams();
      if (folder) query.set('folder', folder);
      else query.set('ew', 'true'); // an empty window
      if (payload) query.set('payload', JSON.stringify(payload));
      // '/' is legal in a query: kept readable, since the demo prints this URL for people to open.
      return `${url}?${query.toString().replace(/%2F/g, '/')}`;
    },
    output: () => output,
    exited: server.exited,
    stop,
  };
}
