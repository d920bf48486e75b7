// HTTP for the Chat client: one undici dispatcher with keep-alive connections, direct or through a proxy.
// The only file that imports undici. Requests go through this bundled undici, never the global fetch or
// node:http: VS Code patches those and, at trace level, logs full URLs (with the UserSig in the query).

import * as l10n from '@vscode/l10n';
import { Agent, type Dispatcher, ProxyAgent, request } from 'undici';
import { planProxies, ProxyRefusal, ProxyRouter, type ProxyEndpoint, type ProxySettings } from './proxy';

export type { ProxySettings } from './proxy';

export interface TransportOptions {
  /** Keep-alive connections per origin; size it to the client's in-flight cap. */
  connections: number;
  /** The per-request timeout; the connect timeout is derived from it. */
  timeoutMs: number;
  proxy?: ProxySettings;
  /** Bodies larger than this fail (the API answers at most 1 MB). Default 8 MB. */
  maxResponseBytes?: number;
  /** Where proxy variables are read from; default process.env (tests pass their own). */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface HttpResponse {
  status: number;
  body: Uint8Array;
}

/** INVALID_PROXY: the proxy setting or variable cannot be used; nothing was sent. */
export type TransportFailure = 'NETWORK' | 'TIMEOUT' | 'CANCELLED' | 'BAD_RESPONSE' | 'INVALID_PROXY';

/** A request that produced no usable HTTP response. `detail` never holds a URL or a secret. */
export class TransportError extends Error {
  constructor(
    readonly code: TransportFailure,
    readonly detail: string,
    /** No response byte arrived and the failure is about reaching the host: another origin may work. */
    readonly connectionLevel: boolean,
    /** Whether trying again could help (false for an untrusted certificate or an oversized body). */
    readonly retryable: boolean,
    /** The request provably never left: no connection was made. A write may be sent again only then. */
    readonly unsent = false,
  ) {
    super(detail);
    this.name = 'TransportError';
  }
}

export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
/** Idle keep-alive connections live this long (the server may close them sooner; undici then reconnects). */
const KEEP_ALIVE_MS = 30_000;

/**
 * Connect within half the request timeout, at most 5 s, so a dead main domain leaves time for the backup;
 * never under 3.5 s, longer than the server's own 3 s as the API page asks of every client timeout.
 */
export function connectTimeoutFor(timeoutMs: number): number {
  return Math.min(timeoutMs, Math.max(3500, Math.min(5000, Math.floor(timeoutMs / 2))));
}

/** Errors about reaching a host at all (before anything was answered): worth trying another origin. Each says what happened, with the code. */
const CONNECTION_CODES: Readonly<Record<string, (code: string) => string>> = {
  ECONNREFUSED: (code) => l10n.t('the connection was refused ({0})', code),
  ENOTFOUND: (code) => l10n.t('the host name could not be resolved ({0})', code),
  EAI_AGAIN: (code) => l10n.t('the host name could not be resolved (temporary DNS failure) ({0})', code),
  EHOSTUNREACH: (code) => l10n.t('the host is unreachable ({0})', code),
  ENETUNREACH: (code) => l10n.t('the network is unreachable ({0})', code),
  ECONNRESET: (code) => l10n.t('the connection was reset ({0})', code),
  EPIPE: (code) => l10n.t('the connection was closed while sending ({0})', code),
  ETIMEDOUT: (code) => l10n.t('the connection timed out ({0})', code),
  UND_ERR_CONNECT_TIMEOUT: (code) => l10n.t('connecting timed out ({0})', code),
  UND_ERR_SOCKET: (code) => l10n.t('the server closed the connection ({0})', code),
  UND_ERR_CLOSED: (code) => l10n.t('the connection was closed ({0})', code),
};

/** Of CONNECTION_CODES, those that fail before a connection exists: nothing of the request was sent. */
const CONNECT_PHASE_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

const CERTIFICATE_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
]);

/** Reason objects the transport aborts its own requests with. */
const TIMED_OUT = Symbol('timed out');
const CANCELLED = Symbol('cancelled');
const TOO_LARGE = Symbol('too large');

function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_ABORTED' && code !== 'UND_ERR_REQ_ABORTED') return code;
  }
  return undefined;
}

function shortMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  // undici messages name hosts and ports, never paths; still, keep only the first line and cap it.
  const line = message.split('\n', 1)[0];
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}

/** Turns what undici threw into a TransportError; `answered` = the response headers had arrived. */
function classify(err: unknown, reason: unknown, answered: boolean, maxBytes: number): TransportError {
  if (reason === TIMED_OUT) return new TransportError('TIMEOUT', answered ? l10n.t('the response body did not arrive in time') : l10n.t('no response arrived in time'), false, true);
  if (reason === CANCELLED) return new TransportError('CANCELLED', l10n.t('the request was cancelled'), false, false);
  const code = errorCode(err);
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') {
    return tooLarge(maxBytes);
  }
  if (code && CERTIFICATE_CODES.has(code)) {
    return new TransportError('NETWORK', l10n.t('the server\'s TLS certificate is not trusted ({0}); if a proxy re-signs traffic, see http.proxyStrictSSL', code), false, false);
  }
  if (code && Object.hasOwn(CONNECTION_CODES, code)) {
    return answered
      ? new TransportError('NETWORK', l10n.t('the connection broke while the response arrived ({0})', code), false, true)
      : new TransportError('NETWORK', CONNECTION_CODES[code](code), true, true, CONNECT_PHASE_CODES.has(code));
  }
  if (code === 'UND_ERR_INVALID_ARG') return new TransportError('NETWORK', l10n.t('the request could not be made: {0}', shortMessage(err)), false, false);
  const proxyStatus = /Proxy response \((\d{3})\)/.exec(shortMessage(err));
  if (proxyStatus && Number(proxyStatus[1]) < 500) {
    // The proxy itself said no (407: it wants credentials in http.proxy): the same answer on every origin.
    const what = proxyStatus[1] === '407' ? l10n.t('the proxy requires authentication (407): put user:password in http.proxy') : l10n.t('the proxy refused the tunnel ({0})', proxyStatus[1]);
    return new TransportError('NETWORK', what, false, false);
  }
  // Anything else before an answer (a proxy failing, a TLS handshake failure) is still about getting
  // through to the host.
  return new TransportError('NETWORK', `${shortMessage(err)}${code ? ` (${code})` : ''}`, !answered, true);
}

function tooLarge(maxBytes: number): TransportError {
  const size = maxBytes >= 1048576 ? `${Math.round(maxBytes / 1048576)} MB` : `${Math.round(maxBytes / 1024)} KB`;
  return new TransportError('BAD_RESPONSE', l10n.t('the response was larger than {0}', size), false, false);
}

const HEADERS = { 'content-type': 'application/json' } as const;

/** Keep-alive pool options of every dispatcher; a direct connection always verifies certificates. */
function poolOptions(options: Pick<TransportOptions, 'connections' | 'timeoutMs' | 'maxResponseBytes'>) {
  return {
    connections: options.connections,
    keepAliveTimeout: KEEP_ALIVE_MS,
    maxResponseSize: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    connect: { rejectUnauthorized: true, timeout: connectTimeoutFor(options.timeoutMs) },
  };
}

/** The dispatcher of direct requests, as a transport builds it (the benchmarks use it bare). */
export function createDirectAgent(options: Pick<TransportOptions, 'connections' | 'timeoutMs' | 'maxResponseBytes'>): Agent {
  return new Agent(poolOptions(options));
}


/**
 * Sends requests directly or through the configured proxy; close() ends every connection. The constructor
 * never throws: a proxy value that cannot be used makes every request fail at once with INVALID_PROXY,
 * before anything is sent, so that a client rebuilt for new settings always has a transport to switch to.
 */
export class Transport {
  private readonly direct: Agent;
  private readonly router: ProxyRouter<ProxyAgent> | undefined;
  /** Why every request is refused (names the setting or variable, password masked), or undefined. */
  private readonly refusal: string | undefined;
  private readonly maxBytes: number;
  /** Where requests go, in words (direct, or which proxy); no credentials. */
  readonly route: string;
  /** The same for people, in the display language (failure details name it); undefined when direct. */
  readonly shownRoute: string | undefined;

  constructor(options: TransportOptions) {
    this.maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.direct = createDirectAgent(options);
    const plan = planProxies(options.proxy, options.env ?? process.env);
    if (plan instanceof ProxyRefusal) {
      this.refusal = plan.message;
      this.route = `nowhere until ${plan.source} is fixed`;
      this.shownRoute = l10n.t('nowhere until {0} is fixed', plan.source);
      return;
    }
    if (!plan) {
      this.route = 'direct';
      this.shownRoute = undefined;
      return;
    }
    // http.proxyStrictSSL is about proxies that re-sign traffic: it relaxes certificate checks only on
    // proxied routes. A direct connection always verifies, so the UserSig never goes out over unverified TLS
    // just because a proxy setting says so.
    const strict = options.proxy?.strictSSL !== false;
    const proxiedTls = { rejectUnauthorized: strict, timeout: connectTimeoutFor(options.timeoutMs) };
    const viaProxy = (proxy: ProxyEndpoint) =>
      new ProxyAgent({ ...poolOptions(options), uri: proxy.origin, token: proxy.authorization, proxyTls: proxiedTls, requestTls: proxiedTls });
    this.router = new ProxyRouter(plan, viaProxy);
    const { http, https } = plan;
    const proxies = !http || http === https ? https.origin : `${https.origin} (https), ${http.origin} (http)`;
    const except = ['loopback', ...plan.noProxy].join(', ');
    this.route = `through proxy ${proxies} from ${plan.via}, except ${except}${strict ? '' : ', TLS certificates not verified through the proxy'}`;
    const fromSetting = plan.via === 'http.proxy';
    const shownExcept = [l10n.t('loopback'), ...plan.noProxy].join(', ');
    if (strict) {
      this.shownRoute = fromSetting
        ? l10n.t('through proxy {0} from http.proxy, except {1}', proxies, shownExcept)
        : l10n.t('through proxy {0} from the environment, except {1}', proxies, shownExcept);
    } else {
      this.shownRoute = fromSetting
        ? l10n.t('through proxy {0} from http.proxy, except {1}, TLS certificates not verified through the proxy', proxies, shownExcept)
        : l10n.t('through proxy {0} from the environment, except {1}, TLS certificates not verified through the proxy', proxies, shownExcept);
    }
  }

  /** The dispatcher for a URL; an unparsable URL goes to the direct one, where request() refuses it. */
  private dispatcherFor(url: string): Dispatcher {
    if (!this.router || !URL.canParse(url)) return this.direct;
    return this.router.proxyFor(new URL(url)) ?? this.direct;
  }

  /**
   * POSTs a JSON body and reads the whole response within `timeoutMs` (connect, headers and body).
   * Resolves with any HTTP status; rejects only with TransportError. `maxBytes` lowers the transport's body
   * cap for this request: reading stops at the first byte over it and the connection is dropped.
   */
  async post(url: string, body: string, timeoutMs: number, signal?: AbortSignal, maxBytes = this.maxBytes): Promise<HttpResponse> {
    if (this.refusal) throw new TransportError('INVALID_PROXY', this.refusal, false, false, true);
    if (signal?.aborted) throw new TransportError('CANCELLED', l10n.t('the request was cancelled'), false, false, true);
    const dispatcher = this.dispatcherFor(url);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(TIMED_OUT), timeoutMs);
    const onAbort = () => controller.abort(CANCELLED);
    signal?.addEventListener('abort', onAbort, { once: true });
    let answered = false;
    try {
      const response = await request(url, { method: 'POST', headers: HEADERS, body, dispatcher, signal: controller.signal });
      answered = true;
      const chunks: Buffer[] = [];
      let length = 0;
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        length += chunk.byteLength;
        if (length > maxBytes) {
          // Aborting the request destroys its connection: nothing more of this body is read.
          controller.abort(TOO_LARGE);
          throw tooLarge(maxBytes);
        }
        chunks.push(chunk);
      }
      return { status: response.statusCode, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length) };
    } catch (err) {
      if (err instanceof TransportError) throw err;
      throw classify(err, controller.signal.reason, answered, this.maxBytes);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private all(): Dispatcher[] {
    return [this.direct, ...(this.router?.dispatchers ?? [])];
  }

  /** Lets requests in flight finish, then closes every connection. */
  async close(): Promise<void> {
    await Promise.all(this.all().map((d) => d.close()));
  }

  /** Closes every connection at once; requests in flight fail. */
  async destroy(): Promise<void> {
    await Promise.all(this.all().map((d) => d.destroy()));
  }
}
