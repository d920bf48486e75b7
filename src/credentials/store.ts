import * as vscode from 'vscode';
import type { Credentials } from '../chat/types';
import { decodeUserSig } from '../chat/auth/usersig';
import type { Log } from '../log';

/**
 * An app's credentials live in one SecretStorage entry (one atomic write; nothing in settings or state).
 * This is 0.1.0's one entry, which app `default` keeps using; every other app has its own (see secretKeyFor).
 */
export const CREDENTIALS_SECRET_KEY = 'chatRoles.credentials';

/** The SecretStorage entry of an app's credentials; 0.1.0's entry is `default`'s, so migrating moves no secret. */
export function secretKeyFor(label: string): string {
  return label === 'default' ? CREDENTIALS_SECRET_KEY : `${CREDENTIALS_SECRET_KEY}/${label}`;
}

/** What may be shown about the stored credentials: never the UserSig or the secret key. */
export interface CredentialSummary {
  sdkAppId: number;
  identifier: string;
  kind: 'userSig' | 'secretKey';
  /** When the UserSig expires (Unix seconds); undefined for a secret key or an undecodable sig. */
  expiresAt?: number;
}

/** The part of vscode.SecretStorage the store uses (tests may substitute a failing one). */
export type SecretStorageLike = Pick<vscode.SecretStorage, 'get' | 'store' | 'delete'> & {
  onDidChange?: vscode.SecretStorage['onDidChange'];
};

/** SecretStorage failed (typically no OS keyring); the message says what to do. */
export class CredentialStorageError extends Error {
  constructor(action: 'read' | 'save' | 'remove', cause: unknown) {
    super(storageFailure(action, cause instanceof Error ? cause.message : String(cause)));
    this.name = 'CredentialStorageError';
  }
}

/** Why SecretStorage failed (one sentence per action), then the advice that is the same for all three. */
function storageFailure(action: 'read' | 'save' | 'remove', why: string): string {
  const failed =
    action === 'read'
      ? vscode.l10n.t("Chat Roles could not read credentials in VS Code's secret storage ({0}).", why)
      : action === 'save'
        ? vscode.l10n.t("Chat Roles could not save credentials in VS Code's secret storage ({0}).", why)
        : vscode.l10n.t("Chat Roles could not remove credentials in VS Code's secret storage ({0}).", why);
  return vscode.l10n.t(
    '{0} On Linux this needs an OS keyring: install and unlock GNOME Keyring or KWallet, or start VS Code with --password-store=basic (see https://code.visualstudio.com/docs/configure/settings-sync#_troubleshooting-keychain-issues).',
    failed,
  );
}

export function summarize(c: Credentials): CredentialSummary {
  const summary: CredentialSummary = { sdkAppId: c.sdkAppId, identifier: c.identifier, kind: c.secretKey ? 'secretKey' : 'userSig' };
  if (!c.secretKey && c.userSig) {
    try {
      summary.expiresAt = decodeUserSig(c.userSig).expiresAt;
    } catch {
      // validated when stored; an undecodable one simply shows no expiry
    }
  }
  return summary;
}

function parseStored(text: string | undefined): Credentials | undefined {
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as Partial<Credentials>;
    if (typeof v.sdkAppId !== 'number' || typeof v.identifier !== 'string') return undefined;
    if (typeof v.userSig !== 'string' && typeof v.secretKey !== 'string') return undefined;
    const c: Credentials = { sdkAppId: v.sdkAppId, identifier: v.identifier };
    if (typeof v.secretKey === 'string') c.secretKey = v.secretKey;
    else if (typeof v.userSig === 'string') c.userSig = v.userSig;
    return c;
  } catch {
    return undefined;
  }
}

/** One app's credentials over SecretStorage. Keeps the log's list of this app's secrets to redact. */
export class CredentialStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CredentialSummary | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly storageListener: vscode.Disposable | undefined;
  private cached: Credentials | undefined;
  private loaded = false;
  /** Bumped whenever the credentials or their storage change, so a read that started earlier is known stale. */
  private version = 0;

  constructor(
    private readonly storage: SecretStorageLike,
    private readonly log: Log,
    private readonly key: string = CREDENTIALS_SECRET_KEY,
  ) {
    // Another window (or Settings Sync) changed the secret: reload.
    // SecretStorage also reports this window's own writes, sometimes after set() or clear() announced them:
    // only credentials other than the last announced ones are a change (listeners cancel running checks on it).
    this.storageListener = storage.onDidChange?.((e) => {
      if (e.key !== this.key) return;
      this.loaded = false;
      this.version++;
      this.get().then(
        () => {
          if (this.fingerprint() !== this.announced) this.announce();
        },
        (err) => this.log.error(vscode.l10n.t('Reloading credentials failed'), err),
      );
    });
  }

  /** The credentials last announced through onDidChange (compared, never shown). */
  private announced: string | undefined;

  private fingerprint(): string {
    return JSON.stringify(this.cached ?? null);
  }

  private announce(): void {
    this.announced = this.fingerprint();
    this.changed.fire(this.summary());
  }

  /** The stored credentials, or undefined. Throws CredentialStorageError when SecretStorage fails. */
  async get(): Promise<Credentials | undefined> {
    if (this.loaded) return this.cached;
    const version = this.version;
    let text: string | undefined;
    try {
      text = await this.storage.get(this.key);
    } catch (err) {
      throw new CredentialStorageError('read', err);
    }
    // A set(), clear() or change landed while this read was pending: what it read is older, so the newer state wins.
    if (version !== this.version) return this.get();
    this.apply(parseStored(text));
    return this.cached;
  }

  /** What may be shown about the current credentials (after get() has loaded them). */
  summary(): CredentialSummary | undefined {
    return this.cached ? summarize(this.cached) : undefined;
  }

  async set(credentials: Credentials): Promise<void> {
    try {
      await this.storage.store(this.key, JSON.stringify(credentials));
    } catch (err) {
      throw new CredentialStorageError('save', err);
    }
    this.apply(credentials);
    this.log.info(
      credentials.secretKey
        ? vscode.l10n.t('Credentials stored for SDKAppID {0}, identifier {1} (secret key).', credentials.sdkAppId, credentials.identifier)
        : vscode.l10n.t('Credentials stored for SDKAppID {0}, identifier {1} (UserSig).', credentials.sdkAppId, credentials.identifier),
    );
    this.announce();
  }

  async clear(): Promise<void> {
    try {
      await this.storage.delete(this.key);
    } catch (err) {
      throw new CredentialStorageError('remove', err);
    }
    this.apply(undefined);
    this.log.info(vscode.l10n.t('Credentials cleared.'));
    this.announce();
  }

  private apply(credentials: Credentials | undefined): void {
    // Secrets of earlier credentials stay redacted too: a late log line may still quote them.
    const previous = this.cached ? [this.cached.userSig, this.cached.secretKey] : [];
    this.cached = credentials;
    this.loaded = true;
    this.version++;
    this.log.setSecrets([credentials?.userSig, credentials?.secretKey, ...previous], this.key);
  }

  dispose(): void {
    this.storageListener?.dispose();
    this.changed.dispose();
  }
}
