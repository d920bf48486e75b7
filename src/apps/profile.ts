// An app profile: what is kept of a Chat app outside SecretStorage (in globalState, user-level only), its
// label rules, and reading it back. Stored state is hostile: every field is checked, a bad profile dropped.
import * as vscode from 'vscode';
import { REGIONS, validateEndpoint, type RegionId } from '../chat/http/regions';
import { checkIdentifier, checkSdkAppId } from '../credentials/validate';
import { isAppLabel, LEGACY_APP, MAX_APP_LABEL_LENGTH } from '../results/record';

/** The app 0.1.0's single credential set becomes; it has no region or endpoint of its own. */
export const DEFAULT_APP = LEGACY_APP;

export interface AppProfile {
  label: string;
  /** Digits only, as in every listing and result. */
  sdkAppId: string;
  identifier: string;
  /** Its own region; absent (with no endpoint) means the app follows chatRoles.region / chatRoles.endpoint. */
  region?: RegionId;
  /** Its own custom origin; wins over `region`. */
  endpoint?: string;
  /** Its own pace; absent means chatRoles.requestsPerSecond. */
  requestsPerSecond?: number;
  /** Whether role changes (issue 15) may be made in this app; off unless the user turns it on. */
  allowRoleChanges: boolean;
}

/** Why a label cannot be used, or undefined (the rule: isAppLabel). */
export function checkLabel(input: string): string | undefined {
  if (!input) return vscode.l10n.t('Enter a label for the app, for example dev or prod-sg.');
  if (input !== input.trim()) return vscode.l10n.t('The label must not start or end with spaces.');
  if ([...input].length > MAX_APP_LABEL_LENGTH) return vscode.l10n.t('The label has at most {0} characters.', MAX_APP_LABEL_LENGTH);
  if (!isAppLabel(input)) return vscode.l10n.t('The label may hold letters, digits, spaces, ".", "_" and "-", and starts with a letter or digit.');
  return undefined;
}

export function isRegion(v: unknown): v is RegionId {
  return typeof v === 'string' && Object.hasOwn(REGIONS, v);
}

/** Why an endpoint cannot be an app's own, or undefined. */
export function checkEndpoint(input: string): string | undefined {
  try {
    validateEndpoint(input);
    return undefined;
  } catch (err) {
    return vscode.l10n.t('The endpoint cannot be used: {0}.', err instanceof Error ? err.message : String(err));
  }
}

/** Why a pace cannot be used, or undefined. */
export function checkRequestsPerSecond(v: unknown): string | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= 100_000 ? undefined : vscode.l10n.t('requestsPerSecond must be a number above 0.');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A stored profile, checked field by field; undefined when anything is malformed. */
export function readProfile(v: unknown): AppProfile | undefined {
  if (!isObject(v)) return undefined;
  const { label, sdkAppId, identifier, region, endpoint, requestsPerSecond, allowRoleChanges } = v;
  if (typeof label !== 'string' || checkLabel(label)) return undefined;
  if (typeof sdkAppId !== 'string' || checkSdkAppId(sdkAppId) || sdkAppId !== sdkAppId.trim()) return undefined;
  if (typeof identifier !== 'string' || checkIdentifier(identifier)) return undefined;
  if (region !== undefined && !isRegion(region)) return undefined;
  if (endpoint !== undefined && (typeof endpoint !== 'string' || checkEndpoint(endpoint))) return undefined;
  if (requestsPerSecond !== undefined && checkRequestsPerSecond(requestsPerSecond)) return undefined;
  if (allowRoleChanges !== undefined && typeof allowRoleChanges !== 'boolean') return undefined;
  const profile: AppProfile = { label, sdkAppId, identifier, allowRoleChanges: allowRoleChanges === true };
  if (region !== undefined) profile.region = region;
  if (typeof endpoint === 'string') profile.endpoint = endpoint;
  if (typeof requestsPerSecond === 'number') profile.requestsPerSecond = requestsPerSecond;
  return profile;
}
