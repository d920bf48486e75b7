// Which proxy a request takes: VS Code's http.proxy / http.noProxy, else HTTPS_PROXY / HTTP_PROXY /
// NO_PROXY. Values are read the way users write them (host:port means http://host:port) and checked before
// anything is sent: one that cannot be used becomes a reason to refuse, naming where it came from, with
// its password masked. Loopback targets never take a proxy: plain http is allowed only there, and a proxy
// would carry the UserSig in cleartext and could forge the answer.

import * as l10n from '@vscode/l10n';
import { isLoopbackHost } from './regions';

/** VS Code's http.proxy / http.noProxy / http.proxyStrictSSL. */
export interface ProxySettings {
  /** Proxy URL; when empty, HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment apply. */
  url?: string;
  /** Hosts reached directly (host, host:port, .domain or *.domain). */
  noProxy?: string[];
  /** False: accept any TLS certificate, the proxy's and the origins' (as VS Code's http.proxyStrictSSL). */
  strictSSL?: boolean;
}

/** A usable proxy: its URL without credentials, and the Proxy-Authorization value when it has some. */
export interface ProxyEndpoint {
  /** scheme://host:port, no user name or password: safe to show. */
  origin: string;
  /** "Basic …" from the URL's user name and password; never shown. */
  authorization?: string;
  /** Where the value came from: http.proxy or the variable's name. */
  source: string;
}

interface NoProxyRule {
  host: string;
  /** 0: any port. */
  port: number;
}

/** Where requests go: per target scheme a proxy or none, and the hosts that skip it. */
export interface ProxyPlan {
  /** For http targets; none: direct. */
  http?: ProxyEndpoint;
  https: ProxyEndpoint;
  noProxy: string[];
  /** "http.proxy" or "the environment". */
  via: string;
}

/** A proxy value that cannot be used; `message` names its source and shows the value with the password masked. */
export class ProxyRefusal {
  constructor(
    /** http.proxy or the variable's name. */
    readonly source: string,
    readonly message: string,
  ) {}
}

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
/** Shown values are capped: a setting can be long, and the message has to stay one readable line. */
const MAX_SHOWN_CHARS = 120;

/**
 * The value as it may be shown: the password (after the first ':' of the user info) replaced by ***,
 * control characters dropped, capped. Works on values no URL parser accepts, which are the ones shown.
 */
export function maskProxyValue(value: string): string {
  const flat = value.replace(/\p{Cc}/gu, ''); // U+0000–U+001F and U+007F–U+009F
  const scheme = SCHEME.exec(flat)?.[0] ?? '';
  const rest = flat.slice(scheme.length);
  // The user info ends at the last @ of the whole value, not of the authority: a password written with an
  // unescaped / ? or # must still be masked, and a proxy URL has no path that could hold an @.
  const at = rest.lastIndexOf('@');
  let masked = flat;
  if (at >= 0) {
    const userInfo = rest.slice(0, at);
    const colon = userInfo.indexOf(':');
    const shownUserInfo = colon < 0 ? userInfo : `${userInfo.slice(0, colon)}:***`;
    masked = `${scheme}${shownUserInfo}${rest.slice(at)}`;
  }
  return masked.length > MAX_SHOWN_CHARS ? `${masked.slice(0, MAX_SHOWN_CHARS)}…` : masked;
}

/** Reads one proxy value; `source` names it in the refusal (http.proxy, HTTPS_PROXY, …). */
export function parseProxy(value: string, source: string): ProxyEndpoint | ProxyRefusal {
  const raw = value.trim();
  // Each refusal is one whole sentence naming the setting (or variable) and its masked value.
  const shown = maskProxyValue(raw);
  const refuse = (message: string) => new ProxyRefusal(source, message);
  // host:port is how proxies are usually written down; it means an http proxy.
  const withScheme = SCHEME.test(raw) ? raw : `http://${raw}`;
  const scheme = SCHEME.exec(withScheme)?.[1]?.toLowerCase();
  if (scheme === 'socks' || scheme === 'socks4' || scheme === 'socks4a' || scheme === 'socks5' || scheme === 'socks5h') {
    return refuse(l10n.t('{0} "{1}" cannot be used: SOCKS proxies are not supported; use an http:// or https:// proxy', source, shown));
  }
  if (scheme !== 'http' && scheme !== 'https') return refuse(l10n.t('{0} "{1}" cannot be used: the scheme must be http or https, not {2}', source, shown, String(scheme)));
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return refuse(l10n.t('{0} "{1}" cannot be used: it is not a valid URL (expected http://host:port or host:port)', source, shown));
  }
  if (!url.hostname) return refuse(l10n.t('{0} "{1}" cannot be used: it names no host', source, shown));
  let user: string;
  let password: string;
  try {
    user = decodeURIComponent(url.username);
    password = decodeURIComponent(url.password);
  } catch {
    return refuse(l10n.t('{0} "{1}" cannot be used: the user name or password has a malformed %-escape (write a literal % as %25)', source, shown));
  }
  const endpoint: ProxyEndpoint = { origin: `${url.protocol}//${url.host}`, source };
  if (url.username || url.password) endpoint.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  return endpoint;
}

function firstSet(env: Readonly<Record<string, string | undefined>>, ...names: string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

/**
 * The proxies for the settings and environment: none (everything direct), a plan, or a refusal when a
 * value that would be used cannot be. http.proxy, when set, is the only proxy; the environment is not
 * read for one then.
 */
export function planProxies(settings: ProxySettings | undefined, env: Readonly<Record<string, string | undefined>>): ProxyPlan | ProxyRefusal | undefined {
  const configured = settings?.url?.trim();
  const noProxy = [...(settings?.noProxy ?? []), firstSet(env, 'no_proxy', 'NO_PROXY')?.value ?? '']
    .flatMap((s) => s.split(/[,\s]+/))
    .filter(Boolean);
  if (configured) {
    const proxy = parseProxy(configured, 'http.proxy');
    return proxy instanceof ProxyRefusal ? proxy : { http: proxy, https: proxy, noProxy, via: 'http.proxy' };
  }
  const httpValue = firstSet(env, 'http_proxy', 'HTTP_PROXY');
  const httpsValue = firstSet(env, 'https_proxy', 'HTTPS_PROXY') ?? httpValue;
  if (!httpsValue) return undefined;
  const https = parseProxy(httpsValue.value, httpsValue.name);
  if (https instanceof ProxyRefusal) return https;
  if (!httpValue) return { https, noProxy, via: 'the environment' };
  const http = httpValue === httpsValue ? https : parseProxy(httpValue.value, httpValue.name);
  if (http instanceof ProxyRefusal) return http;
  return { http, https, noProxy, via: 'the environment' };
}

function parseRule(entry: string): NoProxyRule {
  const lower = entry.toLowerCase().replace(/^\*?\./, '');
  // [v6]:port, bare v6 (no port), host:port, host.
  const bracketed = /^(\[[^\]]+\])(?::(\d+))?$/.exec(lower);
  if (bracketed) return { host: bracketed[1], port: Number(bracketed[2] ?? 0) };
  if ((lower.match(/:/g) ?? []).length > 1) return { host: `[${lower}]`, port: 0 };
  const withPort = /^(.+):(\d+)$/.exec(lower);
  return withPort ? { host: withPort[1], port: Number(withPort[2]) } : { host: lower, port: 0 };
}

/** Chooses the way of each request: a dispatcher through a proxy, or none to connect directly. */
export class ProxyRouter<T> {
  private readonly everythingDirect: boolean;
  private readonly rules: NoProxyRule[];
  private readonly http: T | undefined;
  private readonly https: T;
  /** One dispatcher per distinct proxy. */
  readonly dispatchers: readonly T[];

  constructor(plan: ProxyPlan, build: (proxy: ProxyEndpoint) => T) {
    this.everythingDirect = plan.noProxy.includes('*');
    this.rules = plan.noProxy.filter((e) => e !== '*').map(parseRule);
    this.https = build(plan.https);
    this.http = plan.http === plan.https ? this.https : plan.http && build(plan.http);
    this.dispatchers = this.http === undefined || this.http === this.https ? [this.https] : [this.https, this.http];
  }

  /** The proxy's dispatcher for a target URL, or undefined to connect directly. Loopback is always direct. */
  proxyFor(target: URL): T | undefined {
    // hostname keeps IPv6 brackets ([::1]); the URL parser has already canonicalised 127.1, 0x7f.0.0.1, …
    const host = target.hostname.toLowerCase();
    if (isLoopbackHost(host) || this.everythingDirect) return undefined;
    const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
    for (const rule of this.rules) {
      if (rule.port && rule.port !== port) continue;
      if (host === rule.host || host.endsWith(`.${rule.host}`)) return undefined;
    }
    return target.protocol === 'https:' ? this.https : this.http;
  }
}
