import * as assert from 'assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, connect as netConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatClient } from '../../src/chat/client';
import { maskProxyValue, parseProxy, planProxies, ProxyRefusal, ProxyRouter, type ProxySettings } from '../../src/chat/http/proxy';
import { connectTimeoutFor, Transport, TransportError } from '../../src/chat/http/transport';
import { TEST_ADMIN, TEST_DATA_FILE, TEST_GROUPS, TEST_SDK_APP_ID, TEST_SECRET_KEY } from '../standin/data/test-app';
import { startStandIn } from '../standin/server';

/** A loopback server that counts connections and can close them all. */
async function listen(server: Server, host = '127.0.0.1'): Promise<{ url: string; port: number; connections: () => number; openSockets: () => number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  let count = 0;
  server.on('connection', (s: Socket) => {
    count++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    /** Always http://; TLS tests swap the scheme. */
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    connections: () => count,
    openSockets: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function jsonHandler(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ ErrorCode: 0, echo: Buffer.concat(chunks).toString(), type: req.headers['content-type'], url: req.url }));
  });
}

/**
 * Host names under .test stand for remote Chat servers: the recording proxy resolves them to 127.0.0.1
 * (no DNS knows them), so a request that names one and arrives went through the proxy.
 */
const REMOTE = 'chat.example.test';
const resolveTestName = (host: string) => (host.endsWith('.test') ? '127.0.0.1' : host);

/** A tiny HTTP proxy: CONNECT tunnels and absolute-form forwarding, recording what it was asked. */
async function startProxy() {
  const seen: { method: string; target: string; auth?: string }[] = [];
  const server = createHttpServer((req, res) => {
    seen.push({ method: req.method ?? '', target: req.url ?? '', auth: req.headers['proxy-authorization'] });
    const target = new URL(req.url ?? '');
    const forward = httpRequest(
      { host: resolveTestName(target.hostname), port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers },
      (up: IncomingMessage) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    seen.push({ method: 'CONNECT', target: req.url ?? '', auth: req.headers['proxy-authorization'] });
    const [host, port] = (req.url ?? '').split(':');
    const upstream = netConnect(Number(port), resolveTestName(host), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const handle = await listen(server);
  return { ...handle, seen };
}

/** What the echo server answers: the API envelope's ErrorCode plus what it received. */
interface Echo {
  ErrorCode: number;
  echo: string;
  type: string;
  url: string;
}

async function json(t: Transport, url: string, body = '{"a":1}', timeoutMs = 5000): Promise<Echo> {
  const r = await t.post(url, body, timeoutMs);
  assert.strictEqual(r.status, 200);
  return JSON.parse(Buffer.from(r.body).toString()) as Echo;
}

async function rejectsWith(p: Promise<unknown>, check: (e: TransportError) => void): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof TransportError, `not a TransportError: ${String(e)}`);
    check(e);
    return true;
  });
}

describe('transport', function () {
  this.timeout(15_000);
  const transports: Transport[] = [];
  const make = (options: Partial<ConstructorParameters<typeof Transport>[0]> = {}) => {
    const t = new Transport({ connections: 4, timeoutMs: 5000, env: {}, ...options });
    transports.push(t);
    return t;
  };
  afterEach(async () => {
    await Promise.all(transports.splice(0).map((t) => t.destroy()));
  });

  it('POSTs JSON with content-type application/json and returns status and body', async () => {
    const server = await listen(createHttpServer(jsonHandler));
    try {
      const t = make();
      assert.strictEqual(t.route, 'direct');
      const answer = await json(t, `${server.url}/v4/x?usersig=abc&random=1`);
      assert.deepStrictEqual(answer, { ErrorCode: 0, echo: '{"a":1}', type: 'application/json', url: '/v4/x?usersig=abc&random=1' });
    } finally {
      await server.close();
    }
  });

  it('returns non-200 statuses with their body instead of throwing', async () => {
    const server = await listen(createHttpServer((_req, res) => {
      res.statusCode = 502;
      res.end('<html>bad gateway</html>');
    }));
    try {
      const r = await make().post(server.url, '{}', 2000);
      assert.strictEqual(r.status, 502);
      assert.strictEqual(Buffer.from(r.body).toString(), '<html>bad gateway</html>');
    } finally {
      await server.close();
    }
  });

  it('reuses keep-alive connections: 300 requests, 8 at a time, over at most 8 sockets', async () => {
    const server = await listen(createHttpServer(jsonHandler));
    try {
      const t = make({ connections: 8 });
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < 300) {
            next++;
            await json(t, server.url);
          }
        }),
      );
      assert.ok(server.connections() <= 8, `${server.connections()} connections`);
      assert.ok(server.connections() >= 1);
    } finally {
      await server.close();
    }
  });

  it('close() ends every connection (the server sees no open socket)', async () => {
    const server = await listen(createHttpServer(jsonHandler));
    try {
      const t = new Transport({ connections: 4, timeoutMs: 5000, env: {} });
      await Promise.all(Array.from({ length: 4 }, () => json(t, server.url)));
      assert.ok(server.openSockets() >= 1);
      await t.close();
      const until = Date.now() + 2000;
      while (server.openSockets() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      assert.strictEqual(server.openSockets(), 0);
    } finally {
      await server.close();
    }
  });

  it('connection refused is a connection-level NETWORK failure', async () => {
    const server = await listen(createHttpServer(jsonHandler));
    const dead = server.url;
    await server.close();
    await rejectsWith(make().post(dead, '{}', 2000), (e) => {
      assert.strictEqual(e.code, 'NETWORK');
      assert.strictEqual(e.connectionLevel, true);
      assert.strictEqual(e.retryable, true);
      assert.match(e.detail, /refused \(ECONNREFUSED\)/);
    });
  });

  it('an unresolvable host is a connection-level NETWORK failure', async () => {
    await rejectsWith(make().post('https://no-such-host.invalid', '{}', 4000), (e) => {
      assert.strictEqual(e.code, 'NETWORK');
      assert.strictEqual(e.connectionLevel, true);
      assert.match(e.detail, /ENOTFOUND|EAI_AGAIN/);
    });
  });

  it('a reset before any response byte is connection-level; a reset mid-body is not', async () => {
    const server = await listen(createHttpServer((req, res) => {
      if (req.url === '/before') {
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"ErrorCode":0,');
      setTimeout(() => req.socket.destroy(), 20);
    }));
    try {
      const t = make();
      await rejectsWith(t.post(`${server.url}/before`, '{}', 2000), (e) => {
        assert.strictEqual(e.code, 'NETWORK');
        assert.strictEqual(e.connectionLevel, true);
      });
      await rejectsWith(t.post(`${server.url}/mid`, '{}', 2000), (e) => {
        assert.strictEqual(e.code, 'NETWORK');
        assert.strictEqual(e.connectionLevel, false);
        assert.strictEqual(e.retryable, true);
      });
    } finally {
      await server.close();
    }
  });

  it('times out on a server that never answers, and on a body that trickles past the deadline', async () => {
    const server = await listen(createHttpServer((req, res) => {
      if (req.url === '/trickle') {
        res.writeHead(200, { 'content-type': 'application/json' });
        const timer = setInterval(() => res.write(' '), 50);
        res.on('close', () => clearInterval(timer));
      }
    }));
    try {
      const t = make();
      let started = performance.now();
      await rejectsWith(t.post(server.url, '{}', 300), (e) => {
        assert.strictEqual(e.code, 'TIMEOUT');
        assert.match(e.detail, /no response arrived in time/);
      });
      assert.ok(performance.now() - started < 1000);
      started = performance.now();
      await rejectsWith(t.post(`${server.url}/trickle`, '{}', 300), (e) => {
        assert.strictEqual(e.code, 'TIMEOUT');
        assert.match(e.detail, /body did not arrive in time/);
      });
      assert.ok(performance.now() - started < 1000);
    } finally {
      await server.close();
    }
  });

  it('the caller\'s signal cancels a request in flight at once', async () => {
    const server = await listen(createHttpServer(() => undefined));
    try {
      const t = make();
      const controller = new AbortController();
      const p = t.post(server.url, '{}', 5000, controller.signal);
      await new Promise((r) => setTimeout(r, 50));
      const started = performance.now();
      controller.abort();
      await rejectsWith(p, (e) => assert.strictEqual(e.code, 'CANCELLED'));
      assert.ok(performance.now() - started < 1000, 'cancelled at once, not after the 5 s timeout');
      await rejectsWith(t.post(server.url, '{}', 5000, AbortSignal.abort()), (e) => assert.strictEqual(e.code, 'CANCELLED'));
    } finally {
      await server.close();
    }
  });

  it('caps the body size: a larger answer is a BAD_RESPONSE that is not retried', async () => {
    const server = await listen(createHttpServer((_req, res) => res.end('x'.repeat(5000))));
    try {
      await rejectsWith(make({ maxResponseBytes: 1000 }).post(server.url, '{}', 2000), (e) => {
        assert.strictEqual(e.code, 'BAD_RESPONSE');
        assert.strictEqual(e.retryable, false);
      });
      const ok = await make({ maxResponseBytes: 10_000 }).post(server.url, '{}', 2000);
      assert.strictEqual(ok.body.byteLength, 5000);
    } finally {
      await server.close();
    }
  });

  it('connect timeout is half the request timeout, 3.5–5 s, never over the whole request', () => {
    assert.strictEqual(connectTimeoutFor(10_000), 5000);
    assert.strictEqual(connectTimeoutFor(4000), 3500, 'longer than the server\'s own 3 s');
    assert.strictEqual(connectTimeoutFor(60_000), 5000);
    assert.strictEqual(connectTimeoutFor(1000), 1000, 'never longer than the whole request');
  });

  describe('proxies', () => {
    it('http.proxy: a remote target goes through a CONNECT tunnel (undici tunnels even plain http)', async () => {
      const server = await listen(createHttpServer(jsonHandler));
      const proxy = await startProxy();
      try {
        const t = make({ proxy: { url: proxy.url } });
        assert.strictEqual(t.route, `through proxy ${proxy.url} from http.proxy, except loopback`);
        const answer = await json(t, `http://${REMOTE}:${server.port}/v4/x?usersig=s`);
        assert.strictEqual(answer.url, '/v4/x?usersig=s');
        assert.deepStrictEqual(proxy.seen.map((s) => [s.method, s.target]), [['CONNECT', `${REMOTE}:${server.port}`]]);
        // The tunnel is kept alive: more requests, no new CONNECT beyond the pool size.
        await Promise.all(Array.from({ length: 20 }, () => json(t, `http://${REMOTE}:${server.port}`)));
        assert.ok(proxy.seen.length <= 4, `${proxy.seen.length} CONNECTs`);
        // The proxy never saw the path or query: only host:port.
        assert.ok(proxy.seen.every((s) => !s.target.includes('usersig')));
      } finally {
        await proxy.close();
        await server.close();
      }
    });

    it('loopback origins (127.0.0.0/8, [::1], localhost) are reached directly whatever http.proxy, http.noProxy or the environment say', async () => {
      const servers = [await listen(createHttpServer(jsonHandler)), await listen(createHttpServer(jsonHandler), '127.5.6.7'), await listen(createHttpServer(jsonHandler), '::1')];
      const proxy = await startProxy();
      try {
        const [v4, v4Other, v6] = servers;
        const targets = [v4.url, `http://127.1:${v4.port}`, `http://localhost:${v4.port}`, `http://LocalHost:${v4.port}`, v4Other.url, v6.url, `http://[0:0:0:0:0:0:0:1]:${v6.port}`];
        const withoutScheme = proxy.url.replace('http://', '');
        const configs: { name: string; proxy?: ProxySettings; env?: Record<string, string> }[] = [
          { name: 'http.proxy', proxy: { url: proxy.url } },
          { name: 'http.proxy with credentials, no scheme', proxy: { url: `user:secret@${withoutScheme}` } },
          { name: 'http.proxy with an unrelated http.noProxy', proxy: { url: proxy.url, noProxy: ['example.com'] } },
          { name: 'HTTPS_PROXY and HTTP_PROXY', env: { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url } },
          { name: 'lower-case http_proxy and https_proxy', env: { https_proxy: proxy.url, http_proxy: proxy.url, NO_PROXY: 'example.com' } },
        ];
        for (const config of configs) {
          const t = make({ proxy: config.proxy, env: config.env ?? {} });
          for (const target of targets) {
            const answer = await json(t, `${target}/v4/x?usersig=s`);
            assert.strictEqual(answer.url, '/v4/x?usersig=s', `${config.name}: ${target}`);
          }
          assert.strictEqual(proxy.connections(), 0, `${config.name}: the proxy saw no connection`);
        }
        // The same proxies were live all along: a remote name does go through each.
        for (const config of configs) await json(make({ proxy: config.proxy, env: config.env ?? {} }), `http://${REMOTE}:${v4.port}`);
        assert.strictEqual(proxy.seen.filter((s) => s.method === 'CONNECT').length, configs.length);
      } finally {
        await proxy.close();
        await Promise.all(servers.map((s) => s.close()));
      }
    });

    it('routing: http.noProxy and NO_PROXY (host, .domain, *.domain, host:port, *), http.proxy before the environment, HTTPS_PROXY for https', () => {
      const route = (settings: ProxySettings | undefined, env: Record<string, string>, target: string) => {
        const plan = planProxies(settings, env);
        assert.ok(!(plan instanceof ProxyRefusal), plan instanceof ProxyRefusal ? plan.message : '');
        return plan ? (new ProxyRouter(plan, (p) => p.origin).proxyFor(new URL(target)) ?? 'direct') : 'direct';
      };
      const p = 'http://p.corp:3128';
      for (const noProxy of ['example.test', '.example.test', '*.example.test', `${REMOTE}:443`, '*', 'a.com, example.test']) {
        assert.strictEqual(route({ url: p, noProxy: [noProxy] }, {}, `https://${REMOTE}`), 'direct', noProxy);
        assert.strictEqual(route({ url: p }, { NO_PROXY: noProxy }, `https://${REMOTE}`), 'direct', `NO_PROXY=${noProxy}`);
      }
      for (const noProxy of ['other.test', `${REMOTE}:8443`, 'xample.test']) assert.strictEqual(route({ url: p, noProxy: [noProxy] }, {}, `https://${REMOTE}`), p, noProxy);
      assert.strictEqual(route({ url: p, noProxy: ['[::2]:443', '::3'] }, {}, 'https://[::2]'), 'direct');
      assert.strictEqual(route({ url: p, noProxy: ['::3'] }, {}, 'https://[::3]:8443'), 'direct');
      assert.strictEqual(route({ url: p }, { HTTPS_PROXY: 'http://env:1' }, `https://${REMOTE}`), p, 'http.proxy wins over the environment');
      const env = { HTTPS_PROXY: 'http://s:1', HTTP_PROXY: 'http://h:2' };
      assert.strictEqual(route(undefined, env, `https://${REMOTE}`), 'http://s:1');
      assert.strictEqual(route(undefined, env, `http://${REMOTE}`), 'http://h:2');
      assert.strictEqual(route(undefined, { HTTP_PROXY: 'http://h:2' }, `https://${REMOTE}`), 'http://h:2', 'HTTP_PROXY serves https without HTTPS_PROXY');
      assert.strictEqual(route(undefined, { HTTPS_PROXY: 'http://s:1' }, `http://${REMOTE}`), 'direct', 'HTTPS_PROXY is not for http');
      assert.strictEqual(route(undefined, {}, `https://${REMOTE}`), 'direct');
    });

    it('without http.proxy, HTTP_PROXY from the environment applies (route says so)', async () => {
      const server = await listen(createHttpServer(jsonHandler));
      const proxy = await startProxy();
      try {
        const viaEnv = make({ env: { HTTP_PROXY: proxy.url, NO_PROXY: 'a.example.com' } });
        assert.strictEqual(viaEnv.route, `through proxy ${proxy.url} from the environment, except loopback, a.example.com`);
        await json(viaEnv, `http://${REMOTE}:${server.port}`);
        assert.deepStrictEqual(proxy.seen.map((s) => s.target), [`${REMOTE}:${server.port}`]);
      } finally {
        await proxy.close();
        await server.close();
      }
    });

    it('host:port without a scheme is read as http://host:port', async () => {
      assert.deepStrictEqual(parseProxy('proxy.corp:8080', 'http.proxy'), { origin: 'http://proxy.corp:8080', source: 'http.proxy' });
      assert.deepStrictEqual(parseProxy(' [::1]:3128 ', 'HTTPS_PROXY'), { origin: 'http://[::1]:3128', source: 'HTTPS_PROXY' });
      const server = await listen(createHttpServer(jsonHandler));
      const proxy = await startProxy();
      try {
        const t = make({ proxy: { url: proxy.url.replace('http://', '') } });
        assert.strictEqual(t.route, `through proxy ${proxy.url} from http.proxy, except loopback`);
        await json(t, `http://${REMOTE}:${server.port}`);
        assert.strictEqual(proxy.seen.length, 1);
        await json(make({ env: { HTTPS_PROXY: proxy.url.replace('http://', '') } }), `https://${REMOTE}:${server.port}`).catch(() => undefined); // plain http server: the TLS handshake fails, the tunnel was made
        assert.strictEqual(proxy.seen.length, 2, 'HTTPS_PROXY without a scheme is used too');
      } finally {
        await proxy.close();
        await server.close();
      }
    });

    describe('a proxy value that cannot be used', () => {
      const UNUSABLE: { value: ProxySettings | undefined; env?: Record<string, string>; source: string; shown: string; why: RegExp; secret?: string }[] = [
        { value: { url: 'http://[bad' }, source: 'http.proxy', shown: 'http://[bad', why: /not a valid URL/ },
        { value: { url: 'http://u:%zz@h:1' }, source: 'http.proxy', shown: 'http://u:***@h:1', why: /malformed %-escape/, secret: '%zz' },
        { value: { url: 'socks5://u:s3cret-pw@h:1080' }, source: 'http.proxy', shown: 'socks5://u:***@h:1080', why: /SOCKS proxies are not supported/, secret: 's3cret-pw' },
        { value: { url: 'ftp://h:21' }, source: 'http.proxy', shown: 'ftp://h:21', why: /scheme must be http or https, not ftp/ },
        { value: { url: 'u:pa/ss#w@proxy.corp:80' }, source: 'http.proxy', shown: 'u:***@proxy.corp:80', why: /not a valid URL/, secret: 'pa/ss#w' },
        { value: { url: 'proxy.corp:99999' }, source: 'http.proxy', shown: 'proxy.corp:99999', why: /not a valid URL/ },
        { value: undefined, env: { HTTPS_PROXY: 'http://u:s3cret-pw@[bad' }, source: 'HTTPS_PROXY', shown: 'http://u:***@[bad', why: /not a valid URL/, secret: 's3cret-pw' },
        { value: undefined, env: { HTTPS_PROXY: 'http://127.0.0.1:1', http_proxy: 'http://u:%zz@h' }, source: 'http_proxy', shown: 'http://u:***@h', why: /malformed/, secret: '%zz' },
      ];

      for (const row of UNUSABLE) {
        it(`${row.source} = ${row.shown}: INVALID_PROXY at once, final, naming it (password masked), nothing sent`, async () => {
          const server = await listen(createHttpServer(jsonHandler));
          try {
            const t = make({ proxy: row.value, env: row.env ?? {} });
            assert.strictEqual(t.route, `nowhere until ${row.source} is fixed`);
            for (const target of [server.url, `https://${REMOTE}:${server.port}`]) {
              await rejectsWith(t.post(target, '{}', 2000), (e) => {
                assert.strictEqual(e.code, 'INVALID_PROXY');
                assert.strictEqual(e.retryable, false, 'not retried');
                assert.strictEqual(e.connectionLevel, false, 'no failover to another origin');
                assert.ok(e.detail.startsWith(`${row.source} "${row.shown}" cannot be used: `), e.detail);
                assert.match(e.detail, row.why);
                if (row.secret) assert.ok(!e.detail.includes(row.secret) && !e.message.includes(row.secret), e.detail);
              });
            }
            assert.strictEqual(server.connections(), 0, 'nothing was sent');
          } finally {
            await server.close();
          }
        });
      }

      it('a usable http.proxy wins over an unusable environment, which is then never read', () => {
        assert.strictEqual(make({ proxy: { url: 'http://p.corp:3128' }, env: { HTTPS_PROXY: 'http://[bad' } }).route, 'through proxy http://p.corp:3128 from http.proxy, except loopback');
      });

      it('the password is masked however the value is written', () => {
        assert.strictEqual(maskProxyValue('http://user:p@ss:word@h:1'), 'http://user:***@h:1');
        assert.strictEqual(maskProxyValue('user:pw@h'), 'user:***@h');
        assert.strictEqual(maskProxyValue('https://user@h:1'), 'https://user@h:1');
        assert.strictEqual(maskProxyValue('http://u:pw\u0007@h\n'), 'http://u:***@h');
        assert.ok(maskProxyValue(`http://h/${'x'.repeat(500)}`).length <= 121);
      });
    });

    it('through the client: one INVALID_PROXY per group, not retried, nothing sent; switching proxies never leaves a destroyed transport', async () => {
      const standIn = await startStandIn({ data: TEST_DATA_FILE });
      const logs: string[] = [];
      const credentials = { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, secretKey: TEST_SECRET_KEY };
      let client: ChatClient | undefined;
      try {
        client = new ChatClient({ region: 'singapore', endpoint: standIn.url, proxy: { url: 'http://u:s3cret-pw@[bad' }, log: (_level, message) => logs.push(message) });
        const [refused] = await client.getRoleInGroup(credentials, [TEST_GROUPS.work], ['alice', 'bob']);
        assert.deepStrictEqual(refused.roles, []);
        assert.strictEqual(refused.errors.length, 1);
        const [error] = refused.errors;
        assert.strictEqual(error.code, 'INVALID_PROXY');
        assert.deepStrictEqual(error.accounts, ['alice', 'bob']);
        assert.match(error.message, /http\.proxy "http:\/\/u:\*\*\*@\[bad" cannot be used/);
        assert.doesNotMatch(error.message, /attempts/);
        assert.strictEqual(client.stats.requests, 1, 'one attempt');
        assert.strictEqual(standIn.requests.length, 0, 'the stand-in saw nothing');

        // Fixed, broken again, fixed: each switch takes effect with the next request.
        client.updateOptions({ proxy: { url: 'http://p.corp:3128' } }); // loopback endpoint: direct anyway
        const [fixed] = await client.getRoleInGroup(credentials, [TEST_GROUPS.work], ['alice']);
        assert.deepStrictEqual(fixed.roles, [{ account: 'alice', role: 'Owner' }]);
        client.updateOptions({ proxy: { url: 'proxy.corp:bad' } });
        const [broken] = await client.getRoleInGroup(credentials, [TEST_GROUPS.work], ['alice']);
        assert.strictEqual(broken.errors[0]?.code, 'INVALID_PROXY', JSON.stringify(broken));
        client.updateOptions({ proxy: {} });
        const [again] = await client.getRoleInGroup(credentials, [TEST_GROUPS.work], ['alice']);
        assert.deepStrictEqual(again.roles, [{ account: 'alice', role: 'Owner' }]);
        assert.strictEqual(standIn.requests.length, 2);
        assert.ok(logs.every((line) => !line.includes('s3cret-pw')), 'no log line holds the proxy password');
      } finally {
        await client?.close();
        await standIn.close();
      }
    });

    it('sends proxy credentials but never shows them', async () => {
      const server = await listen(createHttpServer(jsonHandler));
      const proxy = await startProxy();
      try {
        const t = make({ proxy: { url: proxy.url.replace('http://', 'http://user:p%40ss@') } });
        assert.ok(!t.route.includes('p%40ss') && !t.route.includes('user'), t.route);
        await json(t, `http://${REMOTE}:${server.port}`);
        assert.strictEqual(proxy.seen[0].auth, `Basic ${Buffer.from('user:p@ss').toString('base64')}`);
      } finally {
        await proxy.close();
        await server.close();
      }
    });

    it('a proxy that refuses connections is a connection-level NETWORK failure', async () => {
      await rejectsWith(make({ proxy: { url: 'http://127.0.0.1:1' } }).post(`https://${REMOTE}`, '{}', 2000), (e) => {
        assert.strictEqual(e.code, 'NETWORK');
        assert.strictEqual(e.connectionLevel, true);
      });
    });

    it('a proxy that wants authentication (407) is final: not retryable, no failover to another origin', async () => {
      const proxy = createHttpServer();
      proxy.on('connect', (_req: IncomingMessage, client: Socket) => {
        client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\nContent-Length: 0\r\n\r\n');
      });
      const handle = await listen(proxy);
      try {
        await rejectsWith(make({ proxy: { url: handle.url } }).post(`https://${REMOTE}`, '{}', 3000), (e) => {
          assert.strictEqual(e.code, 'NETWORK');
          assert.match(e.detail, /proxy requires authentication \(407\)/);
          assert.strictEqual(e.retryable, false);
          assert.strictEqual(e.connectionLevel, false);
        });
      } finally {
        await handle.close();
      }
    });

    describe('TLS (self-signed certificate)', () => {
      let dir = '';
      let cert: { key: Buffer; cert: Buffer } | undefined;
      before(function () {
        dir = mkdtempSync(join(tmpdir(), 'chat-roles-tls-'));
        try {
          execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', `subjectAltName=IP:127.0.0.1,DNS:${REMOTE}`, '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')], { stdio: 'ignore' });
        } catch {
          // Without openssl there is no certificate to test with.
          this.skip();
        }
        cert = { key: readFileSync(join(dir, 'k.pem')), cert: readFileSync(join(dir, 'c.pem')) };
      });
      after(() => rmSync(dir, { recursive: true, force: true }));

      it('strict by default: an untrusted certificate fails, not retryable, not connection-level', async () => {
        const server = await listen(createHttpsServer(cert!, jsonHandler));
        try {
          await rejectsWith(make().post(server.url.replace('http:', 'https:'), '{}', 3000), (e) => {
            assert.strictEqual(e.code, 'NETWORK');
            assert.strictEqual(e.retryable, false);
            assert.strictEqual(e.connectionLevel, false);
            assert.match(e.detail, /certificate is not trusted/);
          });
        } finally {
          await server.close();
        }
      });

      it('strictSSL false accepts it through a proxy tunnel only; a direct connection (loopback too) still verifies', async () => {
        const server = await listen(createHttpsServer(cert!, jsonHandler));
        const proxy = await startProxy();
        try {
          const remote = `https://${REMOTE}:${server.port}`;
          const direct = make({ proxy: { strictSSL: false } });
          assert.strictEqual(direct.route, 'direct');
          await rejectsWith(direct.post(server.url.replace('http:', 'https:'), '{}', 3000), (e) => assert.match(e.detail, /not trusted/));
          const proxied = make({ proxy: { url: proxy.url, strictSSL: false } });
          assert.match(proxied.route, /TLS certificates not verified through the proxy/);
          await rejectsWith(proxied.post(server.url.replace('http:', 'https:'), '{}', 3000), (e) => assert.match(e.detail, /not trusted/));
          assert.strictEqual((await json(proxied, remote)).ErrorCode, 0);
          assert.deepStrictEqual(proxy.seen.map((s) => s.method), ['CONNECT']);
          const strictProxied = make({ proxy: { url: proxy.url } });
          await rejectsWith(strictProxied.post(remote, '{}', 3000), (e) => assert.match(e.detail, /not trusted/));
        } finally {
          await proxy.close();
          await server.close();
        }
      });
    });
  });
});
