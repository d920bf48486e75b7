// A client for the stand-in's control API, for tests that run in another process than the stand-in.
import type { FaultRule, RecordedRequest, SeedData, StandInStats } from './types';

export interface StandInControl {
  addFault(rule: FaultRule): Promise<void>;
  clearFaults(): Promise<void>;
  requests(): Promise<RecordedRequest[]>;
  resetRecords(): Promise<void>;
  stats(): Promise<StandInStats>;
  setRequestsPerSecond(limit: number | false): Promise<void>;
  setData(data: SeedData): Promise<void>;
  /** Most admins per group; null = no limit. */
  setAdminLimit(limit: number | null): Promise<void>;
}

/** `url` is the stand-in's origin, e.g. http://127.0.0.1:PORT. */
export function standInControl(url: string): StandInControl {
  const call = async (method: string, route: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(new URL(`/__standin/${route}`, url), {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`stand-in control ${method} ${route} failed (HTTP ${res.status}): ${text.slice(0, 300)}`);
    return text === '' ? undefined : JSON.parse(text);
  };
  return {
    addFault: async (rule) => void (await call('POST', 'faults', rule)),
    clearFaults: async () => void (await call('DELETE', 'faults')),
    requests: async () => (await call('GET', 'requests')) as RecordedRequest[],
    resetRecords: async () => void (await call('DELETE', 'requests')),
    stats: async () => (await call('GET', 'stats')) as StandInStats,
    setRequestsPerSecond: async (limit) => void (await call('PUT', 'rate', { requestsPerSecond: limit })),
    setData: async (data) => void (await call('PUT', 'data', data)),
    setAdminLimit: async (limit) => void (await call('PUT', 'admin-limit', { limit })),
  };
}
