import { strict as assert } from 'node:assert';
import {
  MAX_TGS_GROUP_ID_BYTES,
  findAccountsInRequestBody,
  findGroupIdInRequestBody,
  findGroupIds,
  findOccurrences,
  groupIdAt,
} from '../../../src/chat/text/ids';
import { Random, fuzzSeed, show } from './random';

const SEED = fuzzSeed(0x1d5eed);
const INPUTS = 100_000;

/** Pieces that matter to the scanner, plus ordinary and hostile characters. */
const PIECES = [
  '@TGS#', '@TGS#', '_@TGS#', '@TGS#_', '@TOPIC#_', '@', '#', '_', '-', '.', 'A', 'z', '9', 'Q', 'x1',
  '"', "'", '`', '\\', '\n', '\r\n', ' ', '\t', ',', ';', ':', '[', ']', '{', '}', '(', ')', '/', '*', '//', '/*', '*/',
  '${', 'User_Account', 'GroupId', '"User_Account":', 'User_Account: [', '"GroupId": "', 'é', '用', '\ud800', '\u0000', '\u2028',
];

const SEEDS = [
  '{"GroupId": "@TGS#2C5SZEAEF","User_Account": [ // Up to 500 member accounts are supported"leckie","peter","wesley"]}',
  "const body = {\n  GroupId: 'my-group', // custom\n  User_Account: ['leckie', \"peter\", `wesley`,],\n};",
  'topic "@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_general" and @TGS#1NVTZEAE4, (@TGS#_my-community).',
];

/** The scanner's rule written as a regular expression: an independent model to compare against. */
function modelIds(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/(?<![A-Za-z0-9_-])@TGS#(?:_@TGS#)?([A-Za-z0-9_-]*)/g)) {
    const body = match[0].startsWith('@TGS#_@TGS#') ? match[0].slice(11) : match[1];
    if (/[A-Za-z0-9]/.test(body) && match[0].length <= MAX_TGS_GROUP_ID_BYTES) out.push(match[0]);
  }
  return out;
}

function input(random: Random, index: number): string {
  if (index % 3 === 0) return random.mutate(random.pick(SEEDS), PIECES, 6);
  if (index % 17 === 0) return random.codeUnits(random.int(80));
  return random.join(PIECES, random.int(40));
}

function checkFindGroupIds(text: string): void {
  const { ids, truncated } = findGroupIds(text, { max: Infinity });
  assert.equal(truncated, false);
  let previousEnd = 0;
  for (const found of ids) {
    assert.equal(text.slice(found.start, found.end), found.id);
    assert.ok(found.start >= previousEnd, 'in order, not overlapping');
    assert.ok(found.id.startsWith('@TGS#') && found.id.length <= MAX_TGS_GROUP_ID_BYTES);
    assert.ok(
      findOccurrences(text, found.id).some((o) => o.start === found.start && o.end === found.end),
      'findOccurrences agrees with findGroupIds',
    );
    previousEnd = found.end;
  }
  assert.deepEqual(ids.map((found) => found.id), modelIds(text));
  const capped = findGroupIds(text, { max: 2 });
  assert.deepEqual(capped.ids, ids.slice(0, 2));
  assert.equal(capped.truncated, ids.length > 2);
}

function checkGroupIdAt(text: string, random: Random): void {
  const offset = random.int(text.length + 5) - 2;
  const found = groupIdAt(text, offset);
  if (found === undefined) return;
  assert.equal(typeof found.id, 'string');
  assert.ok(found.id.length > 0);
  assert.equal(text.slice(found.start, found.end), found.id);
  const clamped = Math.min(Math.max(offset, 0), text.length);
  // The answer lies on the caret's line (a quote may sit between the caret and the contents).
  assert.ok(!text.slice(Math.min(found.start, clamped), Math.max(found.end, clamped)).includes('\n'), 'on the caret\'s line');
  // A quoted topic ID gives its group part even with the caret on the topic part.
  const topic = text.startsWith('@TOPIC#', found.end);
  assert.ok(found.start - 1 <= clamped && (clamped <= found.end + 1 || topic), 'covers the caret');
}

function checkBodies(text: string): void {
  const accounts = findAccountsInRequestBody(text);
  if (accounts !== undefined) {
    assert.ok(Array.isArray(accounts));
    for (const account of accounts) assert.equal(typeof account, 'string');
  }
  const groupId = findGroupIdInRequestBody(text);
  if (groupId !== undefined) assert.ok(typeof groupId === 'string' && groupId.length > 0);
}

function fuzz(name: string, check: (text: string, random: Random) => void, seed: number): void {
  it(`${name}: ${INPUTS} random and mutated inputs, seed 0x${seed.toString(16)}`, () => {
    const random = new Random(seed);
    for (let i = 0; i < INPUTS; i++) {
      const text = input(random, i);
      try {
        check(text, random);
      } catch (error) {
        throw new Error(`seed 0x${seed.toString(16)}, input #${i} ${show(text)}: ${(error as Error).message}`, { cause: error });
      }
    }
  });
}

describe('fuzz: ids', function () {
  this.timeout(30_000);

  fuzz('findGroupIds', (text) => checkFindGroupIds(text), SEED);
  fuzz('groupIdAt', checkGroupIdAt, SEED + 1);
  fuzz('findAccountsInRequestBody / findGroupIdInRequestBody', (text) => checkBodies(text), SEED + 2);

  it(`request bodies in any layout read back exactly, seed 0x${(SEED + 3).toString(16)}`, () => {
    const random = new Random(SEED + 3);
    const accountChars = ['a', 'Z', '0', '_', '-', '.', ' ', '"', "'", '\\', '/', 'é', '用', '@', ',', ']', '*'];
    const commentChars = ['a', 'b', ' ', '5', '-', "'", '`', '['];
    for (let i = 0; i < 20_000; i++) {
      const accounts = Array.from({ length: random.int(6) }, () => random.join(accountChars, 1 + random.int(10)));
      const groupId = random.join(accountChars, 1 + random.int(12));
      const gap = (): string => random.pick(['', ' ', '\n  ', ` /* ${random.join(commentChars, random.int(8))} */ `, ` // ${random.join(commentChars, random.int(8))}\n`]);
      const literal = (value: string): string => {
        const quote = random.pick(['"', "'", '`']);
        return quote + value.replace(/\\/g, '\\\\').split(quote).join(`\\${quote}`) + quote;
      };
      const key = (name: string): string => random.pick([`"${name}"`, `'${name}'`, name]);
      const list = accounts.map((account) => gap() + literal(account) + gap()).join(',') + (accounts.length && random.chance(0.3) ? ',' : '');
      const body = `{${gap()}${key('GroupId')}${gap()}:${gap()}${literal(groupId)},${gap()}${key('User_Account')}${gap()}:${gap()}[${list}${gap()}]${gap()}}`;
      const where = `seed 0x${(SEED + 3).toString(16)}, body #${i} ${show(body)}`;
      assert.deepEqual(findAccountsInRequestBody(body), accounts, where);
      assert.equal(findGroupIdInRequestBody(body), groupId, where);
    }
  });
});
