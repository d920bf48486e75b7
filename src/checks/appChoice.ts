import type { Credentials } from '../chat/types';
import type { AppProfile } from '../apps/profile';
import type { AppRegistry } from '../apps/registry';
import { targetOf, type ChatClient, type ChatConnection } from './connection';

/** The client and credentials one query of an app runs with. */
export interface AppClient {
  client: ChatClient;
  credentials: Credentials;
  app: AppProfile;
}

/**
 * The one place listings choose their client and credentials, the way the checker does: the named app, or
 * the active one. Rejects for an unknown app or when no app (or no credentials) is set.
 */
export async function clientForApp(connection: ChatConnection, apps: AppRegistry, app: string | undefined): Promise<AppClient> {
  const resolved = await apps.resolve(app);
  return { client: connection.get(targetOf(resolved)), credentials: resolved.credentials, app: resolved.app };
}
