// The active app's credentials, as the one credential set of 0.1.0 was seen: what the checks, the welcome
// view (chatRoles.hasCredentials) and the programmatic setCredentials without `app` work with.
import * as vscode from 'vscode';
import type { Credentials } from '../chat/types';
import type { CredentialSummary } from '../credentials/store';
import { DEFAULT_APP, type AppProfile } from './profile';
import type { AppRegistry } from './registry';

export class ActiveCredentials implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CredentialSummary | undefined>();
  /** The active app changed, or its credentials did. */
  readonly onDidChange = this.changed.event;
  private readonly listener: vscode.Disposable;
  private announced: string | undefined;

  constructor(private readonly apps: AppRegistry) {
    this.listener = apps.onDidChange(() => {
      const now = JSON.stringify([apps.active(), this.summary() ?? null]);
      if (now === this.announced) return;
      this.announced = now;
      const summary = this.summary();
      void vscode.commands.executeCommand('setContext', 'chatRoles.hasCredentials', summary !== undefined);
      this.changed.fire(summary);
    });
  }

  /** The active app's credentials, or undefined when no app is active. Throws when SecretStorage fails. */
  async get(): Promise<Credentials | undefined> {
    try {
      return (await this.apps.resolve()).credentials;
    } catch (err) {
      if (err instanceof Error && err.name === 'MissingCredentialsError') return undefined;
      throw err;
    }
  }

  /** What may be shown of the active app's credentials (after get() has read them). */
  summary(): CredentialSummary | undefined {
    const label = this.apps.active();
    return label === null ? undefined : this.apps.summary(label);
  }

  /**
   * Stores credentials in the active app (app `default` when none is active), keeping its region, endpoint
   * and pace. Role changes are off again, as for any app set without `allowRoleChanges`.
   */
  async set(credentials: Credentials, allowRoleChanges = false): Promise<void> {
    const label = this.apps.active() ?? DEFAULT_APP;
    const profile: AppProfile = { ...this.apps.get(label), label, sdkAppId: String(credentials.sdkAppId), identifier: credentials.identifier, allowRoleChanges };
    await this.apps.put(profile, credentials);
  }

  /** Forgets every app and its secrets (0.1.0's meaning: forget all secrets). */
  clear(): Promise<void> {
    return this.apps.removeAll();
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}
