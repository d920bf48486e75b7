// Fuzzes the response parser with seeded random and mutated bodies: whatever arrives, it returns a value
// or its own ResponseProblem (never throws, never lets a secret through), in time linear in the body size.
import * as assert from 'assert';
import type { Parsed } from '../../../src/chat/parse/envelope';
import { parseGroupInfoResponse } from '../../../src/chat/parse/group-info';
import { type AccountOutcome, parseRoleResponse } from '../../../src/chat/parse/roles';
import { checkProblem, corrupt, Gen, mutateBytes, SECRET_KEY, SECRET_SIG } from './bodies';

const CASES = 100_000;

function validBody(g: Gen, requested: string[]): unknown {
  const list = requested.filter(() => g.chance(0.9)).map((a) => ({ Member_Account: a, Role: g.pick(['Owner', 'Admin', 'Member', 'NotMember', ' member', 'ADMIN']) }));
  if (g.chance(0.2)) list.push({ Member_Account: g.text(6), Role: 'Member' });
  if (g.chance(0.2) && list.length) list.push({ ...list[0], Role: 'Owner' });
  const body: Record<string, unknown> = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', UserIdList: list };
  if (g.chance(0.1)) body.GroupInfo = requested.map((id) => ({ GroupId: id, ErrorCode: g.pick([0, 10010]), Type: 'Public', MemberNum: 3 }));
  return body;
}

const ROLES = new Set(['Owner', 'Admin', 'Member', 'NotMember']);

function checkRoles(parsed: Parsed<{ outcomes: AccountOutcome[]; unrequested: string[]; unrequestedCount: number }>, requested: string[]): void {
  assert.ok(parsed && typeof parsed === 'object');
  if (!parsed.ok) return checkProblem(parsed.problem);
  assert.strictEqual(parsed.value.outcomes.length, requested.length);
  for (const o of parsed.value.outcomes) {
    if (typeof o === 'string') assert.ok(ROLES.has(o), o);
    else {
      assert.ok(o.code === 'MISSING_FROM_RESPONSE' || o.code === 'BAD_RESPONSE');
      assert.ok(!o.detail.includes(SECRET_SIG) && !o.detail.includes(SECRET_KEY));
    }
  }
  assert.ok(parsed.value.unrequested.length <= parsed.value.unrequestedCount);
}

describe('fuzz: response parser', () => {
  it(`${CASES.toLocaleString('en')} seeded random and mutated bodies: a value or a ResponseProblem, nothing else`, function () {
    this.timeout(60_000);
    const g = new Gen(0xc4a7);
    const secrets = [SECRET_SIG, SECRET_KEY];
    const counts = { ok: 0, problem: 0 };
    for (let i = 0; i < CASES; i++) {
      const requested = Array.from(new Set(Array.from({ length: 1 + g.int(6) }, () => g.text(6))));
      let bytes: Uint8Array;
      switch (i % 4) {
        case 0: bytes = new TextEncoder().encode(JSON.stringify(corrupt(g, validBody(g, requested)))); break;
        case 1: bytes = mutateBytes(g, new TextEncoder().encode(JSON.stringify(validBody(g, requested)))); break;
        case 2: bytes = new TextEncoder().encode(JSON.stringify(g.value(0))); break;
        default: bytes = Uint8Array.from({ length: g.int(200) }, () => g.int(256)); break;
      }
      const status = g.chance(0.05) ? g.pick([0, 204, 302, 429, 500, 502, 503, 999]) : 200;
      let parsed: ReturnType<typeof parseRoleResponse>;
      try {
        parsed = parseRoleResponse(status, bytes, requested, secrets);
        checkRoles(parsed, requested);
        const info = parseGroupInfoResponse(status, bytes, requested, secrets);
        if (info.ok) assert.strictEqual(info.value.length, requested.length);
        else checkProblem(info.problem);
      } catch (e) {
        throw new Error(`case ${i} (status ${status}) body ${JSON.stringify(Buffer.from(bytes).toString('latin1'))}: ${(e as Error).message}`, { cause: e });
      }
      counts[parsed.ok ? 'ok' : 'problem']++;
    }
    // Both paths were exercised in earnest.
    assert.ok(counts.ok > CASES / 20 && counts.problem > CASES / 20, JSON.stringify(counts));
  });

  it('time is linear in the body size (½, 1, 2 and 4 MB of several shapes)', function () {
    this.timeout(60_000);
    const MB = 1_048_576;
    const utf8 = (text: string) => new TextEncoder().encode(text);
    const shapes: Record<string, (mb: number) => Uint8Array> = {
      'valid list': (mb) => utf8(JSON.stringify({ ErrorCode: 0, UserIdList: Array.from({ length: Math.floor((mb * MB) / 45) }, (_, i) => ({ Member_Account: `user${i}`, Role: 'Member' })) })),
      'deep nesting': (mb) => utf8('['.repeat((mb * MB) / 2) + ']'.repeat((mb * MB) / 2)),
      'one long string': (mb) => utf8(`{"ErrorCode":0,"UserIdList":[{"Member_Account":"user1","Role":"${'x'.repeat(mb * MB)}"}]}`),
      'long ErrorInfo': (mb) => utf8(`{"ErrorCode":10004,"ErrorInfo":"${`usersig=${SECRET_SIG} `.repeat((mb * MB) / 80)}"}`),
      'garbage': (mb) => {
        const b = new Uint8Array(mb * MB);
        for (let i = 0; i < b.length; i++) b[i] = (i * 2654435761) >>> 24;
        return b;
      },
      'truncated': (mb) => utf8(`{"ErrorCode":0,"UserIdList":[${'{"Member_Account":"a","Role":"Owner"},'.repeat((mb * MB) / 38)}`),
    };
    const requested = Array.from({ length: 500 }, (_, i) => `user${i}`);
    for (const [name, make] of Object.entries(shapes)) {
      const perMb: number[] = [];
      for (const mb of [0.5, 1, 2, 4]) {
        const body = make(mb);
        const runs: number[] = [];
        for (let k = 0; k < 5; k++) {
          const t = performance.now();
          const parsed = parseRoleResponse(200, body, requested, [SECRET_SIG]);
          runs.push(performance.now() - t);
          if (!parsed.ok) checkProblem(parsed.problem);
        }
        perMb.push(Math.min(...runs) / (body.byteLength / MB));
      }
      const first = perMb[0];
      const last = perMb[perMb.length - 1];
      // Linear: the time per MB at 4 MB stays within a small factor of that at ½ MB (quadratic would be 8×);
      // the 20 ms/MB floor absorbs a busy machine's noise on shapes that are cheap at every size.
      assert.ok(last <= Math.max(first * 4, 20), `${name}: ${perMb.map((t) => t.toFixed(2)).join(', ')} ms/MB`);
      // And fast in absolute terms (generous: the machine may be busy).
      assert.ok(last < 150, `${name}: ${last.toFixed(1)} ms/MB`);
    }
  });
});
