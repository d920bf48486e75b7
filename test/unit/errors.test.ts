import { strict as assert } from 'node:assert';
import { DOCS_PAGES, docsLinkFor } from '../../src/chat/docs';
import {
  ChatError,
  KNOWN_LOCAL_CODES,
  KNOWN_SERVER_CODES,
  describeError,
  formatError,
  isRetryable,
  isSlowDown,
  redactSecrets,
} from '../../src/chat/errors';
import type { LocalErrorCode } from '../../src/chat/types';

// Every code listed in /work/shared/reference/chat-rest-api.md, once.
const API_SPECIFIC = [10002, 10003, 10004, 10007, 10010, 10015];
const OTHER_GROUP = [10005, 10006, 10011, 10012, 10018, 10019, 10026, 11000];
const PUBLIC_60 = [
  60002, 60003, 60004, 60005, 60006, 60007, 60008, 60009, 60010, 60011, 60012, 60013, 60014, 60015, 60016,
  60017, 60018, 60019, 60020, 60021,
];
const PUBLIC_70 = [
  70001, 70002, 70003, 70005, 70009, 70013, 70014, 70016, 70020, 70050, 70051, 70052, 70107, 70114, 70169,
  70202, 70206, 70398, 70402, 70403, 70500,
];
const REFERENCE_CODES = [...API_SPECIFIC, ...OTHER_GROUP, ...PUBLIC_60, ...PUBLIC_70];

// The reference's retry policy.
const SLOW_DOWN = [60007, 60011, 60018, 60019, 10006];
const TRANSIENT = [60008, 70169, 70202, 70500, 10002];
const SIGNATURE = [70001, 70003, 70005, 70009, 70013, 70014, 70016];

// Whether each local code is retryable (the connection's failures are). A Record keyed by LocalErrorCode:
// the compiler fails this file if types.ts gains a code not listed here.
const LOCAL_RETRYABLE: Record<LocalErrorCode, boolean> = {
  NETWORK: true, TIMEOUT: true, HTTP_STATUS: true, BAD_RESPONSE: true,
  MISSING_FROM_RESPONSE: false, CANCELLED: false, DEADLINE: false, USERSIG_EXPIRED: false, USERSIG_APP_MISMATCH: false,
  USERSIG_IDENTIFIER_MISMATCH: false, INVALID_ENDPOINT: false, INVALID_PROXY: false, INVALID_INPUT: false,
};
// The page that explains each local code: UserSig checks the UserSig page, domains and transport the REST
// overview (domains, backup domains, HTTP 200 for every answer), answer shapes and limits the API page.
const LOCAL_DOCS: Record<LocalErrorCode, (typeof DOCS_PAGES)[keyof typeof DOCS_PAGES]> = {
  NETWORK: DOCS_PAGES.restApiOverview, TIMEOUT: DOCS_PAGES.restApiOverview, HTTP_STATUS: DOCS_PAGES.restApiOverview,
  BAD_RESPONSE: DOCS_PAGES.getRoleInGroup, MISSING_FROM_RESPONSE: DOCS_PAGES.getRoleInGroup, CANCELLED: DOCS_PAGES.getRoleInGroup,
  DEADLINE: DOCS_PAGES.getRoleInGroup, USERSIG_EXPIRED: DOCS_PAGES.userSig, USERSIG_APP_MISMATCH: DOCS_PAGES.userSig,
  USERSIG_IDENTIFIER_MISMATCH: DOCS_PAGES.userSig, INVALID_ENDPOINT: DOCS_PAGES.restApiOverview,
  INVALID_PROXY: DOCS_PAGES.vscodeProxy, INVALID_INPUT: DOCS_PAGES.getRoleInGroup,
};
const SCOPES = ['credentials', 'group', 'account', 'request', 'rate', 'server', 'network', 'client'];

describe('errors: the catalogue', () => {
  it('covers exactly the codes of the reference', () => {
    assert.deepEqual([...KNOWN_SERVER_CODES].sort(), [...REFERENCE_CODES].sort());
    assert.deepEqual([...KNOWN_LOCAL_CODES].sort(), Object.keys(LOCAL_RETRYABLE).sort());
  });

  for (const code of REFERENCE_CODES) {
    it(`describes ${code}`, () => {
      const d = describeError(code);
      assert.equal(d.code, code);
      assert.ok(d.title.length > 3 && !d.title.includes(String(code)), 'a real title, not "Chat error N"');
      assert.ok(d.advice.length > 10);
      assert.ok(SCOPES.includes(d.scope));
      assert.equal(d.retryable, SLOW_DOWN.includes(code) || TRANSIENT.includes(code));
      assert.deepEqual(d.docs, code === 10007 || code === 10015 ? DOCS_PAGES.getRoleInGroup : DOCS_PAGES.errorCodes);
    });
  }

  for (const [code, retryable] of Object.entries(LOCAL_RETRYABLE) as [LocalErrorCode, boolean][]) {
    it(`describes local ${code}`, () => {
      const d = describeError(code);
      assert.equal(d.code, code);
      assert.ok(d.title.length > 3 && d.advice.length > 10);
      assert.ok(SCOPES.includes(d.scope));
      assert.equal(d.retryable, retryable);
      assert.equal(isRetryable(code), retryable);
      assert.deepEqual(d.docs, LOCAL_DOCS[code]);
    });
  }

  it('scopes signature codes as credentials and frequency codes as rate', () => {
    for (const code of SIGNATURE) assert.equal(describeError(code).scope, 'credentials', String(code));
    for (const code of SLOW_DOWN) assert.equal(describeError(code).scope, 'rate', String(code));
    assert.equal(describeError(10010).scope, 'group');
    assert.equal(describeError(10019).scope, 'account');
  });

  it('mentions AVChatRoom for 10007, and both readings of 10015', () => {
    assert.match(describeError(10007).title + describeError(10007).advice, /AVChatRoom/);
    const d = describeError(10015);
    assert.match(d.title + d.advice, /group ID/i);
    assert.match(d.title + d.advice, /JSON/);
  });

  it('describes unknown codes with the server text', () => {
    const d = describeError(12345, 'something odd happened');
    assert.equal(d.title, 'Chat error 12345');
    assert.match(d.advice, /something odd happened/);
    assert.equal(d.retryable, false);
    assert.deepEqual(d.docs, DOCS_PAGES.errorCodes);
    assert.equal(describeError(12345).title, 'Chat error 12345');
    assert.equal(describeError(0).title, 'Chat error 0');
  });

  it('does not treat Object.prototype names as codes', () => {
    const d = describeError('toString' as LocalErrorCode);
    assert.equal(d.retryable, false);
    assert.equal(isRetryable('constructor' as LocalErrorCode), false);
  });
});

describe('errors: retry policy', () => {
  it('isSlowDown is exactly the frequency codes', () => {
    for (const code of REFERENCE_CODES) assert.equal(isSlowDown(code), SLOW_DOWN.includes(code), String(code));
    assert.equal(isSlowDown('NETWORK'), false);
  });

  it('isRetryable: slow-down and transient codes, never signature or permission codes', () => {
    for (const code of REFERENCE_CODES) {
      assert.equal(isRetryable(code), SLOW_DOWN.includes(code) || TRANSIENT.includes(code), String(code));
    }
    for (const code of [...SIGNATURE, 70050, 10007, 60010, 70403]) assert.equal(isRetryable(code), false, String(code));
    assert.equal(isRetryable(99999), false);
  });
});

describe('errors: formatError', () => {
  it('is one line "Title (code): advice"', () => {
    const d = describeError(10010);
    assert.equal(formatError(10010), `${d.title} (10010): ${d.advice}`);
  });

  it('adds what the server said when it adds something', () => {
    assert.match(formatError(10004, 'GroupId is too long'), / Server said: GroupId is too long$/);
    assert.equal(formatError(10004, '   '), formatError(10004));
    // The same text as the title adds nothing.
    assert.equal(formatError(10010, 'group not found'), formatError(10010));
  });

  it('does not repeat unknown codes\' server text', () => {
    const line = formatError(12345, 'odd');
    assert.equal(line.split('odd').length, 2);
  });

  it('labels a local reason as details, not as the server\'s', () => {
    assert.match(formatError('INVALID_ENDPOINT', 'the port is closed'), / Details: the port is closed$/);
  });

  it('flattens, caps and redacts server text', () => {
    const line = formatError(70003, `bad sig\n\u0000usersig=eJwtjEEL&x=1 ${'y'.repeat(1000)}`);
    assert.ok(!line.includes('\n') && !line.includes('\u0000'));
    assert.ok(!line.includes('eJwtjEEL'));
    assert.match(line, /usersig=\*\*\*/);
    assert.ok(line.length < 700);
  });
});

describe('errors: ChatError', () => {
  it('carries code, description and the formatted message', () => {
    const error = new ChatError(60010, 'identifier is not admin');
    assert.ok(error instanceof Error);
    assert.ok(error instanceof ChatError);
    assert.equal(error.name, 'ChatError');
    assert.equal(error.code, 60010);
    assert.deepEqual(error.description, describeError(60010));
    assert.equal(error.message, formatError(60010, 'identifier is not admin'));
    assert.equal(error.detail, 'identifier is not admin');
  });

  it('never keeps a UserSig from the detail', () => {
    const error = new ChatError(70001, 'https://x/v4?usersig=eJwSECRET&random=1');
    assert.ok(!error.message.includes('eJwSECRET'));
    assert.ok(!error.detail?.includes('eJwSECRET'));
    assert.equal(new ChatError('CANCELLED').detail, undefined);
  });
});

describe('errors: redactSecrets', () => {
  it('hides usersig values in URLs and JSON, any case', () => {
    assert.equal(
      redactSecrets('GET /v4/x?sdkappid=1&usersig=eJw*abc-_&random=5'),
      'GET /v4/x?sdkappid=1&usersig=***&random=5',
    );
    assert.equal(redactSecrets('UserSig=eJwabc'), 'UserSig=***');
    assert.equal(redactSecrets('{"userSig": "eJwabc", "a": 1}'), '{"userSig": "***", "a": 1}');
    assert.equal(redactSecrets('no secrets here'), 'no secrets here');
  });

  it('hides given secrets of 8+ characters, also URL-encoded, and ignores short ones', () => {
    const key = 'abc/def+ghi=jkl';
    const text = `key ${key} twice ${key} encoded ${encodeURIComponent(key)} short abc`;
    assert.equal(redactSecrets(text, [key, 'abc']), 'key *** twice *** encoded *** short abc');
  });
});

describe('errors: redactSecrets on pieces of a secret', () => {
  const sig = 'eJwtjdEKgjAYRt9l11Ub2ip8AYnqpuhCgriRbTeDv7mfjRkRvXsX0PV3cc73FKVEfUGkO*X3-sdY';

  it('masks a piece a server cut short, wherever it is glued', () => {
    const clipped = `Failed to verify sig:${sig.slice(0, 40)}`;
    assert.equal(redactSecrets(clipped, [sig]), 'Failed to verify sig:***');
    assert.equal(redactSecrets(`x${sig.slice(25, 60)}y`, [sig]), 'x***y');
  });

  it('masks overlapping and adjacent pieces as one, keeps what is between separate pieces', () => {
    const text = `${sig.slice(0, 20)} and ${sig.slice(30, 50)}${sig.slice(50, 70)}.`;
    assert.equal(redactSecrets(text, [sig]), '*** and ***.');
  });

  it('leaves runs shorter than 12 characters and text without secrets alone', () => {
    assert.equal(redactSecrets(`tail ${sig.slice(0, 11)}`, [sig]), `tail ${sig.slice(0, 11)}`);
    assert.equal(redactSecrets('nothing secret in this long sentence', [sig]), 'nothing secret in this long sentence');
    assert.equal(redactSecrets(sig.slice(0, 30), []), sig.slice(0, 30));
  });
});

describe('errors: docs links per language', () => {
  it('links 10010 to the error-code list, not the API page, in both languages', () => {
    const { docs } = describeError(10010);
    assert.equal(docsLinkFor(docs, 'en'), 'https://www.tencentcloud.com/document/product/1047/34348');
    assert.equal(docsLinkFor(docs, 'zh-cn'), 'https://cloud.tencent.com/document/product/269/1671');
  });

  it('gives each Tencent page its Chinese twin on cloud.tencent.com (product 269)', () => {
    for (const [name, links] of Object.entries(DOCS_PAGES)) {
      if (name === 'vscodeProxy') continue;
      assert.match(links.en, /^https:\/\/www\.tencentcloud\.com\/document\/product\/1047\/\d+$/, name);
      assert.match(links['zh-cn'], /^https:\/\/cloud\.tencent\.com\/document\/product\/269\/\d+$/, name);
    }
    assert.equal(docsLinkFor(describeError(10007).docs, 'zh-cn'), 'https://cloud.tencent.com/document/product/269/1626');
    assert.equal(docsLinkFor(describeError('USERSIG_EXPIRED').docs, 'zh-cn'), 'https://cloud.tencent.com/document/product/269/32688');
    assert.equal(docsLinkFor(describeError('INVALID_ENDPOINT').docs, 'zh-cn'), 'https://cloud.tencent.com/document/product/269/1519');
  });

  it('picks the Chinese page for every zh language and English for the rest', () => {
    const links = DOCS_PAGES.errorCodes;
    for (const language of ['zh-cn', 'zh-CN', 'zh-tw', 'zh-hk', 'zh']) assert.equal(docsLinkFor(links, language), links['zh-cn'], language);
    for (const language of ['en', 'en-us', 'de', 'ja', 'zhx', '']) assert.equal(docsLinkFor(links, language), links.en, language);
  });
});
