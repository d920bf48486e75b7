import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChatError } from '../../src/chat/errors';
import { REGIONS, isLoopbackHost, resolveOrigins, validateEndpoint, type RegionId } from '../../src/chat/http/regions';

/** package.json, read from the repository root (tests run from out/test/unit). */
function manifest(): { contributes: { configuration: { properties: Record<string, { enum?: string[] }> } } } {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as ReturnType<typeof manifest>;
}

function refused(fn: () => unknown, reason: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof ChatError, `expected a ChatError, got ${String(error)}`);
    assert.equal(error.code, 'INVALID_ENDPOINT');
    assert.match(error.message, reason);
    return true;
  });
}

describe('regions', () => {
  it('has exactly the region ids of package.json\'s chatRoles.region enum', () => {
    const ids = manifest().contributes.configuration.properties['chatRoles.region'].enum;
    assert.deepEqual(Object.keys(REGIONS).sort(), [...(ids ?? [])].sort());
  });

  it('lists the documented main and backup domains', () => {
    assert.deepEqual(REGIONS.china, { label: 'China', main: 'console.tim.qq.com', backup: 'adminapi.my-imcloud.com' });
    assert.equal(REGIONS.singapore.main, 'adminapisgp.im.qcloud.com');
    assert.equal(REGIONS.siliconValley.backup, 'adminapiusa.my-imcloud.com');
    for (const region of Object.values(REGIONS)) {
      assert.match(region.main, /^[a-z0-9.-]+$/);
      assert.match(region.backup, /\.my-imcloud\.com$/);
      assert.ok(region.label);
    }
  });

  it('is frozen', () => {
    assert.ok(Object.isFrozen(REGIONS));
  });
});

describe('regions: isLoopbackHost', () => {
  it('accepts 127.0.0.0/8, ::1 in any spelling, and localhost in any case', () => {
    for (const host of ['127.0.0.1', '127.255.0.9', '::1', '[::1]', '0:0:0:0:0:0:0:1', '[::0001]', 'localhost', 'LocalHost']) {
      assert.equal(isLoopbackHost(host), true, host);
    }
  });

  it('refuses everything else, including *.localhost and look-alikes', () => {
    for (const host of [
      'a.localhost', 'localhost.', 'localhost.example.com', '128.0.0.1', '127.0.0.256', '127.0.0', '127.0.0.1.evil.com',
      '10.0.0.1', '::2', '[::]', '::ffff:127.0.0.1', 'example.com', '', '127.00.0.1',
    ]) {
      assert.equal(isLoopbackHost(host), false, host);
    }
  });
});

describe('regions: validateEndpoint', () => {
  it('returns the normalised origin of an https endpoint', () => {
    assert.equal(validateEndpoint('https://im.example.com'), 'https://im.example.com');
    assert.equal(validateEndpoint('  HTTPS://IM.Example.com:443/ '), 'https://im.example.com');
    assert.equal(validateEndpoint('https://im.example.com:8443'), 'https://im.example.com:8443');
  });

  it('allows http only on loopback hosts', () => {
    assert.equal(validateEndpoint('http://127.0.0.1:3000'), 'http://127.0.0.1:3000');
    assert.equal(validateEndpoint('http://localhost:3000/'), 'http://localhost:3000');
    assert.equal(validateEndpoint('http://[::1]:8080'), 'http://[::1]:8080');
    refused(() => validateEndpoint('http://im.example.com'), /loopback/);
    refused(() => validateEndpoint('http://192.168.1.2:80'), /loopback/);
    refused(() => validateEndpoint('http://a.localhost:80'), /loopback/);
  });

  it('refuses paths, queries, fragments and credentials', () => {
    refused(() => validateEndpoint('https://im.example.com/v4'), /path/);
    refused(() => validateEndpoint('https://im.example.com\\v4'), /path/);
    refused(() => validateEndpoint('https://im.example.com/?'), /query/);
    refused(() => validateEndpoint('https://im.example.com?usersig=x'), /query/);
    refused(() => validateEndpoint('https://im.example.com#x'), /fragment/);
    refused(() => validateEndpoint('https://user:pass@im.example.com'), /user name or password/);
    refused(() => validateEndpoint('https://@im.example.com'), /user name or password/);
  });

  it('never puts credentials of a refused endpoint into the message', () => {
    try {
      validateEndpoint('https://admin:hunter2secret@im.example.com');
      assert.fail('accepted');
    } catch (error) {
      assert.ok(!String((error as Error).message).includes('hunter2secret'));
    }
  });

  it('refuses other schemes and non-URLs', () => {
    refused(() => validateEndpoint('ftp://im.example.com'), /scheme must be https/);
    refused(() => validateEndpoint('im.example.com'), /origin/);
    refused(() => validateEndpoint('https:im.example.com'), /origin/);
    refused(() => validateEndpoint('https://'), /not a valid URL|no host/);
    refused(() => validateEndpoint('https://[::1'), /not a valid URL/);
    refused(() => validateEndpoint(''), /origin/);
  });
});

describe('regions: resolveOrigins', () => {
  it('gives the region\'s main then backup domain over https', () => {
    assert.deepEqual(resolveOrigins({ region: 'frankfurt' }), [
      'https://adminapiger.im.qcloud.com',
      'https://adminapiger.my-imcloud.com',
    ]);
  });

  it('lets a non-empty endpoint win, validated', () => {
    assert.deepEqual(resolveOrigins({ region: 'china', endpoint: ' http://127.0.0.1:9/ ' }), ['http://127.0.0.1:9']);
    assert.deepEqual(resolveOrigins({ region: 'china', endpoint: '   ' }).length, 2);
    refused(() => resolveOrigins({ region: 'china', endpoint: 'http://example.com' }), /loopback/);
  });

  it('refuses unknown regions, including prototype names', () => {
    refused(() => resolveOrigins({ region: 'mars' as RegionId }), /unknown region "mars"/);
    refused(() => resolveOrigins({ region: 'toString' as RegionId }), /unknown region/);
  });
});
