// Which app a role change goes to, and whether that app allows role changes. The switch belongs to the app's
// profile (user-level storage, set only by the user); a workspace, a setting or stored state never turns it on.
import type { AppRegistry } from '../apps/registry';
import type { Credentials } from '../chat/types';
import { targetOf, type ClientTarget } from '../checks/connection';

/** The app a change is made in: its label, SDKAppID, credentials and where its requests go. */
export interface ChangeApp {
  label: string;
  sdkAppId: number;
  credentials: Credentials;
  target: ClientTarget;
}

export interface RoleChangeGate {
  /** The app named `label`, or the active app without one; rejects (or gives undefined) when there is no such app. */
  resolve(label?: string): Promise<ChangeApp | undefined>;
  /** Whether the app's *role changes allowed* switch is on. */
  isAllowed(app: ChangeApp): boolean;
  /** Turns the switch on for the app (the user chose it in the confirmation); rejects when it cannot. */
  allow(app: ChangeApp): Promise<void>;
}

/** The apps of the registry, each with its own switch (off until the user turns it on). */
export class AppRegistryGate implements RoleChangeGate {
  constructor(private readonly apps: AppRegistry) {}

  async resolve(label?: string): Promise<ChangeApp> {
    const resolved = await this.apps.resolve(label);
    return { label: resolved.app.label, sdkAppId: resolved.credentials.sdkAppId, credentials: resolved.credentials, target: targetOf(resolved) };
  }

  isAllowed(app: ChangeApp): boolean {
    return this.apps.isRoleChangeAllowed(app.label);
  }

  allow(app: ChangeApp): Promise<void> {
    return this.apps.setRoleChangeAllowed(app.label, true);
  }
}
