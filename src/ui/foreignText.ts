// Text that came from a document, a setting, stored state or a server (group IDs, accounts, the admin
// identifier, a server's message) made inert before a surface that reads markup shows it. No `vscode`
// import: these are string rules, unit-tested on their own.

/** Breaks a sequence without changing what a reader sees. */
const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Line breaks and other control characters (C0, DEL and C1, which holds NEL, U+0085), which would end a
 * Markdown paragraph or a one-line label.
 */
const CONTROL = /[\p{Cc}\u2028\u2029]/gu;

/** VS Code's `$(name)` and `$(name~modifier)` icon syntax (names as the workbench accepts them). */
const ICON = /\$\([A-Za-z0-9-]+(?:~[A-Za-z0-9-]+)?\)/g;

/**
 * For plain-text surfaces that still read some markup: notifications and progress (`[label](command:…)`,
 * `[label](https:…)` become links), quick input titles, prompts, labels and details, the status bar and code
 * action titles (`$(name)` becomes an icon). A zero-width space between `]` and `(`, between `$` and `(`, and
 * after a URL scheme's colon leaves the text as it reads while no link, autolink or icon can form.
 */
export function plainText(text: string): string {
  return text
    .replace(CONTROL, ' ')
    .replace(/\]\(/g, `]${ZERO_WIDTH_SPACE}(`)
    .replace(/\$\(/g, `$${ZERO_WIDTH_SPACE}(`)
    .replace(/\b([a-z][a-z0-9+.-]*):(?=\S)/gi, `$1:${ZERO_WIDTH_SPACE}`)
    .replace(/\bwww\./gi, `www${ZERO_WIDTH_SPACE}.`);
}

/**
 * For any CommonMark renderer (a copied table pasted into GitHub or a wiki): renders as the text itself. Every
 * ASCII punctuation character is backslash-escaped, which CommonMark allows for all of them: no emphasis, code
 * span, link, image, HTML, heading, list or table cell break can start, and with `:`, `.` and `@` escaped no
 * bare URL, `www.` or e-mail address is autolinked either. Line breaks become spaces.
 */
export function markdownEscape(text: string): string {
  return text.replace(CONTROL, ' ').replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

/**
 * For a `MarkdownString` with theme icons on (all of ours): as markdownEscape, after giving `$(name)` the escape
 * VS Code's own `appendText` uses.
 */
export function markdownText(text: string): string {
  return markdownEscape(text.replace(ICON, (icon) => `\\${icon}`));
}
