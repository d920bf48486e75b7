import * as vscode from 'vscode';
import { groupIdAt } from '../chat/text/ids';
import type { ResultsStore } from '../results/store';
import { summarizeRecord } from '../results/summary';
import { markdownText } from '../ui/foreignText';
import { roleWord, sortByRole } from '../ui/roleWords';
import { formatLocalTime } from '../ui/time';
import { errorSeverity, severityIcon } from '../ui/severity';

/** Hovering a group ID that was checked shows the last result. */
export class RoleHover implements vscode.HoverProvider {
  constructor(private readonly results: ResultsStore) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!this.results.all().length) return undefined;
    const line = document.lineAt(position.line);
    const lineStart = document.offsetAt(line.range.start);
    const at = groupIdAt(line.text, position.character);
    const records = at ? this.results.all().filter((r) => r.groupId === at.id) : [];
    if (!at || !records.length) return undefined;
    const md = new vscode.MarkdownString(undefined, true);
    // One section per app that checked this group. Accounts, codes and the app come from the selected text,
    // the server or stored state: escaped.
    for (const record of records) {
      const heading = vscode.l10n.t(
        '**Chat Roles** — {0} (app {1}, SDKAppID {2}, {3})',
        summarizeRecord(record),
        markdownText(record.app),
        markdownText(String(record.sdkAppId)),
        formatLocalTime(record.checkedAt),
      );
      md.appendMarkdown(`${heading}\n\n`);
      // Owners and admins first, as in the tree: they are what a hover is usually for.
      for (const r of sortByRole(record.roles).slice(0, 20)) md.appendMarkdown(`- ${markdownText(r.account)}: ${roleWord(r.role)}\n`);
      if (record.roles.length > 20) md.appendMarkdown(`- ${vscode.l10n.t('… {0} more in the Chat Roles view', String(record.roles.length - 20))}\n`);
      for (const e of record.errors) {
        md.appendMarkdown(`- $(${severityIcon(errorSeverity(e.code)).id}) ${vscode.l10n.t('{0}: {1} account(s)', markdownText(String(e.code)), String(e.accounts.length))}\n`);
      }
      md.appendMarkdown('\n');
    }
    const range = new vscode.Range(document.positionAt(lineStart + at.start), document.positionAt(lineStart + at.end));
    return new vscode.Hover(md, range);
  }
}
