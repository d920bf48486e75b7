// Copying a group's result: a Markdown table or the same JSON shape chatRoles.checkRoles returns. A group
// reloaded from a big check lists only its first accounts: both forms say so, with the full counts. The
// Markdown is for people (in the display language, through @vscode/l10n: no `vscode` import here); the JSON
// and CSV are a contract and stay English.
import * as l10n from '@vscode/l10n';
import { toGroupJson, type GroupJson } from '../results/json';
import { isPartial, unlisted, type GroupRecord, type RoleCounts } from '../results/record';
import { summarizeRecord } from '../results/summary';
import { markdownEscape as cell } from '../ui/foreignText';
import { roleWord } from '../ui/roleWords';
import { formatLocalTime } from '../ui/time';

/** A copied group; `partial` only when the record lists fewer accounts than were checked. */
export interface CopiedGroupJson extends GroupJson {
  partial?: { counts: RoleCounts; unlistedRoles: number; unlistedErrorAccounts: number; note: string };
}

/** The JSON's note (English in every language: the Markdown says it in the reader's words). */
const PARTIAL_NOTE = 'Only the first accounts were kept across a window reload; check the group again to list them all.';

export function recordToMarkdown(record: GroupRecord): string {
  const missing = unlisted(record);
  const lines = [
    l10n.t('**{0}** — app {1} (SDKAppID {2}), checked {3}', cell(record.groupId), cell(record.app), String(record.sdkAppId), formatLocalTime(record.checkedAt)),
    '',
    ...(isPartial(record)
      ? [
          l10n.t(
            'Partial list: {0} accounts are not listed ({1}). Only the first accounts were kept across a window reload; check the group again to list them all.',
            String(missing.roles + missing.errorAccounts),
            summarizeRecord(record),
          ),
          '',
        ]
      : []),
    `| ${l10n.t('Account')} | ${l10n.t('Role')} |`,
    '| --- | --- |',
    ...record.roles.map((r) => `| ${cell(r.account)} | ${roleWord(r.role)} |`),
    ...record.errors.flatMap((e) => e.accounts.map((a) => `| ${cell(a)} | ${l10n.t('Error {0}: {1}', cell(String(e.code)), cell(e.message))} |`)),
  ];
  return lines.join('\n') + '\n';
}

export function recordToJson(record: GroupRecord): CopiedGroupJson {
  const json: CopiedGroupJson = toGroupJson(record);
  if (isPartial(record)) {
    const missing = unlisted(record);
    json.partial = { counts: { ...record.counts }, unlistedRoles: missing.roles, unlistedErrorAccounts: missing.errorAccounts, note: PARTIAL_NOTE };
  }
  return json;
}

/**
 * Rows of a CSV copy: one per account, its role as the JSON contract names it (a spreadsheet filters on
 * stable codes, in every display language), or the error it got.
 */
export const CSV_HEADER = ['Group', 'Account', 'Role', 'Error code', 'Error message'] as const;

export function recordToCsvRows(record: GroupRecord): string[][] {
  return [
    ...record.roles.map((r) => [record.groupId, r.account, r.role, '', '']),
    ...record.errors.flatMap((e) => e.accounts.map((a) => [record.groupId, a, '', String(e.code), e.message])),
  ];
}
