// Copying a group's result: a Markdown table or the same JSON shape chatRoles.checkRoles returns.
import { toGroupJson, type GroupJson } from '../checks/result';
import { formatLocalTime } from '../ui/time';
import type { GroupRecord } from './results';

function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function recordToMarkdown(record: GroupRecord): string {
  const lines = [
    `**${cell(record.groupId)}** — app ${record.sdkAppId}, checked ${formatLocalTime(record.checkedAt)}`,
    '',
    '| Account | Role |',
    '| --- | --- |',
    ...record.roles.map((r) => `| ${cell(r.account)} | ${r.role} |`),
    ...record.errors.flatMap((e) => e.accounts.map((a) => `| ${cell(a)} | Error ${cell(String(e.code))}: ${cell(e.message)} |`)),
  ];
  return lines.join('\n') + '\n';
}

export function recordToJson(record: GroupRecord): GroupJson {
  return toGroupJson(record);
}
