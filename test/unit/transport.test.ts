import * as assert from 'assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, connect as netConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectTimeoutFor, describeProxy, Transport, TransportError } from '../../src/chat/http/transport';

/** A loopback server that counts connections and can close them all. */
async function listen(server: Server): Promise<{ url: string; port: number; connections: () => number; openSockets: () => number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  let count = 0;
  server.on('connection', (s: Socket) => {
    count++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    /** Always http://; TLS tests swap the scheme. */
    url: `http://127.0.0.1:${port}`,
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

/** A tiny HTTP proxy: CONNECT tunnels and absolute-form forwarding, recording what it was asked. */
async function startProxy() {
  const seen: { method: string; target: string; auth?: string }[] = [];
  const server = createHttpServer((req, res) => {
    seen.push({ method: req.method ?? '', target: req.url ?? '', auth: req.headers['proxy-authorization'] });
    const target = new URL(req.url ?? '');
    const forward = httpRequest(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers },
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
    const upstream = netConnect(Number(port), host, () => {
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
    it('http.proxy: an http target goes through a CONNECT tunnel (undici tunnels even plain http)', async () => {
      const server = await listen(createHttpServer(jsonHandler));
      const proxy = await startProxy();
      try {
        const t = make({ proxy: { url: proxy.url } });
        assert.strictEqual(t.route, `through proxy ${proxy.url} from http.proxy`);
        const answer = await json(t, `${server.url}/v4/x?usersig=s`);
        assert.strictEqual(answer.url, '/v4/x?usersig=s');
        assert.deepStrictEqual(proxy.seen.map((s) => [s.method, s.target]), [['CONNECT', `127.0.0.1:${server.port}`]]);
        // The tunnel is kept alive: more requests, no new CONNECT beyond the pool size.
        await Promise.all(Array.from({ length: 20 }, () => json(t, server.url)));
        assert.ok(proxy.seen.length <= 4, `${proxy.seen.length} CONNECTs`);
        // The proxy never saw the path or query: only host:port.
        assert.ok(proxy.seen.every((s) => !s.target.includes('usersig')));
      } finally {
        await proxy.close();
        await server.close();
      }
    });

    it('http.noProxy sends matching hosts directly', async () => {
      const server = await listen(createHttpServer(jsonHandler));
      const proxy = await startProxy();
      try {
        const t = make({ proxy: { url: proxy.url, noProxy: ['127.0.0.1'] } });
        await json(t, server.url);
        assert.deepStrictEqual(proxy.seen, []);
        assert.match(t.route, /except 127\.0\.0\.1$/);
      } finally {
        await proxy.close();
        await server.close();
      }
    });

    it('without http.proxy, HTTP_PROXY / HTTPS_PROXY / NO_PROXY from the environment apply', async () => {
      const server = await listen(createHttpServer(jsonHandler));
      const proxy = await startProxy();
      try {
        const viaEnv = make({ env: { HTTP_PROXY: proxy.url } });
        assert.strictEqual(viaEnv.route, `through proxy ${proxy.url} from the environment`);
        await json(viaEnv, server.url);
        assert.strictEqual(proxy.seen.length, 1);
        const excepted = make({ env: { HTTP_PROXY: proxy.url, NO_PROXY: `localhost,127.0.0.1:${server.port}` } });
        await json(excepted, server.url);
        assert.strictEqual(proxy.seen.length, 1);
        // A configured proxy wins over the environment; a dead environment proxy would fail the request.
        const configured = make({ proxy: { url: proxy.url }, env: { HTTP_PROXY: 'http://127.0.0.1:1' } });
        await json(configured, server.url);
        assert.strictEqual(proxy.seen.length, 2);
      } finally {
        await proxy.close();
        await server.close();
      }
    });

    it('sends proxy credentials but never shows them', async () => {
      const server = await listen(createHttpServer(jsonHandler));
      const proxy = await startProxy();
      try {
        const withAuth = proxy.url.replace('http://', 'http://user:p%40ss@');
        const t = make({ proxy: { url: withAuth } });
        assert.ok(!t.route.includes('p%40ss') && !t.route.includes('user'), t.route);
        assert.strictEqual(describeProxy(withAuth), proxy.url);
        await json(t, server.url);
        assert.strictEqual(proxy.seen[0].auth, `Basic ${Buffer.from('user:p@ss').toString('base64')}`);
      } finally {
        await proxy.close();
        await server.close();
      }
    });

    it('a proxy that refuses connections is a connection-level NETWORK failure', async () => {
      const server = await listen(createHttpServer(jsonHandler));
      try {
        await rejectsWith(make({ proxy: { url: 'http://127.0.0.1:1' } }).post(server.url, '{}', 2000), (e) => {
          assert.strictEqual(e.code, 'NETWORK');
          assert.strictEqual(e.connectionLevel, true);
        });
      } finally {
        await server.close();
      }
    });

    it('a proxy that wants authentication (407) is final: not retryable, no failover to another origin', async () => {
      const server = await listen(createHttpServer(jsonHandler));
      const proxy = createHttpServer();
      proxy.on('connect', (_req: IncomingMessage, client: Socket) => {
        client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\nContent-Length: 0\r\n\r\n');
      });
      const handle = await listen(proxy);
      try {
        await rejectsWith(make({ proxy: { url: handle.url } }).post(server.url, '{}', 3000), (e) => {
          assert.strictEqual(e.code, 'NETWORK');
          assert.match(e.detail, /proxy requires authentication \(407\)/);
          assert.strictEqual(e.retryable, false);
          assert.strictEqual(e.connectionLevel, false);
        });
      } finally {
        await handle.close();
        await server.close();
      }
    });

    describe('TLS (self-signed certificate)', () => {
      let dir = '';
      let cert: { key: Buffer; cert: Buffer } | undefined;
      before(function () {
        dir = mkdtempSync(join(tmpdir(), 'chat-roles-tls-'));
        try {
          execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')], { stdio: 'ignore' });
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

      it('strictSSL false accepts it through a proxy tunnel only; a direct connection still verifies', async () => {
        const server = await listen(createHttpsServer(cert!, jsonHandler));
        const proxy = await startProxy();
        try {
          const url = server.url.replace('http:', 'https:');
          const direct = make({ proxy: { strictSSL: false } });
          assert.strictEqual(direct.route, 'direct');
          await rejectsWith(direct.post(url, '{}', 3000), (e) => assert.match(e.detail, /not trusted/));
          const proxied = make({ proxy: { url: proxy.url, strictSSL: false } });
          assert.match(proxied.route, /TLS certificates not verified through the proxy/);
          assert.strictEqual((await json(proxied, url)).ErrorCode, 0);
          assert.deepStrictEqual(proxy.seen.map((s) => s.method), ['CONNECT']);
          const strictProxied = make({ proxy: { url: proxy.url } });
          await rejectsWith(strictProxied.post(url, '{}', 3000), (e) => assert.match(e.detail, /not trusted/));
        } finally {
          await proxy.close();
          await server.close();
        }
      });
    });
  });
});
