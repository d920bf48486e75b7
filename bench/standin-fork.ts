// The measuring side of standin-process.ts: fork it, start a stand-in, ask for its counters, stop it.
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { StandInCommand, StandInReply } from './standin-process';
import type { WorkloadSpec } from './workload';

export interface ForkedStandIn {
  url: string;
  /** Request counters, and the CPU time the stand-in process has used so far. */
  stats(): Promise<{ total: number; rateLimited: number; byCode: Record<string, number>; cpuMs: number }>;
  resetRecords(): Promise<void>;
  close(): Promise<void>;
}

const REPLY_TIMEOUT_MS = 30_000;

function ask(child: ChildProcess, cmd: StandInCommand): Promise<StandInReply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`stand-in process did not answer ${cmd.type} in time`)), REPLY_TIMEOUT_MS);
    const onMessage = (m: StandInReply) => done(undefined, m);
    const onExit = (code: number | null) => done(new Error(`stand-in process exited (${code}) during ${cmd.type}`));
    function done(err?: Error, m?: StandInReply): void {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else if (m!.type === 'error') reject(new Error(`stand-in: ${m!.message}`));
      else resolve(m!);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.send(cmd);
  });
}

export async function forkStandIn(spec: WorkloadSpec, requestsPerSecond: number | false): Promise<ForkedStandIn> {
  const child = fork(path.join(__dirname, 'standin-process.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const ready = await ask(child, { type: 'start', spec, requestsPerSecond });
    if (ready.type !== 'ready') throw new Error('stand-in process: unexpected reply to start');
    return {
      url: ready.url,
      async stats() {
        const s = await ask(child, { type: 'stats' });
        if (s.type !== 'stats') throw new Error('stand-in process: unexpected reply to stats');
        return { total: s.total, rateLimited: s.rateLimited, byCode: s.byCode, cpuMs: s.cpuMs };
      },
      async resetRecords() {
        await ask(child, { type: 'resetRecords' });
      },
      async close() {
        if (child.exitCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        await ask(child, { type: 'close' }).catch(() => child.kill());
        await Promise.race([exited, new Promise<void>((r) => setTimeout(r, 5000).unref())]);
        if (child.exitCode === null) child.kill();
      },
    };
  } catch (e) {
    child.kill();
    throw e;
  }
}
