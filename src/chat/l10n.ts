// How the core (no vscode) speaks the user's language: it calls @vscode/l10n's t() with whole English
// sentences, and the VS Code layer hands it the bundle VS Code loaded for the display language
// (vscode.l10n.bundle, from l10n/bundle.l10n.<language>.json). Without a bundle t() returns the English.
import * as l10n from '@vscode/l10n';

/** A loaded translation bundle: English text (or text/comment) → translated text. */
export type TranslationBundle = Readonly<Record<string, string | { message: string; comment: string[] }>>;

/**
 * Uses `bundle` for every later t() of this JavaScript bundle; undefined means English. extension.js and
 * chat-runtime.js each carry their own copy of @vscode/l10n, so each is given the bundle.
 */
export function useTranslations(bundle: TranslationBundle | undefined): void {
  l10n.config({ contents: { ...bundle } });
}

/** Items as one list in the display language: "China, Singapore", "中国、新加坡". */
export function listOf(items: readonly string[]): string {
  return items.join(l10n.t({ message: ', ', comment: ['Between the items of a list (China, Singapore).'] }));
}
