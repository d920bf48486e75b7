// Fuzzes the get_role_in_group fast path against the general parser: seeded canonical answers, mutated as
// text and as bytes (escapes, whitespace, reordering, ill-formed UTF-8, other values) and paired with
// mutated request lists. Whatever the body, parseRoleResponse (fast path first) must give exactly what the
// general parser alone gives. FUZZ_SEED=<seed> reruns one sequence.
import * as assert from 'assert';
import { parseRoleResponse, parseRoleResponseGeneral } from '../../../src/chat/parse/roles';
import { readCanonicalRoles } from '../../../src/chat/parse/roles-fast-path';
import { fuzzSeed, Random, show } from './random';

const CASES = 100_000;
const SEED = fuzzSeed(0xfa57);

const ROLES = ['Owner', 'Admin', 'Member', 'NotMember'];
/** Account pieces: plain ASCII, multi-byte and astral characters, and characters JSON must escape. */
const ACCOUNT_PIECES = ['a', 'b', 'user_', '7', '-', '@', '张', 'é', '😀', ' ', '/', '"', '\\', '\u0001', '\u007f', '\uFFFD', '\uD800'];
/** What the text mutations insert: JSON syntax, escapes, keys, values, whitespace, a BOM. */
const TOKENS = ['"', '\\', '\\u0061', '\\"', ' ', '\n', '\t', ',', ':', '{', '}', '[', ']', '0', '1', '.', 'e', '-', 'Role', 'Member_Account', '"Owner"', 'owner', 'ErrorCode', 'ErrorInfo', 'UserIdList', 'ActionStatus', '"OK"', '\uFEFF', 'é', '😀', '\u0000'];
/** Byte sequences that are not well-formed UTF-8 (or are, oddly). */
const BYTES = [[0x80], [0xff], [0xc0, 0x80], [0xc2], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xef, 0xbf, 0xbd], [0xf4, 0x90, 0x80, 0x80], [0xf0, 0x9f, 0x98]];

function account(r: Random): string {
  // Mostly plain names, so that many unmutated answers take the fast path.
  return r.chance(0.8) ? `${r.pick(['u', 'user_', 'bench_user_'])}${r.int(1000)}${r.chance(0.2) ? r.pick(['张三', 'é', '😀']) : ''}` : r.join(ACCOUNT_PIECES, 1 + r.int(5));
}

/** A canonical answer for `accounts`, in one of the envelopes the stand-in or Tencent produce. */
function canonical(r: Random, accounts: readonly string[]): string {
  // Now and then an account is written raw, unescaped: not JSON when it holds a quote, backslash or control.
  const raw = r.chance(0.1);
  const list = accounts.map((a) => `{"Member_Account":${raw ? `"${a}"` : JSON.stringify(a)},"Role":"${r.pick(ROLES)}"}`).join(',');
  const members = ['"ActionStatus":"OK"', '"ErrorCode":0', '"ErrorInfo":""', `"UserIdList":[${list}]`];
  switch (r.int(3)) {
    case 0:
      return `{${members.join(',')}}`;
    case 1:
      return `{${[members[0], members[2], members[1], members[3]].join(',')}}`;
    default:
      return `{ ${members.map((m) => m.replace('":', '": ')).join(',\n  ')} }\n`;
  }
}

/** Requested lists the answer may not match: reordered, shortened, lengthened, a name changed. */
function mutateRequest(r: Random, accounts: string[]): string[] {
  const out = [...accounts];
  switch (r.int(4)) {
    case 0:
      if (out.length > 1) out.reverse();
      break;
    case 1:
      out.pop();
      break;
    case 2:
      out.push(account(r));
      break;
    default:
      if (out.length > 0) out[r.int(out.length)] += r.pick(ACCOUNT_PIECES);
  }
  return out;
}

/** UTF-8, except that a lone surrogate is written as the 3 bytes UTF-8 forbids (as WTF-8 does). */
function looseUtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return new Uint8Array(out);
}

function mutateBytes(r: Random, bytes: Uint8Array): Uint8Array {
  const at = r.int(bytes.length + 1);
  return r.chance(0.5)
    ? new Uint8Array([...bytes.subarray(0, at), ...r.pick(BYTES), ...bytes.subarray(at)])
    : bytes.map((b, i) => (i === at ? b ^ (1 << r.int(8)) : b));
}

describe('fuzz: get_role_in_group fast path', () => {
  it(`${CASES.toLocaleString('en')} seeded canonical and mutated answers: the same result as the general parser`, function () {
    this.timeout(120_000);
    const r = new Random(SEED);
    let fast = 0;
    for (let n = 0; n < CASES; n++) {
      let requested = Array.from({ length: r.int(7) }, () => account(r));
      let text = canonical(r, requested);
      // 0: as is; 1: one text edit; 2: up to four; 3: another request list; 4: a byte edit.
      const kind = r.int(5);
      if (kind === 1 || kind === 2) text = r.mutate(text, TOKENS, kind === 1 ? 1 : 4);
      if (kind === 3) requested = mutateRequest(r, requested);
      let body = r.chance(0.2) ? looseUtf8(text) : new TextEncoder().encode(text);
      if (kind === 4) body = mutateBytes(r, body);

      const where = () => `seed ${SEED}, case ${n}: ${show(Buffer.from(body).toString('utf8'))} for ${show(JSON.stringify(requested))}`;
      let actual: unknown;
      let expected: unknown;
      try {
        actual = parseRoleResponse(200, body, requested);
        expected = parseRoleResponseGeneral(200, body, requested);
      } catch (err) {
        assert.fail(`${where()} threw ${String(err)}`);
      }
      assert.deepStrictEqual(actual, expected, where());
      if (readCanonicalRoles(body, requested) !== undefined) fast++;
    }
    // Both paths were exercised: at least the unmutated plain answers went fast, and many did not.
    assert.ok(fast > CASES * 0.1 && fast < CASES * 0.6, `${fast} of ${CASES} took the fast path`);
  });
});
