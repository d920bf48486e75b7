// The control API under /__standin/, for tests and the demo running in another process.
import type { StandIn } from './types';

export const CONTROL_PREFIX = '/__standin/';

export interface ControlReply {
  status: number;
  body?: unknown;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('the body must be JSON');
  }
}

function run(action: () => void): ControlReply {
  try {
    action();
    return { status: 204 };
  } catch (e) {
    return { status: 400, body: { error: (e as Error).message } };
  }
}

/** Handles one control request; the path starts with CONTROL_PREFIX. Never answers with a secret. */
export function handleControl(standIn: StandIn, method: string, path: string, body: string): ControlReply {
  const route = `${method} ${path.slice(CONTROL_PREFIX.length)}`;
  switch (route) {
    case 'POST faults':
      return run(() => standIn.addFault(parse(body) as never));
    case 'DELETE faults':
      return run(() => standIn.clearFaults());
    case 'GET requests':
      return { status: 200, body: standIn.requests };
    case 'DELETE requests':
      return run(() => standIn.resetRecords());
    case 'GET stats':
      return { status: 200, body: standIn.stats() };
    case 'PUT rate':
      return run(() => {
        const { requestsPerSecond } = (parse(body) ?? {}) as { requestsPerSecond?: unknown };
        standIn.setRequestsPerSecond(requestsPerSecond as number | false);
      });
    case 'PUT admin-limit':
      return run(() => {
        const { limit } = (parse(body) ?? {}) as { limit?: unknown };
        standIn.setAdminLimit(limit === null ? undefined : (limit as number));
      });
    case 'PUT data':
      return run(() => standIn.setData(parse(body) as never));
    default:
      return { status: 404, body: { error: `no control route ${route}` } };
  }
}
