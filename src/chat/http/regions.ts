// Where requests go: each data-center region's main and backup domain, or a custom endpoint, which must be
// https (plain http only on loopback). Ids match package.json's chatRoles.region enum.

import * as l10n from '@vscode/l10n';
import { ChatError } from '../errors';

export type RegionId = 'china' | 'singapore' | 'seoul' | 'frankfurt' | 'siliconValley' | 'jakarta' | 'tokyo' | 'mumbai';

export const REGIONS: Readonly<Record<RegionId, { label: string; main: string; backup: string }>> = Object.freeze({
  china: { label: 'China', main: 'console.tim.qq.com', backup: 'adminapi.my-imcloud.com' },
  singapore: { label: 'Singapore', main: 'adminapisgp.im.qcloud.com', backup: 'adminapisgp.my-imcloud.com' },
  seoul: { label: 'Seoul', main: 'adminapikr.im.qcloud.com', backup: 'adminapikr.my-imcloud.com' },
  frankfurt: { label: 'Frankfurt', main: 'adminapiger.im.qcloud.com', backup: 'adminapiger.my-imcloud.com' },
  siliconValley: { label: 'Silicon Valley', main: 'adminapiusa.im.qcloud.com', backup: 'adminapiusa.my-imcloud.com' },
  jakarta: { label: 'Jakarta', main: 'adminapiidn.im.qcloud.com', backup: 'adminapiidn.my-imcloud.com' },
  tokyo: { label: 'Tokyo', main: 'adminapijpn.im.qcloud.com', backup: 'adminapijpn.my-imcloud.com' },
  // Dropped from newer Tencent pages but still listed by older ones; kept so existing apps keep working.
  mumbai: { label: 'Mumbai', main: 'adminapiind.im.qcloud.com', backup: 'adminapiind.my-imcloud.com' },
});

/**
 * The region's name in the display language ("China", "中国"), for prompts and the status bar. REGIONS[id].label
 * stays the English name (it is data, read before any translation is configured).
 */
export function regionLabel(region: RegionId): string {
  switch (region) {
    case 'china': return l10n.t('China');
    case 'singapore': return l10n.t('Singapore');
    case 'seoul': return l10n.t('Seoul');
    case 'frankfurt': return l10n.t('Frankfurt');
    case 'siliconValley': return l10n.t('Silicon Valley');
    case 'jakarta': return l10n.t('Jakarta');
    case 'tokyo': return l10n.t('Tokyo');
    case 'mumbai': return l10n.t('Mumbai');
  }
}

const IPV4_LOOPBACK = /^127\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/**
 * True for hosts that cannot leave this machine: 127.0.0.0/8 (dotted quad), ::1 (bare or bracketed, any
 * spelling) and exactly "localhost" (any case). Subdomains of localhost are not trusted: their resolution
 * depends on the system resolver.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || IPV4_LOOPBACK.test(host)) return true;
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (!bare.includes(':') || !/^[0-9a-f:]+$/.test(bare)) return false;
  try {
    // The URL parser canonicalises IPv6 spellings (0:0:0:0:0:0:0:1, ::0001, …) to [::1].
    return new URL(`http://[${bare}]/`).hostname === '[::1]';
  } catch {
    return false;
  }
}

function refuse(reason: string): never {
  throw new ChatError('INVALID_ENDPOINT', reason);
}

/**
 * Checks a custom endpoint and returns its normalised origin (scheme://host[:port], lower-case host, default
 * port dropped). Refuses anything but https, except http on a loopback host, and anything with credentials,
 * a path, a query or a fragment: the endpoint names a server, the client builds the rest of the URL.
 */
export function validateEndpoint(endpoint: string): string {
  const raw = endpoint.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw)?.[1]?.toLowerCase();
  if (!scheme) refuse(l10n.t('the endpoint must be an origin such as https://im.example.com'));
  if (scheme !== 'https' && scheme !== 'http') refuse(l10n.t('the scheme must be https, not {0}', scheme));
  if (raw.includes('?')) refuse(l10n.t('the endpoint must not have a query (?…)'));
  if (raw.includes('#')) refuse(l10n.t('the endpoint must not have a fragment (#…)'));
  const authority = raw.slice(scheme.length + 3).split(/[/\\]/, 1)[0];
  if (authority.includes('@')) refuse(l10n.t('the endpoint must not contain a user name or password'));
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse(l10n.t('the endpoint is not a valid URL'));
  }
  if (!url.hostname) refuse(l10n.t('the endpoint has no host'));
  if (url.pathname !== '/') refuse(l10n.t('the endpoint must not have a path; give the origin only (scheme://host[:port])'));
  if (scheme === 'http' && !isLoopbackHost(url.hostname)) {
    refuse(l10n.t('plain http is allowed only for loopback hosts (127.0.0.0/8, ::1, localhost), not {0}; use https', url.hostname));
  }
  return url.origin;
}

/** The origins to try in order: a custom endpoint alone, else the region's main then backup domain. */
export function resolveOrigins(options: { region: RegionId; endpoint?: string }): string[] {
  const endpoint = options.endpoint?.trim();
  if (endpoint) return [validateEndpoint(endpoint)];
  if (typeof options.region !== 'string' || !Object.hasOwn(REGIONS, options.region)) {
    refuse(l10n.t('unknown region "{0}"; pick one of {1}', String(options.region), Object.keys(REGIONS).join(', ')));
  }
  const { main, backup } = REGIONS[options.region];
  return [`https://${main}`, `https://${backup}`];
}

/**
 * Answers that mean "this SDKAppID is not known here", which is what a data center says of an app created in
 * another one: 70020 SDKAppID not found, 70016 no public key for it, 60006 SDKAppID invalid.
 */
const APP_NOT_IN_REGION_CODES: ReadonlySet<number> = new Set([70020, 70016, 60006]);

export function suggestsOtherRegion(code: number | string): boolean {
  return typeof code === 'number' && APP_NOT_IN_REGION_CODES.has(code);
}
