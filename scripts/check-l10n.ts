// The translation completeness check (run by the unit layer, test/unit/l10n.test.ts; by hand:
// `npm run check:l10n`). It fails when
//  - a string of the code (found by @vscode/l10n-dev's extractor, plus the error catalogue's texts, which the
//    extractor cannot see) or a %key% of package.json has no entry in a language's bundle;
//  - a bundle holds a key that nothing uses;
//  - a translation's placeholders ({0}, {name}) differ from the English ones.
import { getL10nJson, type l10nJsonFormat } from '@vscode/l10n-dev';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { catalogueTexts } from '../src/chat/errors';

export interface L10nCheckOptions {
  /** The extension's folder: package.json, package.nls*.json and the l10n folder package.json names. */
  root: string;
  /** Folders (relative to root) whose .ts files hold the l10n.t / vscode.l10n.t calls. */
  sources: readonly string[];
  /** Languages that must be complete, as in the file names (`zh-cn`). */
  languages: readonly string[];
  /** English texts passed to l10n.t as data rather than literals (the error catalogue). */
  dataTexts?: readonly string[];
}

/** Key → message; in the set of keys in use, undefined when the English text is itself missing. */
type Messages = Map<string, string>;
type UsedMessages = Map<string, string | undefined>;

/** Every problem found, one readable line each; empty when the translations are complete. */
export async function checkL10n(options: L10nCheckOptions): Promise<string[]> {
  const problems: string[] = [];
  const manifest = readJson(options.root, 'package.json') as { l10n?: unknown };
  const used: UsedMessages = await codeMessages(options);
  for (const text of options.dataTexts ?? []) used.set(text, text);
  if (used.size > 0 || typeof manifest.l10n === 'string') {
    if (typeof manifest.l10n !== 'string') {
      problems.push('package.json has no "l10n" field naming the folder of the bundles, so VS Code loads none');
    } else {
      for (const language of options.languages) {
        const file = join(manifest.l10n, `bundle.l10n.${language}.json`);
        compare(problems, used, readMessages(options.root, file), file, language, 'a string of the code');
      }
    }
  }
  const keys = manifestKeys(manifest);
  if (keys.size > 0 || existsSync(join(options.root, 'package.nls.json'))) {
    // The manifest's keys are names: their English text comes from package.nls.json.
    const english = readMessages(options.root, 'package.nls.json');
    const withEnglish: UsedMessages = new Map([...keys].map((key) => [key, english.get(key)]));
    compare(problems, withEnglish, english, 'package.nls.json', 'en', 'a %key% of package.json');
    for (const language of options.languages) {
      const file = `package.nls.${language}.json`;
      compare(problems, withEnglish, readMessages(options.root, file), file, language, 'a %key% of package.json');
    }
  }
  return problems;
}

/** The messages of the code's l10n.t calls: key (message, or message/comment) → English message. */
async function codeMessages(options: L10nCheckOptions): Promise<Messages> {
  const files = options.sources.flatMap((dir) => listTs(join(options.root, dir)));
  const extracted: l10nJsonFormat = files.length
    ? await getL10nJson(files.map((file) => ({ contents: readFileSync(file, 'utf8'), extension: '.ts' })))
    : {};
  return new Map(Object.entries(extracted).map(([key, value]) => [key, typeof value === 'string' ? value : value.message]));
}

/** Checks one language's file against the keys in use: missing, unused, placeholders that differ. */
function compare(problems: string[], used: UsedMessages, bundle: Messages, file: string, language: string, what: string): void {
  for (const [key, english] of used) {
    const translated = bundle.get(key);
    if (translated === undefined) {
      problems.push(`${file}: no ${language} entry for ${what}: ${JSON.stringify(key)}`);
      continue;
    }
    if (english === undefined) continue; // reported as missing from package.nls.json
    const expected = placeholders(english);
    const found = placeholders(translated);
    if (expected !== found) {
      problems.push(`${file}: placeholders of ${JSON.stringify(key)} differ: English has [${expected}], ${language} has [${found}]`);
    }
  }
  for (const key of bundle.keys()) {
    if (!used.has(key)) problems.push(`${file}: unused key (nothing uses it): ${JSON.stringify(key)}`);
  }
}

/** The placeholders of a message, sorted and joined: "{0},{1}" (a repeated one counts once). */
function placeholders(message: string): string {
  return [...new Set(message.match(/\{[^{}]+\}/g) ?? [])].sort().join(',');
}

/** Every %key% string anywhere in package.json. */
function manifestKeys(manifest: unknown): Set<string> {
  const keys = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      const match = /^%([^%\s]+)%$/.exec(value);
      if (match) keys.add(match[1]);
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(visit);
    }
  };
  visit(manifest);
  return keys;
}

/** A bundle or nls file as key → message (a missing file is an empty one, so every key shows as missing). */
function readMessages(root: string, file: string): Messages {
  if (!existsSync(join(root, file))) return new Map();
  const json = readJson(root, file) as l10nJsonFormat;
  return new Map(Object.entries(json).map(([key, value]) => [key, typeof value === 'string' ? value : value.message]));
}

function readJson(root: string, file: string): unknown {
  return JSON.parse(readFileSync(join(root, file), 'utf8')) as unknown;
}

function listTs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listTs(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** This repository: src/ and the manifest in Simplified Chinese, with the error catalogue's texts. */
export async function checkRepository(root: string): Promise<string[]> {
  return checkL10n({ root, sources: ['src'], languages: ['zh-cn'], dataTexts: catalogueTexts() });
}

if (require.main === module) {
  // Run from out/scripts/ (npm run check:l10n builds first).
  void (async () => {
    const root = join(__dirname, '..', '..');
    const problems = await checkRepository(root);
    for (const line of problems) console.error(line);
    console.log(problems.length ? `check-l10n: ${problems.length} problem(s) in ${relative(process.cwd(), root) || '.'}` : 'check-l10n: complete');
    process.exitCode = problems.length ? 1 : 0;
  })();
}
