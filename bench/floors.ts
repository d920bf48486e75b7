// The floors rows 1 and 2 compare the client against: the least work that sends the same requests.
import { request, type Dispatcher } from 'undici';
import { ROLE_PATH, roleQuery } from './workload';

/**
 * Sends every body with at most `maxInFlight` requests outstanding over the given keep-alive dispatcher
 * (closed at the end), reading each response body as bytes and nothing more: no parsing, no retry, no limiter.
 */
export async function bareUndiciLoop(
  origin: string,
  userSig: string,
  bodies: string[],
  maxInFlight: number,
  agent: Dispatcher,
): Promise<number> {
  let next = 0;
  let bytes = 0;
  async function worker(): Promise<void> {
    while (next < bodies.length) {
      const body = bodies[next++];
      const res = await request(`${origin}${ROLE_PATH}?${roleQuery(userSig)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        dispatcher: agent,
      });
      const answer = await res.body.bytes();
      if (res.statusCode !== 200) throw new Error(`bare loop: HTTP ${res.statusCode}`);
      bytes += answer.length;
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(maxInFlight, bodies.length) }, worker));
  } finally {
    await agent.close();
  }
  return bytes;
}

/** What a first attempt would look like: Node's global fetch, one request after another. */
export async function naiveSequentialFetch(origin: string, userSig: string, bodies: string[]): Promise<number> {
  let ok = 0;
  for (const body of bodies) {
    const res = await fetch(`${origin}${ROLE_PATH}?${roleQuery(userSig)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const json = (await res.json()) as { ActionStatus?: string };
    if (json.ActionStatus !== 'OK') throw new Error(`naive fetch: ${JSON.stringify(json).slice(0, 200)}`);
    ok++;
  }
  return ok;
}
