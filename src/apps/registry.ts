// The Chat apps: their profiles in globalState (user-level: a repository can never add, change or select
// one), their secrets in SecretStorage (one entry per app), and this window's active app.
import * as vscode from 'vscode';
import type { RegionId } from '../chat/http/regions';
import type { Credentials } from '../chat/types';
import { CredentialStore, secretKeyFor, summarize, type CredentialSummary, type SecretStorageLike } from '../credentials/store';
import type { Log } from '../log';
import { readConnectionSettings, type ConnectionSettings } from '../settings';
import { DEFAULT_APP, readProfile, type AppProfile } from './profile';

/** The profiles, as one array (a handful of small objects; one write keeps them consistent). */
const PROFILES_KEY = 'chatRoles.apps.v1';
/** The app used last in any window: where a new window starts. */
const LAST_USED_KEY = 'chatRoles.apps.lastUsed';

/** No app is active, or the active one has no credentials: the caller may offer to set them. */
export class MissingCredentialsError extends Error {
  constructor() {
    super(vscode.l10n.t('No Chat credentials are set. Run "Chat Roles: Set Credentials…" first.'));
    this.name = 'MissingCredentialsError';
  }
}

/** An app with its credentials and the connection settings in effect for it. */
export interface ResolvedApp {
  app: AppProfile;
  credentials: Credentials;
  connection: ConnectionSettings;
}

/** What chatRoles.listApps shows of one app: never a secret. */
export interface AppListing {
  app: string;
  sdkAppId: string;
  identifier: string;
  region: string | null;
  endpoint: string | null;
  credential: 'userSig' | 'secretKey';
  userSigExpiresAt: string | null;
  allowRoleChanges: boolean;
}

/** The connection settings in effect for an app: its own region or endpoint and pace, else the settings'. */
export function connectionFor(app: AppProfile, settings: ConnectionSettings = readConnectionSettings()): ConnectionSettings {
  const own = app.region !== undefined || app.endpoint !== undefined;
  const connection: ConnectionSettings = { ...settings, region: app.region ?? settings.region, requestsPerSecond: app.requestsPerSecond ?? settings.requestsPerSecond };
  if (own) delete connection.endpoint;
  if (app.endpoint) connection.endpoint = app.endpoint;
  return connection;
}

export class AppRegistry implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Any app added, changed, removed or made active in this window, or its credentials changed. */
  readonly onDidChange = this.changed.event;
  private readonly credentialsChanged = new vscode.EventEmitter<string>();
  /** An app's credentials changed (here or in another window); fires its label. */
  readonly onDidChangeCredentials = this.credentialsChanged.event;
  private readonly stores = new Map<string, { store: CredentialStore; listener: vscode.Disposable }>();
  /** This window's choice; starts as the app used last in any window. */
  private activeLabel: string | null;
  private migration: Promise<void> | undefined;
  /** Apps whose credentials the server refused, until they change. */
  private readonly refused = new Set<string>();

  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: SecretStorageLike,
    private readonly log: Log,
  ) {
    const last = state.get<unknown>(LAST_USED_KEY);
    this.activeLabel = typeof last === 'string' ? last : null;
  }

  /** Every app, in the order added. */
  list(): readonly AppProfile[] {
    const raw = this.state.get<unknown>(PROFILES_KEY);
    if (!Array.isArray(raw)) return [];
    const seen = new Set<string>();
    const profiles: AppProfile[] = [];
    for (const v of raw) {
      const p = readProfile(v);
      if (p && !seen.has(p.label)) profiles.push(p);
      if (p) seen.add(p.label);
    }
    return profiles;
  }

  get(label: string): AppProfile | undefined {
    return this.list().find((p) => p.label === label);
  }

  /** This window's active app; null when none is (none stored, or the active one was removed). */
  active(): string | null {
    return this.activeLabel !== null && this.get(this.activeLabel) ? this.activeLabel : null;
  }

  /** Makes an app active in this window (and the one a new window starts with). */
  async use(label: string): Promise<void> {
    await this.ready();
    this.known(label);
    this.activeLabel = label;
    await this.state.update(LAST_USED_KEY, label);
    try {
      await this.store(label).get(); // the status bar shows its credentials
    } catch (err) {
      this.log.error(vscode.l10n.t('Reading the credentials of app "{0}" failed', label), err);
    }
    this.log.info(vscode.l10n.t('App "{0}" is active in this window.', label));
    this.changed.fire();
  }

  /** The app (the active one without a label), its credentials and the connection settings in effect. */
  async resolve(label?: string): Promise<ResolvedApp> {
    await this.ready();
    const name = label ?? this.active();
    if (name === null) throw new MissingCredentialsError();
    const app = this.known(name);
    const credentials = await this.store(app.label).get();
    if (!credentials) {
      if (label === undefined) throw new MissingCredentialsError();
      throw new Error(vscode.l10n.t('The app "{0}" has no credentials stored. Set them with "Chat Roles: Set Credentials…".', app.label));
    }
    return { app, credentials, connection: connectionFor(app) };
  }

  /** What may be shown of an app's credentials (undefined until read, or when none are stored). */
  summary(label: string): CredentialSummary | undefined {
    return this.stores.get(label)?.store.summary();
  }

  /** The listing of every app (reads their secrets to tell the kind and expiry; shows neither). */
  async listings(): Promise<AppListing[]> {
    await this.ready();
    const out: AppListing[] = [];
    for (const app of this.list()) {
      const credentials = await this.store(app.label).get();
      const summary = credentials && summarize(credentials);
      const connection = connectionFor(app);
      out.push({
        app: app.label,
        sdkAppId: app.sdkAppId,
        identifier: app.identifier,
        region: connection.endpoint ? null : connection.region,
        endpoint: connection.endpoint ?? null,
        credential: summary?.kind ?? 'userSig',
        userSigExpiresAt: summary?.expiresAt !== undefined ? new Date(summary.expiresAt * 1000).toISOString() : null,
        allowRoleChanges: app.allowRoleChanges,
      });
    }
    return out;
  }

  /**
   * Creates or replaces an app and its credentials (secret first: a profile never points at missing
   * secrets). It becomes active when no app was.
   */
  async put(profile: AppProfile, credentials: Credentials): Promise<void> {
    await this.ready();
    await this.store(profile.label).set(credentials);
    const current = this.list();
    const existed = current.some((p) => p.label === profile.label);
    await this.state.update(PROFILES_KEY, existed ? current.map((p) => (p.label === profile.label ? profile : p)) : [...current, profile]);
    this.log.info(
      existed
        ? vscode.l10n.t('App "{0}" updated (SDKAppID {1}).', profile.label, profile.sdkAppId)
        : vscode.l10n.t('App "{0}" added (SDKAppID {1}).', profile.label, profile.sdkAppId),
    );
    if (this.active() === null) await this.use(profile.label);
    else this.changed.fire();
  }

  /** Removes an app and deletes its secrets; removing the active one leaves none active. */
  async remove(label: string): Promise<void> {
    await this.ready();
    this.known(label);
    await this.store(label).clear();
    await this.state.update(PROFILES_KEY, this.list().filter((p) => p.label !== label));
    if (this.activeLabel === label) this.activeLabel = null;
    if (this.state.get<unknown>(LAST_USED_KEY) === label) await this.state.update(LAST_USED_KEY, undefined);
    this.log.info(vscode.l10n.t('App "{0}" removed with its secrets.', label));
    this.changed.fire();
  }

  /** Removes every app and its secrets (what Clear Credentials means). */
  async removeAll(): Promise<void> {
    await this.ready();
    for (const app of this.list()) await this.store(app.label).clear();
    // 0.1.0's entry too, should a failed migration have left it unclaimed.
    await this.store(DEFAULT_APP).clear();
    await this.state.update(PROFILES_KEY, []);
    await this.state.update(LAST_USED_KEY, undefined);
    this.activeLabel = null;
    this.changed.fire();
  }

  /** Gives the app a region of its own (dropping its endpoint): what the region doctor offers. */
  async setRegion(label: string, region: RegionId): Promise<void> {
    await this.ready();
    this.known(label);
    await this.state.update(
      PROFILES_KEY,
      this.list().map((p) => {
        if (p.label !== label) return p;
        const { endpoint: _endpoint, ...rest } = p;
        return { ...rest, region };
      }),
    );
    this.log.info(vscode.l10n.t('App "{0}" now sends its requests to region {1}.', label, region));
    this.changed.fire();
  }

  /** The server refused this app's credentials (the status bar turns red) until they change. */
  markRefused(label: string): void {
    if (this.refused.has(label)) return;
    this.refused.add(label);
    this.changed.fire();
  }

  isRefused(label: string): boolean {
    return this.refused.has(label);
  }

  isRoleChangeAllowed(label: string): boolean {
    return this.get(label)?.allowRoleChanges === true;
  }

  async setRoleChangeAllowed(label: string, allowed: boolean): Promise<void> {
    await this.ready();
    this.known(label);
    await this.state.update(PROFILES_KEY, this.list().map((p) => (p.label === label ? { ...p, allowRoleChanges: allowed } : p)));
    this.log.info(allowed ? vscode.l10n.t('Role changes allowed in app "{0}".', label) : vscode.l10n.t('Role changes not allowed in app "{0}".', label));
    this.changed.fire();
  }

  /** The app of that label; throws a clear error for an unknown one. */
  private known(label: string): AppProfile {
    const app = this.get(label);
    if (!app) {
      const known = this.list().map((p) => p.label);
      throw new Error(
        known.length
          ? vscode.l10n.t('There is no Chat app labelled "{0}". Known apps: {1}.', label, known.join(', '))
          : vscode.l10n.t('There is no Chat app labelled "{0}". Known apps: none.', label),
      );
    }
    return app;
  }

  private store(label: string): CredentialStore {
    let entry = this.stores.get(label);
    if (!entry) {
      const store = new CredentialStore(this.secrets, this.log, secretKeyFor(label));
      const listener = store.onDidChange(() => {
        this.refused.delete(label);
        this.credentialsChanged.fire(label);
        this.changed.fire();
      });
      this.stores.set(label, (entry = { store, listener }));
    }
    return entry.store;
  }

  /**
   * Migrates once: 0.1.0's single credential set becomes app `default`, following the settings as before.
   * Nothing is asked and no secret moves (its entry is `default`'s). A keyring that cannot be read leaves the
   * migration for the next call.
   */
  private ready(): Promise<void> {
    if (this.state.get<unknown>(PROFILES_KEY) !== undefined) return Promise.resolve();
    this.migration ??= this.migrate().finally(() => (this.migration = undefined));
    return this.migration;
  }

  private async migrate(): Promise<void> {
    const legacy = await this.store(DEFAULT_APP).get();
    if (this.state.get<unknown>(PROFILES_KEY) !== undefined) return;
    const profiles: AppProfile[] = legacy ? [{ label: DEFAULT_APP, sdkAppId: String(legacy.sdkAppId), identifier: legacy.identifier, allowRoleChanges: false }] : [];
    await this.state.update(PROFILES_KEY, profiles);
    if (legacy) {
      this.log.info(vscode.l10n.t('The stored credentials of SDKAppID {0} became app "{1}" (it follows the region and endpoint settings).', legacy.sdkAppId, DEFAULT_APP));
      if (this.activeLabel === null) await this.use(DEFAULT_APP);
    }
  }

  /** Reads the active app's credentials once in the background (startup): the status bar and redaction need them. */
  async load(): Promise<void> {
    await this.ready();
    const label = this.active();
    if (label !== null) await this.store(label).get();
    this.changed.fire();
  }

  dispose(): void {
    for (const { listener, store } of this.stores.values()) {
      listener.dispose();
      store.dispose();
    }
    this.changed.dispose();
    this.credentialsChanged.dispose();
  }
}
