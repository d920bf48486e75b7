// code-server for the demo: a fixed loopback port, a kept demo profile, the .vsix installed. Not
// test/host/codeServer.ts's startCodeServer: that one always turns on the smoke-test driver (tests need
// it for their payload), and with it the workbench never shows notification toasts — the demo must.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { installVsix, testHostEnv } from '../test/host/codeServer';
import { codeServerEntry, node24 } from '../test/host/paths';
import { spawnGroup, type GroupProcess } from '../test/host/processGroup';

export interface DemoCodeServerOptions {
  port: number;
  vsix: string;
  /** Kept between runs: the profile (user-data/) and the installed extension (extensions/). */
  stateDir: string;
  /** Written to the profile's User/settings.json on every start. */
  userSettings: Record<string, unknown>;
  folder: string;
}

export interface DemoCodeServer {
  /** The workbench URL opened on the folder. */
  url: string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export async function startDemoCodeServer(options: DemoCodeServerOptions): Promise<DemoCodeServer> {
  if (!fs.existsSync(codeServerEntry)) throw new Error(`no test host at ${codeServerEntry}: run \`npm run setup-test-host\``);
  const extensionsDir = path.join(options.stateDir, 'extensions');
  const userDataDir = path.join(options.stateDir, 'user-data');
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(options.userSettings, null, 2));
  await installVsix(options.vsix, extensionsDir);

  // Per run: XDG dirs, TMPDIR and the config (auth none, no TLS); removed on stop.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-roles-demo-'));
  for (const d of ['xdg-data', 'xdg-config', 'xdg-cache', 'tmp']) fs.mkdirSync(path.join(tmp, d));
  const config = path.join(tmp, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${options.port}\nauth: none\ncert: false\n`);
  const server: GroupProcess = spawnGroup(
    node24,
    [
      codeServerEntry,
      '--config', config,
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      '--disable-workspace-trust', // the demo workspace is ours
      '--ignore-last-opened',
    ],
    { cwd: tmp, env: testHostEnv(tmp), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stop = async (): Promise<void> => {
    await server.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  };

  let output = '';
  const listening = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('HTTP server listening on')) resolve();
    };
    server.child.stdout!.on('data', onData);
    server.child.stderr!.on('data', onData);
    void server.exited.then((code) => {
      const inUse = output.includes('EADDRINUSE');
      reject(new Error(inUse ? `port ${options.port} is in use (another demo running?): stop it, or pass --port N` : `code-server exited (${code}):\n${output}`));
    });
    setTimeout(() => reject(new Error(`code-server did not listen within 30 s:\n${output}`)), 30_000).unref();
  });
  try {
    await listening;
  } catch (e) {
    await stop();
    throw e;
  }
  return { url: `http://127.0.0.1:${options.port}/?folder=${encodeURI(options.folder)}`, exited: server.exited, stop };
}
