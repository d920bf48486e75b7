// The recipe for running code-server (4.139) in another display language without a language pack from a
// registry. `--locale zh-cn` alone leaves everything in English: the server resolves a display language
// only through <user-data-dir>/languagepacks.json, and only when that entry names a `vscode` translation
// file that exists. So before the server starts we write that entry, pointing at a small translation file
// of our own, and then pass --locale. The server builds its cache under <user-data-dir>/clp/, the page loads
// its nls.messages.js, and in the extension host vscode.env.language reads the locale, so VS Code loads
// each extension's l10n/bundle.l10n.<locale>.json and package.nls.<locale>.json.
// Used by the UI layer's Chinese run (test/ui/chinese.test.ts) and `npm run demo -- --locale zh-cn`.
import * as fs from 'fs';
import * as path from 'path';

/** The display languages this recipe knows: the workbench label and a few core strings it translates. */
const LANGUAGES: Record<string, { label: string; core: Record<string, Record<string, string>> }> = {
  'zh-cn': {
    label: '中文(简体)',
    // A handful of the workbench's own strings (module → key → text, as VS Code's nls.keys.json names
    // them), so a test can tell the workbench itself runs in the language; everything else stays English.
    core: {
      'vs/workbench/contrib/files/browser/explorerViewlet': { explore: '资源管理器' },
      'vs/workbench/contrib/markers/browser/markers.contribution': { problems: '问题', 'status.problems': '问题' },
      'vs/workbench/contrib/markers/browser/messages': { 'markers.panel.title.problems': '问题' },
    },
  },
};

export const DISPLAY_LANGUAGES: readonly string[] = Object.keys(LANGUAGES);

/**
 * Prepares `userDataDir` for display language `locale` and returns the server arguments that select it.
 * Call before code-server starts.
 */
export function useDisplayLanguage(userDataDir: string, locale: string): string[] {
  const language = LANGUAGES[locale];
  if (!language) throw new Error(`no display-language recipe for ${locale}; known: ${DISPLAY_LANGUAGES.join(', ')}`);
  const translations = path.join(userDataDir, `core-translations.${locale}.json`);
  fs.writeFileSync(translations, JSON.stringify({ contents: language.core }));
  const packs = {
    [locale]: {
      hash: `chat-roles-${locale}`,
      // Any extension identifier will do: the server only needs an entry to resolve the language by.
      extensions: [{ extensionIdentifier: { id: 'chat-roles.display-language' }, version: '0.0.1' }],
      translations: { vscode: translations },
      label: language.label,
    },
  };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs));
  return ['--locale', locale];
}
