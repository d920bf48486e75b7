// The concurrency and connection settings row 1 gives both the client and the bare loop, so the two
// differ only in what the client does per request.
import type { Dispatcher } from 'undici';
import { createDirectAgent } from '../src/chat/http/transport';

/** The client's default in-flight cap (src/chat/settings.ts); passed to the client explicitly as well. */
export const CLIENT_MAX_IN_FLIGHT = 32;
/** The client's default per-request timeout, which also sets the dispatcher's connect timeout. */
const CLIENT_TIMEOUT_MS = 10_000;

/** The very dispatcher the client's transport builds (keep-alive Agent, same connections), minus any proxy. */
export function clientLikeDispatcher(): Dispatcher {
  return createDirectAgent({ connections: CLIENT_MAX_IN_FLIGHT, timeoutMs: CLIENT_TIMEOUT_MS });
}
