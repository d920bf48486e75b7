// CSV copies (src/ui/csv.ts): RFC 4180 quoting, and no cell a spreadsheet would run as a formula.
import * as assert from 'assert';
import { csvCell, toCsv } from '../../src/ui/csv';

describe('CSV copy', () => {
  it('defuses every cell a spreadsheet reads as a formula with a leading apostrophe', () => {
    for (const hostile of ['=HYPERLINK("https://e.org","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      const cell = csvCell(hostile);
      assert.ok(/^"?'/.test(cell), `${JSON.stringify(hostile)} became ${JSON.stringify(cell)}`);
    }
    assert.strictEqual(csvCell('alice'), 'alice');
    assert.strictEqual(csvCell('a=b'), 'a=b', 'only a formula start is defused');
  });

  it('quotes commas, quotes and line breaks as RFC 4180 has it', () => {
    assert.strictEqual(csvCell('a,b'), '"a,b"');
    assert.strictEqual(csvCell('say "hi"'), '"say ""hi"""');
    assert.strictEqual(csvCell('two\nlines'), '"two\nlines"');
    assert.strictEqual(csvCell('=1,"2"'), `"'=1,""2"""`);
    // An @TGS# ID starts with "@" too: a spreadsheet shows it without the apostrophe, as text.
    assert.strictEqual(toCsv([['Group', 'Account'], ['@TGS#1', 'bob']]), "Group,Account\r\n'@TGS#1,bob\r\n");
  });
});
