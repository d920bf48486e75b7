// The string rules behind every surface that shows foreign text (src/ui/foreignText.ts). What the
// workbench then draws is read in test/ui/foreignText.test.ts.
import * as assert from 'assert';
import { markdownText, plainText } from '../../src/ui/foreignText';

const HOSTILE = [
  '[Open](command:chatRoles.clearCredentials)',
  'a`$(x)[y](command:z)`',
  'b`![](https://e.org/p.png)`',
  'c`[Fix sig](https://e.org "t")`',
  'https://e.org/bare www.e.org me@e.org',
  '<img src=x onerror=alert(1)> &lt;b&gt; **bold** # heading',
  '$(sync~spin) line\nbreak\r\n- item',
  'next\u0085line', // NEL, a C1 control that some renderers break a line at
];
/** The line breaks every surface turns into spaces. */
const LINE_BREAK = /[\r\n\u0085]/g;
/** How the workbench finds links in notification and quick input text (its parseLinkedText). */
const WORKBENCH_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;
const ICON_SYNTAX = /\$\([A-Za-z0-9-]+(?:~[A-Za-z0-9-]+)?\)/;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

describe('foreign text', () => {
  it('plainText: no link or icon syntax is left, and the text reads the same', () => {
    for (const text of HOSTILE) {
      const shown = plainText(text);
      assert.ok(!WORKBENCH_LINK.test(shown), `a link in ${JSON.stringify(shown)}`);
      assert.ok(!ICON_SYNTAX.test(shown), `an icon in ${JSON.stringify(shown)}`);
      assert.ok(!/\w:\/\/|\bwww\./.test(shown), `a bare URL in ${JSON.stringify(shown)}`);
      assert.strictEqual(shown.replace(/\u200b/g, ''), text.replace(LINE_BREAK, ' '));
    }
  });

  it('markdownText: every punctuation character escaped, icons with the workbench escape, one line', () => {
    for (const text of HOSTILE) {
      const md = markdownText(text);
      assert.ok(!/[\r\n]/.test(md), `a line break in ${JSON.stringify(md)}`);
      // Read as Markdown reads backslash escapes; what is left must hold no punctuation at all.
      const unescaped = md.replace(/\\[!-/:-@[-`{-~]/g, '');
      assert.ok(!ASCII_PUNCTUATION.test(unescaped), `unescaped punctuation in ${JSON.stringify(md)}`);
      // After Markdown, the text shows with `\$(name)` where an icon was: the workbench's literal $(name).
      const rendered = md.replace(/\\([!-/:-@[-`{-~])/g, '$1');
      assert.strictEqual(rendered, text.replace(LINE_BREAK, ' ').replace(new RegExp(ICON_SYNTAX.source, 'g'), (icon) => `\\${icon}`));
    }
  });
});
