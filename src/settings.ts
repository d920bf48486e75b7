import * as vscode from 'vscode';
import { REGIONS, type RegionId } from './chat/http/regions';
import { checkAccount } from './chat/text/ids';

/** Where requests go and how fast; the shape the Chat client's options take. */
export interface ConnectionSettings {
  region: RegionId;
  endpoint?: string;
  requestsPerSecond: number;
  timeoutMs: number;
  proxy: { url?: string; noProxy?: string[]; strictSSL: boolean };
}

/**
 * The user's own (global) value of a setting, or its default. Workspace and folder values are ignored
 * on purpose: a repository's .vscode/settings.json must never decide where the UserSig is sent, nor how
 * fast the app's shared rate limit is spent (the manifest's application scope and
 * restrictedConfigurations say the same; this is the second lock).
 */
function userValue<T>(section: string, key: string, fallback: T): T {
  const inspected = vscode.workspace.getConfiguration(section).inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** An unknown region name (typed by hand into settings.json) falls back to the default. */
function knownRegion(value: string): RegionId {
  return Object.hasOwn(REGIONS, value) ? (value as RegionId) : 'singapore';
}

export function readConnectionSettings(): ConnectionSettings {
  const endpoint = userValue<string>('chatRoles', 'endpoint', '').trim();
  const proxyUrl = userValue<string>('http', 'proxy', '').trim();
  const noProxy = userValue<string[]>('http', 'noProxy', []);
  const settings: ConnectionSettings = {
    region: knownRegion(userValue<string>('chatRoles', 'region', 'singapore')),
    // User values only, like the region: a repository could otherwise spend the app's shared rate limit.
    requestsPerSecond: positive(userValue<unknown>('chatRoles', 'requestsPerSecond', 200), 200),
    // The manifest's 4..120 is only a hint to the settings editor; below 4 s the client refuses to start.
    timeoutMs: Math.min(120, Math.max(4, positive(userValue<unknown>('chatRoles', 'timeoutSeconds', 10), 10))) * 1000,
    proxy: {
      strictSSL: userValue<boolean>('http', 'proxyStrictSSL', true) !== false,
    },
  };
  if (endpoint) settings.endpoint = endpoint;
  if (proxyUrl) settings.proxy.url = proxyUrl;
  if (Array.isArray(noProxy) && noProxy.length) settings.proxy.noProxy = noProxy.filter((s) => typeof s === 'string');
  return settings;
}

/** At most this many accounts come from the setting: it may come from a repository's settings.json. */
export const MAX_DEFAULT_ACCOUNTS = 2000;

/**
 * Accounts the user (or the workspace) configured to check by default: only ones that could be sent, at most
 * MAX_DEFAULT_ACCOUNTS, so a repository cannot fill the prompt with megabytes that one Enter would send.
 */
export function defaultAccounts(): string[] {
  const v = vscode.workspace.getConfiguration('chatRoles').get<unknown>('accounts');
  if (!Array.isArray(v)) return [];
  const accounts: string[] = [];
  for (const a of v) {
    if (typeof a !== 'string' || checkAccount(a.trim()) !== undefined) continue;
    accounts.push(a.trim());
    if (accounts.length === MAX_DEFAULT_ACCOUNTS) break;
  }
  return accounts;
}

/** chatRoles.maxMembersListed: its floor, default and ceiling (a Community holds at most 100,000 members). */
export const MEMBERS_LISTED = { min: 100, default: 10_000, max: 100_000 } as const;

/**
 * How many members List All Members lists (and how many groups Show Groups of Account lists) at most.
 * A user value only, like the request settings: a repository must not make a listing spend the app's limit.
 */
export function maxMembersListed(): number {
  const value = userValue<unknown>('chatRoles', 'maxMembersListed', MEMBERS_LISTED.default);
  if (typeof value !== 'number' || !Number.isFinite(value)) return MEMBERS_LISTED.default;
  return Math.min(MEMBERS_LISTED.max, Math.max(MEMBERS_LISTED.min, Math.floor(value)));
}
