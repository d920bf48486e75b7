// Runs the Chat API stand-in in its own process, driven over the fork IPC channel, so that the server's
// work and the client's work never share one event loop (see bench/README.md, row 1).
import { startStandIn, type StandIn } from '../test/standin/server';
import { seedData, type WorkloadSpec } from './workload';

export type StandInCommand =
  | { type: 'start'; spec: WorkloadSpec; requestsPerSecond: number | false }
  | { type: 'stats' }
  | { type: 'resetRecords' }
  | { type: 'close' };

export type StandInReply =
  | { type: 'ready'; url: string }
  | { type: 'stats'; total: number; rateLimited: number; byCode: Record<string, number>; cpuMs: number }
  | { type: 'done' }
  | { type: 'error'; message: string };

let server: StandIn | undefined;

function reply(message: StandInReply): void {
  process.send?.(message);
}

async function handle(cmd: StandInCommand): Promise<void> {
  switch (cmd.type) {
    case 'start':
      server = await startStandIn({ data: seedData(cmd.spec), port: 0, requestsPerSecond: cmd.requestsPerSecond });
      reply({ type: 'ready', url: server.url });
      return;
    case 'stats': {
      const s = server!.stats();
      const cpu = process.cpuUsage();
      reply({ type: 'stats', total: s.total, rateLimited: s.rateLimited, byCode: s.byCode, cpuMs: (cpu.user + cpu.system) / 1000 });
      return;
    }
    case 'resetRecords':
      server!.resetRecords();
      reply({ type: 'done' });
      return;
    case 'close':
      await server?.close();
      reply({ type: 'done' });
      process.disconnect?.();
      return;
  }
}

process.on('message', (cmd: StandInCommand) => {
  handle(cmd).catch((e: Error) => reply({ type: 'error', message: e.message }));
});
// The parent going away ends this process too.
process.on('disconnect', () => process.exit(0));
