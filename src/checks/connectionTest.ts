// "Test connection" after setting an app: one get_role_in_group with the admin account on a group ID that
// no server issues. Any answer about the group proves the signature, the app and the region.
import * as vscode from 'vscode';
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
    return { ok: true, message: vscode.l10n.t('The server answered with a role for {0}: the signature, the app {1} and its region all work.', credentials.identifier, credentials.sdkAppId) };
  }
  const d = describeError(error.code);
  if (d.scope === 'group' || d.scope === 'account') {
    return {
      ok: true,
      code: error.code,
      message: vscode.l10n.t(
        'The server checked the request and answered about the test group ({0}, {1}): the signature, the admin identifier, app {2} and its region all work.',
        String(error.code),
        d.title,
        credentials.sdkAppId,
      ),
    };
  }
  return { ok: false, code: error.code, message: vscode.l10n.t('The test request failed with {0} ({1}). {2}', String(error.code), d.title, d.advice) };
}
