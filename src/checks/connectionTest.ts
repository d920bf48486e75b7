// "Test connection" after setting an app: one get_role_in_group with the admin account on a group ID that
// no server issues. Any answer about the group proves the signature, the app and the region.
import { describeError } from '../chat/errors';
import type { ResolvedApp } from '../apps/registry';
import type { ChatConnection } from './connection';

/** An "@TGS#" ID the server never generates (its IDs hold no "_"), and no custom ID may start with @TGS#. */
export const UNISSUED_GROUP_ID = '@TGS#_chatroles_connection_test';

export interface ConnectionTestOutcome {
  ok: boolean;
  /** What the answer proved, or why it failed and what to do: one sentence or two for a notification. */
  message: string;
  code?: number | string;
}

/** Sends the one request and says what its answer proved. */
export async function testConnection(connection: ChatConnection, target: ResolvedApp, signal?: AbortSignal): Promise<ConnectionTestOutcome> {
  const { credentials } = target;
  const client = connection.get({ sdkAppId: credentials.sdkAppId, connection: target.connection });
  const [result] = await client.getRoleInGroup(credentials, [UNISSUED_GROUP_ID], [credentials.identifier], { signal });
  const error = result?.errors[0];
  if (!error) {
    return { ok: true, message: `The server answered with a role for ${credentials.identifier}: the signature, the app ${credentials.sdkAppId} and its region all work.` };
  }
  const d = describeError(error.code);
  if (d.scope === 'group' || d.scope === 'account') {
    return {
      ok: true,
      code: error.code,
      message: `The server checked the request and answered about the test group (${String(error.code)}, ${d.title}): the signature, the admin identifier, app ${credentials.sdkAppId} and its region all work.`,
    };
  }
  return { ok: false, code: error.code, message: `The test request failed with ${String(error.code)} (${d.title}). ${d.advice}` };
}
