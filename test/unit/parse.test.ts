import * as assert from 'assert';
import { quoteStart } from '../../src/chat/parse/envelope';
import { parseGroupInfoResponse } from '../../src/chat/parse/group-info';
import { normalizeRole, parseRoleResponse, parseRoleResponseGeneral, SAMPLE_LIMIT } from '../../src/chat/parse/roles';
import { readCanonicalRoles } from '../../src/chat/parse/roles-fast-path';

const enc = (text: string): Uint8Array => new TextEncoder().encode(text);
/** UserIdList entries from [Member_Account, Role] pairs. */
const entries = (...pairs: [string, unknown][]) => pairs.map(([Member_Account, Role]) => ({ Member_Account, Role }));
const ok = (userIdList: unknown): Uint8Array => enc(JSON.stringify({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', UserIdList: userIdList }));

describe('parse: get_role_in_group answers', () => {
  it('reads roles leniently (trim, any case) in request order', () => {
    const parsed = parseRoleResponse(200, ok(entries(['b', ' member '], ['a', 'OWNER'], ['c', 'notMember'], ['d', 'Admin'])), ['a', 'b', 'c', 'd']);
    assert.ok(parsed.ok);
    assert.deepStrictEqual(parsed.value.outcomes, ['Owner', 'Member', 'NotMember', 'Admin']);
    assert.strictEqual(parsed.value.unrequestedCount, 0);
  });

  it('normalizeRole knows exactly the four roles', () => {
    assert.strictEqual(normalizeRole('\tAdMiN\n'), 'Admin');
    assert.strictEqual(normalizeRole('Not Member'), undefined);
    assert.strictEqual(normalizeRole('__proto__'), undefined);
    assert.strictEqual(normalizeRole('toString'), undefined);
  });

  it('left-out accounts are MISSING_FROM_RESPONSE; unrequested ones are reported, not used', () => {
    const parsed = parseRoleResponse(200, ok([{ Member_Account: 'a', Role: 'Member' }, { Member_Account: 'zz', Role: 'Owner' }]), ['a', 'b']);
    assert.ok(parsed.ok);
    assert.strictEqual(parsed.value.outcomes[0], 'Member');
    assert.deepStrictEqual(parsed.value.outcomes[1], { code: 'MISSING_FROM_RESPONSE', detail: "the server's UserIdList left this account out" });
    assert.deepStrictEqual(parsed.value.unrequested, ['zz']);
    assert.strictEqual(parsed.value.unrequestedCount, 1);
  });

  it('keeps at most SAMPLE_LIMIT unrequested names but counts them all', () => {
    const list = Array.from({ length: 100 }, (_, i) => ({ Member_Account: `x${i}`, Role: 'Member' }));
    const parsed = parseRoleResponse(200, ok(list), ['a']);
    assert.ok(parsed.ok);
    assert.strictEqual(parsed.value.unrequested.length, SAMPLE_LIMIT);
    assert.strictEqual(parsed.value.unrequestedCount, 100);
  });

  it('duplicates: the first entry wins; conflicting roles are noted', () => {
    const parsed = parseRoleResponse(200, ok(entries(['a', 'Admin'], ['a', 'Member'], ['b', 'Member'], ['b', 'member'])), ['a', 'b']);
    assert.ok(parsed.ok);
    assert.deepStrictEqual(parsed.value.outcomes, ['Admin', 'Member']);
    assert.deepStrictEqual(parsed.value.conflicting, ['a']);
  });

  it('an unknown or non-string role fails that account only', () => {
    const parsed = parseRoleResponse(
      200,
      ok([
        { Member_Account: 'a', Role: 'Moderator' },
        { Member_Account: 'b', Role: 3 },
        { Member_Account: 'c', Role: 'Owner' },
      ]),
      ['a', 'b', 'c'],
    );
    assert.ok(parsed.ok);
    assert.deepStrictEqual(parsed.value.outcomes[0], { code: 'BAD_RESPONSE', detail: 'the response gave the unknown role "Moderator"' });
    assert.deepStrictEqual(parsed.value.outcomes[1], { code: 'BAD_RESPONSE', detail: 'UserIdList[1].Role in the response is not a string' });
    assert.strictEqual(parsed.value.outcomes[2], 'Owner');
  });

  const table: { name: string; status?: number; body: string; code: string | number; detail: RegExp }[] = [
    { name: 'HTTP 502 with HTML', status: 502, body: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>', code: 'HTTP_STATUS', detail: /^the server answered HTTP 502; the body began "<html><head><title>502 Bad Gateway<\/title><\/head><body>nginx"…$/ },
    { name: 'HTTP 503 empty', status: 503, body: '', code: 'HTTP_STATUS', detail: /^the server answered HTTP 503$/ },
    { name: 'HTTP 429', status: 429, body: 'slow', code: 'HTTP_STATUS', detail: /HTTP 429; the body began "slow"$/ },
    { name: 'non-JSON 200', body: 'Service Unavailable', code: 'BAD_RESPONSE', detail: /^the response was not JSON: "Service Unavailable"$/ },
    { name: 'empty 200', body: '', code: 'BAD_RESPONSE', detail: /^the response was empty$/ },
    { name: 'truncated JSON', body: '{"ActionStatus":"OK","ErrorCode":0,"UserIdList":[{"Member_Account":"a","Ro', code: 'BAD_RESPONSE', detail: /^the response was not JSON: "\{\\"ActionStatus\\":\\"OK\\",\\"ErrorCode\\":0,\\"UserIdList\\":\[\{\\"Member_Ac"…$/ },
    { name: 'array', body: '[1,2]', code: 'BAD_RESPONSE', detail: /JSON but not an object \(an array\)/ },
    { name: 'null', body: 'null', code: 'BAD_RESPONSE', detail: /JSON but not an object \(null\)/ },
    { name: 'string', body: '"x"', code: 'BAD_RESPONSE', detail: /JSON but not an object \(string\)/ },
    { name: 'no ErrorCode', body: '{"ActionStatus":"OK","UserIdList":[]}', code: 'BAD_RESPONSE', detail: /has no ErrorCode/ },
    { name: 'ErrorCode a string', body: '{"ErrorCode":"0","UserIdList":[]}', code: 'BAD_RESPONSE', detail: /ErrorCode in the response is not an integer/ },
    { name: 'ErrorCode fractional', body: '{"ErrorCode":0.5,"UserIdList":[]}', code: 'BAD_RESPONSE', detail: /ErrorCode in the response is not an integer/ },
    { name: 'UserIdList missing', body: '{"ErrorCode":0}', code: 'BAD_RESPONSE', detail: /UserIdList in the response is missing/ },
    { name: 'UserIdList an object', body: '{"ErrorCode":0,"UserIdList":{}}', code: 'BAD_RESPONSE', detail: /UserIdList in the response is not an array/ },
    { name: 'entry not an object', body: '{"ErrorCode":0,"UserIdList":[{"Member_Account":"a","Role":"Owner"},7]}', code: 'BAD_RESPONSE', detail: /UserIdList\[1\] in the response is not an object/ },
    { name: 'Member_Account not a string', body: '{"ErrorCode":0,"UserIdList":[{"Member_Account":1,"Role":"Owner"}]}', code: 'BAD_RESPONSE', detail: /UserIdList\[0\]\.Member_Account in the response is not a string/ },
    { name: 'API error', body: '{"ActionStatus":"FAIL","ErrorCode":10010,"ErrorInfo":"group not found"}', code: 10010, detail: /^group not found$/ },
    { name: 'API error without ErrorInfo', body: '{"ActionStatus":"FAIL","ErrorCode":70001}', code: 70001, detail: /^$/ },
  ];
  for (const row of table) {
    it(`whole-response problem: ${row.name}`, () => {
      const parsed = parseRoleResponse(row.status ?? 200, enc(row.body), ['a']);
      assert.ok(!parsed.ok, 'expected a problem');
      assert.strictEqual(parsed.problem.code, row.code);
      assert.match(parsed.problem.detail, row.detail);
      if (row.status) assert.strictEqual(parsed.problem.status, row.status);
    });
  }

  it('refuses an answer holding far more objects and arrays than its request can, before JSON.parse, whatever its size', () => {
    // 10,000 empty objects (30 KB, under the old 64 KB threshold) for one account: V8 would parse it, slowly at scale.
    const flood = `{"ErrorCode":0,"X":[${'{},'.repeat(9_999)}{}],"UserIdList":[{"Member_Account":"a","Role":"Owner"}]}`;
    const roles = parseRoleResponse(200, enc(flood), ['a']);
    assert.ok(!roles.ok && roles.problem.code === 'BAD_RESPONSE' && /more than 130 objects and arrays/.test(roles.problem.detail), JSON.stringify(roles));
    const info = parseGroupInfoResponse(200, enc(flood.replace('UserIdList', 'GroupInfo')), ['g']);
    assert.ok(!info.ok && /more than 136 objects and arrays/.test(info.problem.detail), JSON.stringify(info));
    // As many as the request allows still parse: 500 accounts, each once.
    const names = Array.from({ length: 500 }, (_, i) => `u${i}`);
    assert.ok(parseRoleResponseGeneral(200, ok(names.map((n) => ({ Member_Account: n, Role: 'Member' }))), names).ok);
  });

  it('refuses a large body nested absurdly deep without parsing it; brackets inside strings do not count', () => {
    const deep = parseRoleResponse(200, enc(`{"ErrorCode":0,"UserIdList":${'['.repeat(70_000)}${']'.repeat(70_000)}}`), ['a']);
    assert.ok(!deep.ok && /nests deeper than 32 levels/.test(deep.problem.detail));
    const quoted = JSON.stringify({ ErrorCode: 0, UserIdList: [{ Member_Account: 'a', Role: 'Owner' }], Note: '[{'.repeat(50_000) + '\\"' });
    const parsed = parseRoleResponse(200, enc(quoted), ['a']);
    assert.ok(parsed.ok);
    assert.deepStrictEqual(parsed.value.outcomes, ['Owner']);
  });

  it('accepts a UTF-8 byte-order mark and non-ASCII accounts', () => {
    const parsed = parseRoleResponse(200, enc('\uFEFF' + JSON.stringify({ ErrorCode: 0, UserIdList: [{ Member_Account: '张三', Role: 'Owner' }] })), ['张三']);
    assert.ok(parsed.ok);
    assert.deepStrictEqual(parsed.value.outcomes, ['Owner']);
  });

  it('never quotes a secret: UserSig-looking text and given secrets are redacted, even when cut at 60 bytes', () => {
    const sig = 'eJwtzEEKgjAQheG7zFpCJ1HrLjqWLiKdLJYeWJFpQwSm2jd3aHb9-D1yPQ8R3hLaO3cE-RONVUSgLimdPS';
    const body = enc(`oops usersig=${sig}&random=1 and the key 0123456789abcdef0123456789abcdef`);
    const parsed = parseRoleResponse(200, body, ['a'], [sig, '0123456789abcdef0123456789abcdef']);
    assert.ok(!parsed.ok);
    assert.ok(!parsed.problem.detail.includes(sig.slice(0, 10)), parsed.problem.detail);
    assert.match(parsed.problem.detail, /usersig=\*\*\*/);
    const keyLater = enc(`${'x'.repeat(50)}0123456789abcdef0123456789abcdef`);
    assert.strictEqual(quoteStart(keyLater, ['0123456789abcdef0123456789abcdef']), `"${'x'.repeat(50)}***"`);
    const errorInfo = enc(JSON.stringify({ ErrorCode: 70003, ErrorInfo: `bad sig ${sig}` }));
    const api = parseRoleResponse(200, errorInfo, ['a'], [sig]);
    assert.ok(!api.ok);
    assert.strictEqual(api.problem.detail, 'bad sig ***');
  });

  it('quotes control characters escaped and does not split a multi-byte character', () => {
    const q = quoteStart(enc(`\u0000\u001b[31m${'é'.repeat(40)}`));
    assert.ok(q.startsWith('"\\u0000\\u001b[31m'));
    assert.ok(!q.includes('\uFFFD'));
  });
});

describe('parse: get_group_info answers', () => {
  const body = (groups: unknown) => enc(JSON.stringify({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', GroupInfo: groups }));

  it('one outcome per requested group, in request order, per-group errors kept', () => {
    const parsed = parseGroupInfoResponse(
      200,
      body([
        { GroupId: 'g2', ErrorCode: 10010, ErrorInfo: 'no such group' },
        { GroupId: 'g1', ErrorCode: 0, Type: 'AVChatRoom', Name: 'Live', Owner_Account: 'o', MemberNum: 3 },
        { GroupId: 'other', ErrorCode: 0, Type: 'Public' },
      ]),
      ['g1', 'g2', 'g3'],
    );
    assert.ok(parsed.ok);
    assert.deepStrictEqual(parsed.value[0], { info: { groupId: 'g1', type: 'AVChatRoom', name: 'Live', ownerAccount: 'o', memberNum: 3 } });
    assert.deepStrictEqual(parsed.value[1], { info: { groupId: 'g2', errorCode: 10010, errorInfo: 'no such group' }, problem: { code: 10010, detail: 'no such group' } });
    assert.strictEqual(parsed.value[2].problem?.code, 'MISSING_FROM_RESPONSE');
  });

  it('fields of the wrong type are dropped; a broken entry fails the response', () => {
    const parsed = parseGroupInfoResponse(200, body([{ GroupId: 'g', Type: 5, MemberNum: 'x', Name: 'N' }]), ['g']);
    assert.ok(parsed.ok);
    assert.deepStrictEqual(parsed.value[0].info, { groupId: 'g', name: 'N' });
    const broken = parseGroupInfoResponse(200, body([{ GroupId: 1 }]), ['g']);
    assert.ok(!broken.ok && broken.problem.code === 'BAD_RESPONSE' && /GroupInfo\[0\]\.GroupId/.test(broken.problem.detail));
    const notArray = parseGroupInfoResponse(200, enc('{"ErrorCode":0}'), ['g']);
    assert.ok(!notArray.ok && /GroupInfo in the response is missing/.test(notArray.problem.detail));
  });
});

describe('parse: get_role_in_group fast path', () => {
  const accounts = ['alice', '张三', 'emoji😀', 'b'];
  const roles = ['Owner', 'Admin', 'Member', 'NotMember'];
  const entries = (names = accounts) => names.map((a, i) => `{"Member_Account":${JSON.stringify(a)},"Role":"${roles[i % 4]}"}`).join(',');
  /** The stand-in's compact shape. */
  const standIn = (list = entries()) => `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","UserIdList":[${list}]}`;

  /** The fast path's verdict, after checking that parseRoleResponse agrees with the general parser either way. */
  function fastPath(body: string | Uint8Array, requested: readonly string[] = accounts): string[] | undefined {
    const bytes = typeof body === 'string' ? enc(body) : body;
    assert.deepStrictEqual(parseRoleResponse(200, bytes, requested), parseRoleResponseGeneral(200, bytes, requested));
    return readCanonicalRoles(bytes, requested);
  }

  it('takes canonical answers: the stand-in\'s key order, Tencent\'s, a spaced-out envelope, non-ASCII accounts', () => {
    const list = entries();
    for (const body of [
      standIn(list),
      `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"UserIdList":[${list}]}`,
      `{"UserIdList":[${list}],"ErrorCode":0,"ErrorInfo":"","ActionStatus":"OK"}`,
      `\r\n{ "ActionStatus" : "OK",\n\t"ErrorInfo": "", "ErrorCode": 0, "UserIdList": [${list}] }\n`,
    ]) {
      assert.deepStrictEqual(fastPath(body), roles, body);
    }
    assert.deepStrictEqual(fastPath(standIn(''), []), []);
    const parsed = parseRoleResponse(200, enc(standIn()), accounts);
    assert.ok(parsed.ok);
    assert.deepStrictEqual(parsed.value, { outcomes: roles, unrequested: [], unrequestedCount: 0, conflicting: [] });
  });

  const fallbacks: [string, string, string[]?][] = [
    ['an escaped account', standIn(entries().replace('"alice"', '"\\u0061lice"'))],
    ['an escaped solidus in an account', standIn(entries(['a/b', 'c'])).replace('a/b', 'a\\/b'), ['a/b', 'c']],
    ['entries in another order', standIn(entries([accounts[1], accounts[0], accounts[2], accounts[3]]))],
    ['an entry missing', standIn(entries(accounts.slice(0, 3)))],
    ['an unrequested entry', standIn(`${entries()},{"Member_Account":"zz","Role":"Owner"}`)],
    ['an extra key in an entry', standIn(entries().replace('"Role":"Owner"', '"Role":"Owner","Extra":1'))],
    ['Role before Member_Account', standIn('{"Role":"Owner","Member_Account":"alice"}'), ['alice']],
    ['a role in other letters', standIn(entries().replace('"Owner"', '"owner"'))],
    ['whitespace inside UserIdList', standIn(entries().replace('"Role":', '"Role": '))],
    ['an extra top-level key', standIn().replace('"ErrorInfo":""', '"ErrorInfo":"","RequestId":"x"')],
    ['a repeated top-level key', standIn().replace('"ErrorInfo":""', '"ErrorInfo":"","ErrorInfo":""')],
    ['a non-zero ErrorCode', '{"ActionStatus":"FAIL","ErrorCode":10010,"ErrorInfo":"group not found"}'],
    ['ErrorCode 0.0', standIn().replace('"ErrorCode":0', '"ErrorCode":0.0')],
    ['ErrorCode 00', standIn().replace('"ErrorCode":0', '"ErrorCode":00')],
    ['ActionStatus FAIL with ErrorCode 0', standIn().replace('"OK"', '"FAIL"')],
    ['a byte-order mark', `\uFEFF${standIn()}`],
    ['trailing text', `${standIn()}x`],
    ['a truncated body', standIn().slice(0, -3)],
    ['a requested account JSON would escape', standIn(entries(['a"b'])).replace('a\\"b', 'a"b'), ['a"b']],
    ['a requested account with a control character', standIn(entries(['a\u0001'])).replace('\\u0001', '\u0001'), ['a\u0001']],
  ];
  for (const [name, body, requested] of fallbacks) {
    it(`falls back to the general parser on ${name}`, () => assert.strictEqual(fastPath(body, requested), undefined));
  }

  it('falls back on ill-formed UTF-8, even where its decoding (U+FFFD…) is the requested account', () => {
    const head = enc('{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","UserIdList":[{"Member_Account":"');
    const tail = enc('","Role":"Owner"}]}');
    for (const bad of [[0xff], [0xc0, 0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe5, 0xbc]]) {
      const body = new Uint8Array([...head, ...bad, ...tail]);
      const decoded = Buffer.from(bad).toString('utf8');
      const general = parseRoleResponseGeneral(200, body, [decoded]);
      assert.ok(general.ok && general.value.outcomes[0] === 'Owner', String(bad));
      assert.strictEqual(fastPath(body, [decoded]), undefined, String(bad));
    }
  });
});
