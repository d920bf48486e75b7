import * as vscode from 'vscode';
import type { Log } from '../log';
import { loadRuntime, type Runtime } from '../runtime';
import { affectsConnection, readConnectionSettings } from '../settings';

export type ChatClient = InstanceType<Runtime['ChatClient']>;
type ClientOptions = ConstructorParameters<Runtime['ChatClient']>[0];

/**
 * Owns the one Chat client of this window: created on the first query (loading the runtime bundle),
 * kept current with the settings, closed (every connection) on dispose.
 */
export class ChatConnection implements vscode.Disposable {
  private client: ChatClient | undefined;
  private readonly configListener: vscode.Disposable;

  constructor(private readonly log: Log) {
    this.configListener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!this.client || !affectsConnection(e)) return;
      this.client.updateOptions(this.options());
      this.log.info('Connection settings changed; the Chat client follows them from the next request.');
    });
  }

  private options(): ClientOptions {
    const s = readConnectionSettings();
    // Every key is present, even when unset: updateOptions() keeps the previous value of a missing key.
    return {
      region: s.region,
      endpoint: s.endpoint,
      requestsPerSecond: s.requestsPerSecond,
      timeoutMs: s.timeoutMs,
      proxy: s.proxy,
      log: (level, message) => this.log.write(level, message),
    };
  }

  /** The client, created on first use. */
  get(): ChatClient {
    if (!this.client) {
      const { ChatClient } = loadRuntime();
      this.client = new ChatClient(this.options());
      this.log.debug('Chat client created.');
    }
    return this.client;
  }

  /** Closes the client and all its connections; a later query creates a new one. */
  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      await client.close();
    } catch (err) {
      this.log.error('Closing the Chat client failed', err);
    }
  }

  dispose(): void {
    this.configListener.dispose();
    void this.close();
  }
}
