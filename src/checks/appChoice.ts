import type { Credentials } from '../chat/types';
import type { CredentialStore } from '../credentials/store';
import { MissingCredentialsError } from './checker';
import type { ChatClient, ChatConnection } from './connection';

/** The client and credentials one query of an app runs with. */
export interface AppClient {
  client: ChatClient;
  credentials: Credentials;
}

/**
 * The one place listings choose their client and credentials, the way the checker does: the window's
 * client and the stored credentials. `app` may only name those (by their SDKAppID) until several apps can
 * be stored; anything else is an unknown app. Rejects when no credentials are set.
 */
export async function clientForApp(connection: ChatConnection, store: CredentialStore, app: string | undefined): Promise<AppClient> {
  const credentials = await store.get();
  if (!credentials) throw new MissingCredentialsError();
  if (app !== undefined && app !== String(credentials.sdkAppId)) {
    throw new Error(`Unknown app ${JSON.stringify(app.slice(0, 64))}: the only app with stored credentials is ${credentials.sdkAppId}.`);
  }
  return { client: connection.get(), credentials };
}
