// Child processes started in their own process group, so that they and everything they spawn can be
// killed together — also when this process ends early (exit, SIGTERM from a timeout, Ctrl+C).
import { type ChildProcess, spawn, type SpawnOptions } from 'child_process';

/** Live groups, each with its graceful stop. */
const liveGroups = new Map<number, () => Promise<void>>();
let hooksInstalled = false;

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the whole group is gone already
  }
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // Last resort: nothing of ours outlives this process, however it ends.
  process.on('exit', () => {
    for (const pgid of liveGroups.keys()) killGroup(pgid, 'SIGKILL');
  });
  // A signal (a timeout's SIGTERM, Ctrl+C) gets a graceful stop, so that a group can stop its own
  // groups in turn (a test layer stops its launcher, which stops code-server and the browser).
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping test host processes`);
      void Promise.all([...liveGroups.values()].map((stop) => stop())).finally(() => process.exit(code));
    });
  }
}

export interface GroupProcess {
  child: ChildProcess;
  /** Resolves with the leader's exit code (or null when killed by a signal). */
  exited: Promise<number | null>;
  /** SIGTERM to the group, SIGKILL after graceMs; resolves when the leader is gone. */
  stop(graceMs?: number): Promise<void>;
}

export function spawnGroup(command: string, args: string[], options: SpawnOptions): GroupProcess {
  installHooks();
  const child = spawn(command, args, { ...options, detached: true });
  const pgid = child.pid;
  if (pgid === undefined) throw new Error(`could not start ${command}`);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  const stop = async (graceMs = 10_000): Promise<void> => {
    killGroup(pgid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(pgid, 'SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
    killGroup(pgid, 'SIGKILL'); // children that outlived the leader
    liveGroups.delete(pgid);
  };
  liveGroups.set(pgid, stop);
  return { child, exited, stop };
}
