// Issue 16, "Role names stay stable in data": the JSON the programmatic commands answer (chatRoles.checkRoles,
// chatRoles.listMembers, chatRoles.listAccountGroups) is a contract. With the core speaking Chinese (the
// zh-cn bundle given to useTranslations, as the extension does for a zh-cn display language) it keeps its
// English role names, codes and field names; only `message`, the readable text, follows the language.
// The answers are the core's own, from the stand-in, turned into JSON by src/results/json.ts and listingJson.ts.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChatClient } from '../../src/chat/client';
import { useTranslations, type TranslationBundle } from '../../src/chat/l10n';
import type { Credentials } from '../../src/chat/types';
import { factsOf } from '../../src/results/groupFacts';
import { toResultJson } from '../../src/results/json';
import { accountGroupsJson, membersJson } from '../../src/results/listingJson';
import { TEST_ADMIN, TEST_DATA_FILE, TEST_GROUPS, TEST_SDK_APP_ID, TEST_SECRET_KEY, TEST_WORK_ROLES } from '../standin/data/test-app';
import { startStandIn, type StandIn } from '../standin/server';

/** The repository root (tests run from out/test/unit). */
const ROOT = join(__dirname, '..', '..', '..');
const CREDENTIALS: Credentials = { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, secretKey: TEST_SECRET_KEY };
/** A group ID no app has: the server answers 10010. */
const MISSING_GROUP = '@TGS#2NOSUCHGRP';
const CJK = /[\u4e00-\u9fff]/;
const ROLES = new Set(['Owner', 'Admin', 'Member', 'NotMember']);

/** Every JSON answer the programmatic commands give for one session of checks and listings. */
async function answers(client: ChatClient): Promise<Record<string, unknown>> {
  const accounts = TEST_WORK_ROLES.map((r) => r.account);
  const results = await client.getRoleInGroup(CREDENTIALS, [TEST_GROUPS.work, MISSING_GROUP], accounts);
  const infos = await client.getGroupInfo(CREDENTIALS, [TEST_GROUPS.work, MISSING_GROUP]);
  const checked = toResultJson(results.map((r) => ({ ...r, app: 'default', sdkAppId: String(TEST_SDK_APP_ID), facts: factsOf(infos.find((i) => i.groupId === r.groupId)) })));
  const members = async (groupId: string) => {
    const listing = await client.listMembers(CREDENTIALS, groupId, undefined, 100);
    // As ListingService (src/checks/listings.ts) keeps a listing.
    return membersJson({
      kind: 'members',
      groupId,
      scope: 'all',
      sdkAppId: TEST_SDK_APP_ID,
      listedAt: 0,
      members: listing.members,
      found: listing.members.length,
      truncated: listing.truncated,
      ...(listing.type !== undefined && { type: listing.type }),
      ...(listing.memberCount !== undefined && { memberCount: listing.memberCount }),
      ...(listing.error && { error: { code: listing.error.code, message: listing.error.message } }),
    });
  };
  const groups = await client.listAccountGroups(CREDENTIALS, 'alice', 100);
  const accountGroups = accountGroupsJson({
    kind: 'account',
    account: 'alice',
    sdkAppId: TEST_SDK_APP_ID,
    listedAt: 0,
    groups: groups.groups,
    found: groups.groups.length,
    truncated: groups.truncated,
    ...(groups.error && { error: { code: groups.error.code, message: groups.error.message } }),
  });
  return { checkRoles: checked, listMembers: await members(TEST_GROUPS.public), listMissing: await members(MISSING_GROUP), listAccountGroups: accountGroups };
}

/** The `message` strings of a JSON value, and the value with each replaced by a mark. */
function splitMessages(value: unknown, messages: string[] = []): { rest: unknown; messages: string[] } {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => {
        if (k === 'message' && typeof x === 'string') {
          messages.push(x);
          return [k, '(message)'];
        }
        return [k, walk(x)];
      }),
    );
  };
  return { rest: walk(value), messages };
}

/** Every string of a JSON value (keys and values) but the messages. */
function stringsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => (k === 'message' ? [k] : [k, ...stringsOf(v)]));
}

describe('l10n: the JSON of the programmatic commands in zh-cn', function () {
  this.timeout(20_000);
  const zhCn = JSON.parse(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as TranslationBundle;
  let standIn: StandIn;
  let client: ChatClient;

  before(async () => {
    standIn = await startStandIn({ data: TEST_DATA_FILE });
    client = new ChatClient({ region: 'singapore', endpoint: standIn.url, retry: { baseDelayMs: 5, maxDelayMs: 40 } });
  });
  after(async () => {
    useTranslations(undefined);
    await client?.close();
    await standIn?.close();
  });

  it('keeps English role names, codes and field names; only the messages read in Chinese', async () => {
    useTranslations(undefined);
    const english = await answers(client);
    useTranslations(zhCn);
    const chinese = await answers(client);
    useTranslations(undefined);

    const en = splitMessages(english);
    const zh = splitMessages(chinese);
    // Everything but the readable messages is the same in both languages, byte for byte.
    assert.deepEqual(zh.rest, en.rest);
    for (const s of stringsOf(chinese)) assert.ok(!CJK.test(s), `Chinese outside a message: ${JSON.stringify(s)}`);

    // The check answered every role, in the API's words, and the missing group's code as the server sent it.
    const check = chinese.checkRoles as ReturnType<typeof toResultJson>;
    const work = check.groups.find((g) => g.groupId === TEST_GROUPS.work);
    assert.deepEqual(work?.roles, TEST_WORK_ROLES);
    assert.equal(check.groups.find((g) => g.groupId === MISSING_GROUP)?.error?.code, 10010);
    const listed = chinese.listMembers as ReturnType<typeof membersJson>;
    assert.ok(listed.members.length > 0 && listed.members.every((m) => ROLES.has(m.role)), JSON.stringify(listed.members));
    const joined = chinese.listAccountGroups as ReturnType<typeof accountGroupsJson>;
    assert.ok(joined.groups.length > 0 && joined.groups.every((g) => ROLES.has(g.role)), JSON.stringify(joined.groups));
    assert.equal((chinese.listMissing as ReturnType<typeof membersJson>).error?.code, 10010);

    // The messages are people's text: Chinese with the bundle, English without it.
    assert.ok(zh.messages.length >= 2, `messages: ${zh.messages.join(' | ')}`);
    assert.equal(zh.messages.length, en.messages.length);
    for (const m of zh.messages) assert.ok(CJK.test(m), `an untranslated message: ${m}`);
    for (const m of en.messages) assert.ok(!CJK.test(m), `a Chinese message without the bundle: ${m}`);
  });
});
