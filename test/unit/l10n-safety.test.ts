// Translation and foreign text: a translated message is ours, its arguments are not. The format of
// @vscode/l10n (the same as vscode.l10n.t's: one pass of /{([^}]+)}/ with a function) puts each argument
// in once and never reads it as a template, and no translation adds markup that the English does not have,
// so the escaping of the arguments (src/ui/foreignText.ts) is all a surface needs, in every language.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTranslations, type TranslationBundle } from '../../src/chat/l10n';
import { checkGroupId } from '../../src/chat/text/ids';

/** The repository root (tests run from out/test/unit). */
const ROOT = join(__dirname, '..', '..', '..');
const zhCn = JSON.parse(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as TranslationBundle;
const TOPIC = '"{0}" is a topic ID; check its group, {1}.';

/** The template with each {n} replaced by args[n], by hand. */
function filled(template: string, args: string[]): string {
  return template.split(/(\{\d+\})/).map((part) => (/^\{\d+\}$/.test(part) ? args[Number(part.slice(1, -1))] : part)).join('');
}

describe('l10n: foreign text in a translated message', () => {
  afterEach(() => useTranslations(undefined));

  // A group ID is printable ASCII: it may hold {0}, {1}, {name} and the $ patterns of String.replace.
  const id = "{1}{0}{name}$&$'$`@TOPIC#{0}";
  const group = id.slice(0, id.indexOf('@TOPIC#'));

  for (const [language, bundle] of [['English', undefined], ['zh-cn', zhCn]] as const) {
    it(`puts each argument in once, as it is, never read as a template (${language})`, () => {
      useTranslations(bundle);
      const template = bundle ? (bundle[TOPIC] as string) : TOPIC;
      assert.equal(checkGroupId(id), filled(template, [id, group]));
    });
  }
});

describe('l10n: the zh-cn bundle adds no markup', () => {
  /** Markdown, links, icons, HTML and autolinks: each may appear in a translation only as often as in its English. */
  const SYNTAX = ['[', ']', '](', '$(', '$', 'command:', '://', 'www.', '<', '>', '`', '*', '_', '~', '|', '\\', '#', '!'];
  const entries = Object.entries(zhCn).map(([key, value]) => [key, typeof value === 'string' ? value : value.message] as const);

  it('no translation holds more of any markup character or sequence than its English', () => {
    const added = entries.flatMap(([key, text]) => SYNTAX.filter((s) => text.split(s).length > key.split(s).length).map((s) => `${JSON.stringify(s)} in ${JSON.stringify(text)}`));
    assert.deepEqual(added, []);
  });

  it('no placeholder touches text that would join it into a link, an icon or a URL scheme', () => {
    // "]{0}" or "{0}(" could close a link with the argument's text; "${0}" an icon; "https:{0}", "{0}:" a scheme.
    const touching = /\]\{[^}]+\}|\{[^}]+\}\(|\$\{[^}]+\}|\{[^}]+\}\{[^}]+\}|[A-Za-z0-9+.-]:\{[^}]+\}|\{[^}]+\}:\S/;
    assert.deepEqual(
      entries.filter(([, text]) => touching.test(text)).map(([, text]) => text),
      [],
    );
  });
});
