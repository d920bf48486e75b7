// Copying a group's result: a Markdown table or the same JSON shape chatRoles.checkRoles returns. A group
// reloaded from a big check lists only its first accounts: both forms say so, with the full counts.
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

const PARTIAL_NOTE = 'Only the first accounts were kept across a window reload; check the group again to list them all.';

export function recordToMarkdown(record: GroupRecord): string {
  const missing = unlisted(record);
  const lines = [
    `**${cell(record.groupId)}** — app ${cell(record.app)} (SDKAppID ${record.sdkAppId}), checked ${formatLocalTime(record.checkedAt)}`,
    '',
    ...(isPartial(record) ? [`Partial list: ${missing.roles + missing.errorAccounts} accounts are not listed (${summarizeRecord(record)}). ${PARTIAL_NOTE}`, ''] : []),
    '| Account | Role |',
    '| --- | --- |',
    ...record.roles.map((r) => `| ${cell(r.account)} | ${roleWord(r.role)} |`),
    ...record.errors.flatMap((e) => e.accounts.map((a) => `| ${cell(a)} | Error ${cell(String(e.code))}: ${cell(e.message)} |`)),
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
