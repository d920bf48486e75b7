// The programmatic form of chatRoles.setCredentials with the app fields: checked whole before anything is
// stored, each problem named.
import * as vscode from 'vscode';
import type { Credentials } from '../chat/types';
import { parseCredentialsArgument } from '../credentials/validate';
import { checkEndpoint, checkLabel, checkRequestsPerSecond, isRegion, type AppProfile } from './profile';

/** What a setCredentials call asks for: the credentials, and the app fields it gave. */
export interface AppArgument {
  credentials: Credentials;
  /** The app to create or replace; absent: the active app (or `default`). */
  app?: string;
  region?: AppProfile['region'];
  endpoint?: string;
  requestsPerSecond?: number;
  allowRoleChanges: boolean;
}

/** Validates `{ sdkAppId, identifier, userSig? | secretKey?, app?, region?, endpoint?, requestsPerSecond?, allowRoleChanges? }`. */
export function parseAppArgument(arg: object): AppArgument {
  const a = arg as Record<string, unknown>;
  const parsed: AppArgument = { credentials: parseCredentialsArgument(arg), allowRoleChanges: false };
  if (a.app !== undefined) {
    if (typeof a.app !== 'string') throw new Error(vscode.l10n.t("app must be a string (the app's label)."));
    const reason = checkLabel(a.app);
    if (reason) throw new Error(reason);
    parsed.app = a.app;
  }
  if (a.region !== undefined && a.region !== null) {
    if (!isRegion(a.region)) throw new Error(vscode.l10n.t('region must be one of china, singapore, seoul, frankfurt, siliconValley, jakarta, tokyo, mumbai.'));
    parsed.region = a.region;
  }
  if (a.endpoint !== undefined && a.endpoint !== null) {
    if (typeof a.endpoint !== 'string') throw new Error(vscode.l10n.t('endpoint must be a string.'));
    const reason = checkEndpoint(a.endpoint);
    if (reason) throw new Error(reason);
    parsed.endpoint = a.endpoint.trim();
  }
  if (a.requestsPerSecond !== undefined) {
    const reason = checkRequestsPerSecond(a.requestsPerSecond);
    if (reason) throw new Error(reason);
    parsed.requestsPerSecond = a.requestsPerSecond as number;
  }
  if (a.allowRoleChanges !== undefined) {
    if (typeof a.allowRoleChanges !== 'boolean') throw new Error(vscode.l10n.t('allowRoleChanges must be true or false.'));
    parsed.allowRoleChanges = a.allowRoleChanges;
  }
  return parsed;
}

/** The profile a parsed argument describes, for the app of that label. `keep` supplies what the call left out. */
export function profileOf(label: string, parsed: AppArgument, keep?: AppProfile): AppProfile {
  const given = parsed.region !== undefined || parsed.endpoint !== undefined;
  const profile: AppProfile = {
    label,
    sdkAppId: String(parsed.credentials.sdkAppId),
    identifier: parsed.credentials.identifier,
    allowRoleChanges: parsed.allowRoleChanges,
  };
  const region = given ? parsed.region : keep?.region;
  const endpoint = given ? parsed.endpoint : keep?.endpoint;
  const rate = parsed.requestsPerSecond ?? keep?.requestsPerSecond;
  if (region !== undefined) profile.region = region;
  if (endpoint !== undefined) profile.endpoint = endpoint;
  if (rate !== undefined) profile.requestsPerSecond = rate;
  return profile;
}
