// Child processes started in their own process group, so that they and everything they spawn can be
// killed together — also when this process ends early (exit, SIGTERM from a timeout, Ctrl+C).
import { ChildProcess, spawn, SpawnOptions } from 'child_process';

const liveGroups = new Set<number>();
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
  process.on('exit', () => {
    for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
  });
  // Without a handler these signals end the process without running 'exit' handlers.
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping test host processes`);
      process.exit(code);
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
  liveGroups.add(pgid);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  const stop = async (graceMs = 5000): Promise<void> => {
    killGroup(pgid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(pgid, 'SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
    killGroup(pgid, 'SIGKILL'); // children that outlived the leader
    liveGroups.delete(pgid);
  };
  return { child, exited, stop };
}
