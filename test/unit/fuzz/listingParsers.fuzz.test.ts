// Fuzzes the get_group_member_info and get_joined_group_list page parsers with seeded random and mutated
// bodies: whatever arrives, each returns a page in the contract's shape or its own ResponseProblem (never
// throws, never lets a secret through).
import * as assert from 'assert';
import { parseJoinedGroupsPage } from '../../../src/chat/parse/joined-groups';
import { parseMemberPage } from '../../../src/chat/parse/members';
import { checkProblem, corrupt, Gen, mutateBytes, SECRET_KEY, SECRET_SIG } from './bodies';
import { fuzzSeed } from './random';

const CASES = 100_000;
const ROLE_WORDS = ['Owner', 'Admin', 'Member', 'NotMember', ' member', 'ADMIN', 'Custom', '', 7];
const TYPE_WORDS = ['Private', 'Public', 'ChatRoom', 'AVChatRoom', 'Community', 'Work', 'Meeting', 'BChatRoom', 3, null];

function memberBody(g: Gen): unknown {
  const members = Array.from({ length: g.int(8) }, (_, i) => {
    const m: Record<string, unknown> = { Member_Account: g.chance(0.9) ? `user${i}` : g.text(6), Role: g.pick(ROLE_WORDS) };
    if (g.chance(0.7)) m.JoinTime = g.pick([1_700_000_000, -1, 1.5, '1700000000', 2 ** 60]);
    if (g.chance(0.3)) m.NameCard = g.chance(0.8) ? g.text(10) : 12;
    if (g.chance(0.2)) m.MuteUntil = 0;
    return m;
  });
  const body: Record<string, unknown> = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', MemberNum: g.pick([members.length, 100, -3, '5']), MemberList: members };
  if (g.chance(0.3)) body.Next = g.pick(['', 'abc', 5]);
  return body;
}

function joinedBody(g: Gen): unknown {
  const groups = Array.from({ length: g.int(8) }, (_, i) => {
    const entry: Record<string, unknown> = { GroupId: g.chance(0.9) ? `@TGS#2G${i}` : g.text(6), Type: g.pick(TYPE_WORDS) };
    if (g.chance(0.8)) entry.Name = g.chance(0.9) ? g.text(10) : 4;
    if (g.chance(0.9)) entry.SelfInfo = g.chance(0.9) ? { Role: g.pick(ROLE_WORDS), JoinTime: 1 } : 'Owner';
    return entry;
  });
  return { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', TotalCount: g.pick([groups.length, 99, -1]), GroupIdList: groups };
}

function body(g: Gen, i: number, valid: () => unknown): Uint8Array {
  const encode = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  switch (i % 4) {
    case 0: return encode(corrupt(g, valid()));
    case 1: return mutateBytes(g, encode(valid()));
    case 2: return encode(g.value(0));
    default: return Uint8Array.from({ length: g.int(200) }, () => g.int(256));
  }
}

const CONTRACT_ROLE = (role: string) => role !== '' && role !== 'NotMember';

describe('fuzz: member and joined-group page parsers', () => {
  const secrets = [SECRET_SIG, SECRET_KEY];

  it(`${CASES.toLocaleString('en')} get_group_member_info pages: members with a role, or a ResponseProblem`, function () {
    this.timeout(60_000);
    const g = new Gen(fuzzSeed(0x3e3b));
    const counts = { ok: 0, problem: 0 };
    for (let i = 0; i < CASES; i++) {
      const bytes = body(g, i, () => memberBody(g));
      const status = g.chance(0.05) ? g.pick([0, 302, 429, 500, 503]) : 200;
      try {
        const parsed = parseMemberPage(status, bytes, 8, secrets);
        if (!parsed.ok) {
          checkProblem(parsed.problem);
          counts.problem++;
          continue;
        }
        counts.ok++;
        for (const m of parsed.value.members) {
          assert.ok(typeof m.account === 'string' && m.account !== '');
          assert.ok(typeof m.role === 'string' && CONTRACT_ROLE(m.role), `role ${m.role}`);
          if (m.joinTime !== undefined) assert.ok(Number.isSafeInteger(m.joinTime) && m.joinTime >= 0);
          if (m.nameCard !== undefined) assert.strictEqual(typeof m.nameCard, 'string');
        }
        if (parsed.value.memberNum !== undefined) assert.ok(Number.isSafeInteger(parsed.value.memberNum) && parsed.value.memberNum >= 0);
        if (parsed.value.next !== undefined) assert.strictEqual(typeof parsed.value.next, 'string');
      } catch (e) {
        throw new Error(`case ${i} (status ${status}) body ${JSON.stringify(Buffer.from(bytes).toString('latin1'))}: ${(e as Error).message}`, { cause: e });
      }
    }
    assert.ok(counts.ok > CASES / 20 && counts.problem > CASES / 20, JSON.stringify(counts));
  });

  it(`${CASES.toLocaleString('en')} get_joined_group_list pages: groups with a type and role string, or a ResponseProblem`, function () {
    this.timeout(60_000);
    const g = new Gen(fuzzSeed(0x701d));
    const counts = { ok: 0, problem: 0 };
    for (let i = 0; i < CASES; i++) {
      const bytes = body(g, i, () => joinedBody(g));
      const status = g.chance(0.05) ? g.pick([0, 302, 429, 500, 503]) : 200;
      try {
        const parsed = parseJoinedGroupsPage(status, bytes, 8, secrets);
        if (!parsed.ok) {
          checkProblem(parsed.problem);
          counts.problem++;
          continue;
        }
        counts.ok++;
        for (const group of parsed.value.groups) {
          assert.ok(typeof group.groupId === 'string' && group.groupId !== '');
          assert.strictEqual(typeof group.type, 'string');
          assert.ok(!['Private', 'ChatRoom'].includes(group.type), `classic type ${group.type} not mapped`);
          assert.ok(typeof group.role === 'string' && group.role !== 'NotMember');
          if (group.name !== undefined) assert.strictEqual(typeof group.name, 'string');
        }
        if (parsed.value.totalCount !== undefined) assert.ok(Number.isSafeInteger(parsed.value.totalCount) && parsed.value.totalCount >= 0);
      } catch (e) {
        throw new Error(`case ${i} (status ${status}) body ${JSON.stringify(Buffer.from(bytes).toString('latin1'))}: ${(e as Error).message}`, { cause: e });
      }
    }
    assert.ok(counts.ok > CASES / 20 && counts.problem > CASES / 20, JSON.stringify(counts));
  });
});
