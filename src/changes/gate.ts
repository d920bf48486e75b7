// Which app a role change goes to, and whether that app allows role changes. The switch belongs to the app
// (the apps issue stores it with the app's profile); a workspace, a setting or stored state never turns it on.
import type { Credentials } from '../chat/types';
import type { CredentialStore } from '../credentials/store';

/** The app a change is made in: its label, SDKAppID and credentials. */
export interface ChangeApp {
  label: string;
  sdkAppId: number;
  credentials: Credentials;
}

export interface RoleChangeGate {
  /** The app named `label`, or the active app without one; undefined when there is no such app. */
  resolve(label?: string): Promise<ChangeApp | undefined>;
  /** Whether the app's *role changes allowed* switch is on. */
  isAllowed(app: ChangeApp): boolean;
  /** Turns the switch on for the app (the user chose it in the confirmation); rejects when it cannot. */
  allow(app: ChangeApp): Promise<void>;
}

/**
 * The gate until app profiles exist: the one stored credential set is the only app, labelled by its
 * SDKAppID, and it is read-only. Nothing persistent can hold the switch yet, so it is never on: the safe
 * default. The lead wires RoleChangeGate to the app registry after the merge.
 */
export class SingleAppReadOnlyGate implements RoleChangeGate {
  constructor(private readonly credentials: CredentialStore) {}

  async resolve(label?: string): Promise<ChangeApp | undefined> {
    const credentials = await this.credentials.get();
    if (!credentials) return undefined;
    const own = String(credentials.sdkAppId);
    if (label !== undefined && label !== own) return undefined;
    return { label: own, sdkAppId: credentials.sdkAppId, credentials };
  }

  isAllowed(): boolean {
    return false;
  }

  allow(): Promise<void> {
    return Promise.reject(new Error('Role changes cannot be turned on yet: the switch is kept with app profiles, which this version does not have. The app stays read-only.'));
  }
}
