import { strict as assert } from 'node:assert';
import { MAX_IDS_PER_SCAN, checkAccount, checkGroupId, findAccountsInRequestBody, findGroupIdInRequestBody, findGroupIds, findOccurrences, groupIdAt, parseAccountList, type FoundId } from '../../src/chat/text/ids';

/** The ids found, as strings. */
function idsIn(text: string): string[] {
  return findGroupIds(text).ids.map((found) => found.id);
}

/** The text with a caret "|" removed, and the caret's offset. */
function caret(marked: string): [string, number] {
  const at = marked.indexOf('|');
  return [marked.slice(0, at) + marked.slice(at + 1), at];
}

function idAt(marked: string): string | undefined {
  const [text, offset] = caret(marked);
  const found = groupIdAt(text, offset);
  if (found) assert.equal(text.slice(found.start, found.end), found.id, 'offsets point at the id');
  return found?.id;
}

// The body exactly as Tencent's API page shows it (newlines lost, comment inline).
const API_PAGE_BODY = '{"GroupId": "@TGS#2C5SZEAEF","User_Account": [ // Up to 500 member accounts are supported"leckie","peter","wesley"]}';

describe('ids: findGroupIds', () => {
  it('finds default and Community IDs with their offsets', () => {
    const text = 'const a = "@TGS#2C5SZEAEF"; // and @TGS#1NVTZEAE4\ncommunity: @TGS#_@TGS#cQVLVHIM62CJ';
    const { ids, truncated } = findGroupIds(text);
    assert.equal(truncated, false);
    const at = (id: string): FoundId => ({ id, start: text.indexOf(id), end: text.indexOf(id) + id.length });
    assert.deepEqual(ids, [at('@TGS#2C5SZEAEF'), at('@TGS#1NVTZEAE4'), at('@TGS#_@TGS#cQVLVHIM62CJ')]);
    assert.equal(ids[0].start, 11);
  });

  it('ends an ID at quotes, whitespace, punctuation, brackets and non-ASCII', () => {
    const text = `'@TGS#A1' "@TGS#A2" \`@TGS#A3\` @TGS#A4, @TGS#A5; (@TGS#A6) [@TGS#A7] {@TGS#A8} <@TGS#A9> @TGS#B1. @TGS#B2é @TGS#B3\t@TGS#B4:x @TGS#B5/y @TGS#B6=z`;
    assert.deepEqual(idsIn(text), ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6'].map((s) => `@TGS#${s}`));
  });

  it('keeps "_" and "-" (custom Community names) and reports a topic ID\'s group part', () => {
    assert.deepEqual(idsIn('@TGS#_my_community-1 @TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_general'), [
      '@TGS#_my_community-1',
      '@TGS#_@TGS#cQVLVHIM62CJ',
    ]);
  });

  it('ignores "@TGS#" with no ID, glued to a word, or absurdly long', () => {
    assert.deepEqual(idsIn('@TGS# @TGS#_ @TGS#- @TGS#_@TGS# @TGS#_@TGS#_ @TGS#@TGS#'), []);
    assert.deepEqual(idsIn('mail@TGS#ABC user_@TGS#DEF 9@TGS#GHI'), []);
    assert.deepEqual(idsIn(`@TGS#${'A'.repeat(92)} @TGS#${'B'.repeat(91)} @TGS#OK`), [`@TGS#${'B'.repeat(91)}`, '@TGS#OK']);
    assert.deepEqual(idsIn('%40TGS%23ABC'), [], 'URL-encoded IDs are not decoded');
  });

  it('returns duplicates in text order', () => {
    assert.deepEqual(idsIn('@TGS#A @TGS#B @TGS#A'), ['@TGS#A', '@TGS#B', '@TGS#A']);
  });

  it('stops at the cap and says so', () => {
    const many = Array.from({ length: 1500 }, (_, i) => `@TGS#G${i}`).join('\n');
    const all = findGroupIds(many);
    assert.equal(all.ids.length, MAX_IDS_PER_SCAN);
    assert.equal(all.truncated, true);
    assert.equal(all.ids[999].id, '@TGS#G999');
    assert.deepEqual(findGroupIds(many, { max: 2 }).ids.map((f) => f.id), ['@TGS#G0', '@TGS#G1']);
    assert.equal(findGroupIds('@TGS#A @TGS#B', { max: 2 }).truncated, false, 'exactly max is not truncated');
    assert.deepEqual(findGroupIds('@TGS#A', { max: 0 }), { ids: [], truncated: true });
    assert.equal(findGroupIds(many, { max: Number.NaN }).ids.length, MAX_IDS_PER_SCAN);
    assert.equal(findGroupIds(many, { max: -1 }).ids.length, MAX_IDS_PER_SCAN);
    assert.equal(findGroupIds(many, { max: Infinity }).ids.length, 1500);
  });

  it('handles empty text', () => {
    assert.deepEqual(findGroupIds(''), { ids: [], truncated: false });
  });

  it('finds every ID in a 10 MB source file', () => {
    // Speed is measured by bench/ (row 5), never asserted here: tests do not time the wall clock.
    const code = '    const members = await client.getRoleInGroup(groupId, ["leckie", "peter"]); // check\n'.repeat(49);
    const line = `const groupId = "@TGS#2C5SZEAEF";\n${code}`;
    const text = line.repeat(Math.ceil((10 * 1024 * 1024) / line.length));
    const { ids, truncated } = findGroupIds(text, { max: Infinity });
    assert.equal(ids.length, text.length / line.length);
    assert.equal(truncated, false);
    assert.equal(ids[1].start, line.length + 'const groupId = "'.length);
  });
});

describe('ids: groupIdAt', () => {
  // Each case: the text with the caret marked "|", and the ID groupIdAt gives there.
  const CASES: { title: string; cases: [marked: string, id: string | undefined][] }[] = [
    {
      title: 'finds the @TGS# ID under the caret, its ends included',
      cases: [
        ['x = |@TGS#2C5SZEAEF;', '@TGS#2C5SZEAEF'],
        ['x = @TGS#2C5|SZEAEF;', '@TGS#2C5SZEAEF'],
        ['x = @TGS#2C5SZEAEF|;', '@TGS#2C5SZEAEF'],
        ['x = @TGS#2C5SZEAEF;| y', undefined],
        ['check |@TGS#A and @TGS#B', '@TGS#A'],
        ['check @TGS#A and @TGS#|B', '@TGS#B'],
      ],
    },
    {
      title: 'gives a Community ID whole, wherever the caret is in it',
      cases: [
        ['@TGS#_@T|GS#cQVLVHIM62CJ', '@TGS#_@TGS#cQVLVHIM62CJ'],
        ['@TGS#_@TGS#cQVL|VHIM62CJ', '@TGS#_@TGS#cQVLVHIM62CJ'],
      ],
    },
    {
      title: 'gives a quoted topic ID\'s group part',
      cases: [
        ['t = "@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_gen|eral"', '@TGS#_@TGS#cQVLVHIM62CJ'],
        ['t = @TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_gen|eral', undefined],
      ],
    },
    {
      title: 'takes a quoted custom ID under the caret, any quote',
      cases: [
        ['groupId = "my-|group";', 'my-group'],
        ["groupId = 'my-group|';", 'my-group'],
        ['groupId = `|my group`;', 'my group'],
        ['groupId = |"my-group";', 'my-group'],
        ['groupId = "my-group"|;', 'my-group'],
        ['a("one", "tw|o")', 'two'],
        ['a("one", "two")|', undefined],
      ],
    },
    {
      title: 'takes a quoted Community ID with custom punctuation whole',
      cases: [
        ['"@TGS#_my.comm|unity"', '@TGS#_my.community'],
        ['"@TGS#A, @TGS#|B"', '@TGS#B'],
        ['"Group @TGS#A is |full"', 'Group @TGS#A is full'],
      ],
    },
    { title: 'keeps escapes raw so offsets stay exact', cases: [['"a\\"|b"', 'a\\"b']] },
    {
      title: 'stays on the caret\'s line',
      cases: [
        ['"first\n|second"', undefined],
        ['x\r\n"gr|p"\r\ny', 'grp'],
        ['|\n@TGS#ABC', undefined],
        ['@TGS#ABC\n|', undefined],
      ],
    },
    { title: 'skips an apostrophe that never closes', cases: [["it's \"gr|p\"", 'grp']] },
  ];
  for (const { title, cases } of CASES) {
    it(title, () => {
      for (const [marked, id] of cases) assert.equal(idAt(marked), id, marked);
    });
  }

  it('gives nothing for empty or blank literals, plain text and bad offsets', () => {
    for (const marked of ['x = "|"', 'x = "  | "', 'plain |text']) assert.equal(idAt(marked), undefined, marked);
    assert.equal(groupIdAt('', 0), undefined);
    assert.equal(groupIdAt('@TGS#A', Number.NaN), undefined);
    assert.equal(groupIdAt('@TGS#A', -5)?.id, '@TGS#A');
    assert.equal(groupIdAt('@TGS#A', 99)?.id, '@TGS#A');
  });
});

describe('ids: findOccurrences', () => {
  it('matches whole @TGS# IDs only', () => {
    const text = '@TGS#ABCD @TGS#ABC, x@TGS#ABC "@TGS#ABC" @TGS#ABC_1 @TGS#ABC@TOPIC#_t';
    const after = (context: string): { start: number; end: number } => {
      const start = text.indexOf(context) + context.indexOf('@');
      return { start, end: start + 8 };
    };
    assert.deepEqual(findOccurrences(text, '@TGS#ABC'), [after(' @TGS#ABC,'), after('"@TGS#ABC"'), after(' @TGS#ABC@TOPIC')]);
  });

  it('does not find a default ID inside a Community ID', () => {
    const text = '@TGS#_@TGS#X and @TGS#X';
    assert.deepEqual(findOccurrences(text, '@TGS#X'), [{ start: 17, end: 23 }]);
    assert.deepEqual(findOccurrences(text, '@TGS#_@TGS#X'), [{ start: 0, end: 12 }]);
  });

  it('matches custom IDs between quotes, whitespace and code punctuation', () => {
    const text = '"grp" grp, (grp) grp2 my-grp grp.1 [grp] grp';
    assert.deepEqual(
      findOccurrences(text, 'grp').map((o) => text.slice(o.start - 1, o.end + 1)),
      ['"grp"', ' grp,', '(grp)', '[grp]', ' grp'],
    );
  });

  it('agrees with findGroupIds on every ID it finds', () => {
    const text = `${API_PAGE_BODY} x@TGS#2C5SZEAEF @TGS#2C5SZEAEF@TOPIC#_a @TGS#2C5SZEAEFX`;
    const found = findGroupIds(text).ids.filter((f: FoundId) => f.id === '@TGS#2C5SZEAEF');
    assert.deepEqual(findOccurrences(text, '@TGS#2C5SZEAEF'), found.map(({ start, end }) => ({ start, end })));
  });

  it('gives nothing for an empty ID and never overlaps', () => {
    assert.deepEqual(findOccurrences('abc', ''), []);
    assert.deepEqual(findOccurrences('aa aa', 'aa'), [{ start: 0, end: 2 }, { start: 3, end: 5 }]);
    assert.deepEqual(findOccurrences('aaaa', 'aa'), []);
  });
});

describe('ids: findAccountsInRequestBody / findGroupIdInRequestBody', () => {
  it('reads the API page\'s flattened example', () => {
    assert.deepEqual(findAccountsInRequestBody(API_PAGE_BODY), ['leckie', 'peter', 'wesley']);
    assert.equal(findGroupIdInRequestBody(API_PAGE_BODY), '@TGS#2C5SZEAEF');
  });

  it('reads JSON and JS bodies with comments, trailing commas and any quotes', () => {
    const js = `
      const body = {
        GroupId: 'my-group', // a custom ID
        /* the accounts */ User_Account: [
          'leckie', // the owner, see "groups"
          "peter",
          \`wesley\`, /* admin ] */
        ],
      };`;
    assert.deepEqual(findAccountsInRequestBody(js), ['leckie', 'peter', 'wesley']);
    assert.equal(findGroupIdInRequestBody(js), 'my-group');
    const json = '{\n  "GroupId" : "@TGS#1NVTZEAE4",\n  "User_Account" : [ "a" , "b" ]\n}';
    assert.deepEqual(findAccountsInRequestBody(json), ['a', 'b']);
    assert.equal(findGroupIdInRequestBody(json), '@TGS#1NVTZEAE4');
  });

  it('unescapes string values', () => {
    assert.deepEqual(findAccountsInRequestBody(String.raw`{"User_Account": ["a\"b", "\u0041x", 'it\'s', "t\\x"]}`), ['a"b', 'Ax', "it's", 't\\x']);
  });

  it('gives [] for an empty list', () => {
    assert.deepEqual(findAccountsInRequestBody('{"User_Account": [ /* none */ ]}'), []);
  });

  it('refuses lists it cannot read completely', () => {
    assert.equal(findAccountsInRequestBody('{User_Account: [alice, "bob"]}'), undefined);
    assert.equal(findAccountsInRequestBody('{User_Account: [`${who}`]}'), undefined);
    assert.equal(findAccountsInRequestBody('{"User_Account": ["a", "b"'), undefined);
    assert.equal(findAccountsInRequestBody('{"User_Account": ["a" "b"]}'), undefined);
    assert.equal(findAccountsInRequestBody('{"User_Account": ["a\n"]}'), undefined);
    assert.equal(findAccountsInRequestBody('{"User_Account": /* unclosed'), undefined);
    assert.equal(findAccountsInRequestBody('{"User_Account": "alice"}'), undefined);
  });

  it('matches the key exactly and moves on to a later good body', () => {
    assert.equal(findAccountsInRequestBody('{"User_Accounts": ["a"], My_User_Account: ["b"]}'), undefined);
    assert.equal(findAccountsInRequestBody('{"User_Account\': ["a"]}'), undefined);
    assert.deepEqual(findAccountsInRequestBody('log("User_Account"); send({"User_Account": ["c"]})'), ['c']);
    assert.deepEqual(findAccountsInRequestBody('{"User_Account": "x"} {"User_Account": ["d",]}'), ['d']);
    assert.equal(findAccountsInRequestBody('no body here'), undefined);
  });

  it('reads GroupId only as a non-empty string under exactly that key', () => {
    assert.equal(findGroupIdInRequestBody('{"GroupIdList": ["@TGS#A"]}'), undefined);
    assert.equal(findGroupIdInRequestBody('{GroupId: groupId}'), undefined);
    assert.equal(findGroupIdInRequestBody('{"GroupId": ""}'), undefined);
    assert.equal(findGroupIdInRequestBody("{GroupId /* x */ : 'g1'}"), 'g1');
    assert.equal(findGroupIdInRequestBody('{"GroupIdList": [], "GroupId": "g2"}'), 'g2');
  });
});

describe('ids: parseAccountList', () => {
  it('splits on commas, semicolons, spaces and newlines; trims; drops empties; de-duplicates in order', () => {
    assert.deepEqual(parseAccountList(' leckie, peter;wesley\n\tpeter\r\n,, ;leckie  admin '), ['leckie', 'peter', 'wesley', 'admin']);
    assert.deepEqual(parseAccountList(''), []);
    assert.deepEqual(parseAccountList(' ,; \n'), []);
  });

  it('keeps case (UserIDs are case-sensitive)', () => {
    assert.deepEqual(parseAccountList('Bob bob BOB'), ['Bob', 'bob', 'BOB']);
  });
});

describe('ids: checkGroupId', () => {
  it('accepts default, Community and custom IDs', () => {
    for (const id of ['@TGS#2C5SZEAEF', '@TGS#_@TGS#cQVLVHIM62CJ', 'my group #1!', 'g'.repeat(48), `@TGS#_${'x'.repeat(90)}`]) {
      assert.equal(checkGroupId(id), undefined, id);
    }
  });

  it('refuses empty, too long, non-printable and topic IDs', () => {
    assert.match(checkGroupId('') ?? '', /empty/);
    assert.match(checkGroupId('   ') ?? '', /empty/);
    assert.match(checkGroupId('g'.repeat(49)) ?? '', /49 bytes.*48/);
    assert.match(checkGroupId(`@TGS#${'x'.repeat(92)}`) ?? '', /97 bytes.*96/);
    assert.match(checkGroupId('grp\t1') ?? '', /printable ASCII.*U\+0009 at position 4/);
    assert.match(checkGroupId('grüppe') ?? '', /U\+00FC/);
    assert.match(checkGroupId('@TGS#_@TGS#X@TOPIC#_t') ?? '', /topic ID.*@TGS#_@TGS#X\./);
  });
});

describe('ids: checkAccount', () => {
  it('accepts ASCII and printable Unicode accounts up to 32 bytes', () => {
    for (const account of ['leckie', 'user_1-x', 'a'.repeat(32), 'Zoë', '用户甲', 'has space']) {
      assert.equal(checkAccount(account), undefined, account);
    }
  });

  it('refuses empty, too long (UTF-8 bytes), control characters and broken Unicode', () => {
    assert.match(checkAccount('') ?? '', /empty/);
    assert.match(checkAccount(' \t') ?? '', /empty|control/);
    assert.match(checkAccount('a'.repeat(33)) ?? '', /33 bytes/);
    assert.match(checkAccount('用'.repeat(11)) ?? '', /33 bytes/);
    assert.match(checkAccount('bob\u0000') ?? '', /control.*U\+0000 at position 4/);
    assert.match(checkAccount('bob\u007f') ?? '', /control/);
    assert.match(checkAccount('bob\u0085') ?? '', /control/);
    assert.match(checkAccount('bob\ud800') ?? '', /lone surrogate/);
  });
});
