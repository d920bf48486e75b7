// What a user of another display language reads, looked up where the extension ships it: the code's strings
// in l10n/bundle.l10n.<locale>.json by their English text, the manifest's in package.nls.<locale>.json by
// key. A UI test asserts these, never a copy of its own, so it follows the translation; a missing entry
// fails loudly, and so does an entry that is still the English (the fallback a test must not accept).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../host/paths';

type Bundle = Readonly<Record<string, string | { message: string; comment: string[] }>>;

/** A message with a comment for translators: its bundle key is "message/comment", as @vscode/l10n makes it. */
export interface Message {
  message: string;
  comment: string[];
}

/** CJK Unified Ideographs: the sign that a text is Chinese rather than the English fallback. */
const CJK = /[\u4e00-\u9fff]/;

function readBundle(file: string): Bundle {
  const full = path.join(repoRoot, file);
  if (!fs.existsSync(full)) throw new Error(`no translation file ${file}`);
  return JSON.parse(fs.readFileSync(full, 'utf8')) as Bundle;
}

/** `{0}`, `{1}`… replaced by the arguments, as vscode.l10n.t and @vscode/l10n's t() do. */
function format(message: string, args: readonly (string | number)[]): string {
  return message.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : whole));
}

export interface Translations {
  readonly locale: string;
  /**
   * The translation of a code string (`vscode.l10n.t('English {0}', …)`, or with a comment
   * `vscode.l10n.t({ message, comment })`), formatted with `args`.
   */
  t(english: string | Message, ...args: (string | number)[]): string;
  /** The translation of a manifest string (`%command.checkRoles.title%` → `command.checkRoles.title`). */
  manifest(key: string): string;
  /** A command as the palette lists it: "<category>: <title>", both from the manifest. */
  command(id: string): string;
}

/** The translations of `locale` the extension ships (read once). */
export function shippedTranslations(locale: string): Translations {
  const code = readBundle(path.join('l10n', `bundle.l10n.${locale}.json`));
  const manifest = readBundle(`package.nls.${locale}.json`);
  const englishManifest = readBundle('package.nls.json');
  const lookUp = (bundle: Bundle, file: string, key: string, english: string): string => {
    const entry = bundle[key];
    if (entry === undefined) throw new Error(`${file} has no entry for ${JSON.stringify(key)}: the test reads what the extension ships, so add it there`);
    const message = typeof entry === 'string' ? entry : entry.message;
    // Chinese, or at least not the English (a few entries rightly hold no Chinese: "{0} · IM {1} · {2}").
    assert.ok(CJK.test(message) || message !== english, `${file}: the entry for ${JSON.stringify(key)} is the English: ${JSON.stringify(message)}`);
    return message;
  };
  const t = (english: string | Message, ...args: (string | number)[]) => {
    const [key, message] = typeof english === 'string' ? [english, english] : [`${english.message}/${english.comment.join('')}`, english.message];
    return format(lookUp(code, `l10n/bundle.l10n.${locale}.json`, key, message), args);
  };
  const manifestText = (key: string) => {
    const english = englishManifest[key];
    if (english === undefined) throw new Error(`package.nls.json has no key ${key}`);
    return lookUp(manifest, `package.nls.${locale}.json`, key, typeof english === 'string' ? english : english.message);
  };
  return {
    locale,
    t,
    manifest: manifestText,
    // The category is the product name and stays "Chat Roles" in every language.
    command: (id: string) => `${englishOrTranslated(manifest, englishManifest, 'command.category')}: ${manifestText(`command.${id}.title`)}`,
  };
}

/** A key that may rightly stay as in English (a product name): the translation if any, else the English. */
function englishOrTranslated(bundle: Bundle, english: Bundle, key: string): string {
  const entry = bundle[key] ?? english[key];
  if (entry === undefined) throw new Error(`package.nls.json has no key ${key}`);
  return typeof entry === 'string' ? entry : entry.message;
}

/** Asserts that `text` (read from the page) reads in Chinese: CJK characters, and not the English. */
export function assertChinese(text: string, english: string, where: string): void {
  assert.ok(CJK.test(text), `${where} has no Chinese: ${JSON.stringify(text)}`);
  assert.notStrictEqual(text.trim(), english.trim(), `${where} shows the English fallback`);
}
