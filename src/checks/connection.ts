import * as vscode from 'vscode';
import type { Log } from '../log';
import { loadRuntime, type Runtime } from '../runtime';
import type { ResolvedApp } from '../apps/registry';
import type { ConnectionSettings } from '../settings';

export type ChatClient = InstanceType<Runtime['ChatClient']>;
type ClientOptions = ConstructorParameters<Runtime['ChatClient']>[0];

/** What a client is for: an app's SDKAppID and where its requests go, with the settings in effect for it. */
export interface ClientTarget {
  sdkAppId: number;
  connection: ConnectionSettings;
  /** Only these origins, in place of the region's two domains (the region doctor; tests' stand-ins). */
  origins?: string[];
  /** Attempts per request (the region doctor asks each domain once); the client's default otherwise. */
  maxAttempts?: number;
}

/** The client an app's requests go through: its SDKAppID and the connection settings in effect for it. */
export function targetOf(resolved: ResolvedApp): ClientTarget {
  return { sdkAppId: resolved.credentials.sdkAppId, connection: resolved.connection };
}

/**
 * Owns this window's Chat clients: one per SDKAppID and destination (region, endpoint or test origins), so
 * every check of an app in this window shares one pace, whichever app label or window query asks. Created
 * on first use (loading the runtime bundle), given the settings in effect on every use, all closed on dispose.
 */
export class ChatConnection implements vscode.Disposable {
  private readonly clients = new Map<string, ChatClient>();

  constructor(private readonly log: Log) {}

  private options(target: ClientTarget): ClientOptions {
    const s = target.connection;
    // Every key is present, even when unset: updateOptions() keeps the previous value of a missing key.
    return {
      region: s.region,
      endpoint: s.endpoint,
      origins: target.origins,
      requestsPerSecond: s.requestsPerSecond,
      retry: target.maxAttempts === undefined ? undefined : { maxAttempts: target.maxAttempts },
      timeoutMs: s.timeoutMs,
      proxy: s.proxy,
      log: (level, message) => this.log.write(level, message),
    };
  }

  /** The client for that app and destination, created on first use, following the settings given now. */
  get(target: ClientTarget): ChatClient {
    const where = target.origins ? `origins ${target.origins.join(' ')}` : target.connection.endpoint ? `endpoint ${target.connection.endpoint}` : `region ${target.connection.region}`;
    const key = `${target.sdkAppId} ${where}`;
    const existing = this.clients.get(key);
    if (existing) {
      existing.updateOptions(this.options(target));
      return existing;
    }
    const { ChatClient } = loadRuntime();
    const client = new ChatClient(this.options(target));
    this.clients.set(key, client);
    this.log.debug(`Chat client created for SDKAppID ${target.sdkAppId} (${where}).`);
    return client;
  }

  /** Closes every client and its connections; a later query creates new ones. */
  async close(): Promise<void> {
    const clients = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(
      clients.map((c) =>
        c.close().catch((err: unknown) => {
          this.log.error(vscode.l10n.t('Closing the Chat client failed'), err);
        }),
      ),
    );
  }

  dispose(): void {
    void this.close();
  }
}
