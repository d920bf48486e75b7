// A group's result in words: the short form for the tree row's description (it must fit the default
// sidebar width) and the full form for tooltips, the hover and copies. One word per role (roleWords.ts).
// No `vscode` import: the words come from @vscode/l10n, which the VS Code layer hands the display
// language's bundle.
import * as l10n from '@vscode/l10n';
import type { Role } from '../chat/types';
import { errorAccountCount, ROLE_NAMES, totalRoles, type GroupRecord } from './record';

const NUMBER = new Intl.NumberFormat('en-US');

/** "1,197": thousands grouped, so a big group's counts read at a glance. */
export function formatCount(n: number): string {
  return NUMBER.format(n);
}

/** "1 owner", "2 admins", "1,197 members", "3 not in group". */
export function rolePhrase(role: Role, n: number): string {
  const c = formatCount(n);
  switch (role) {
    case 'Owner':
      return n === 1 ? l10n.t('1 owner') : l10n.t('{0} owners', c);
    case 'Admin':
      return n === 1 ? l10n.t('1 admin') : l10n.t('{0} admins', c);
    case 'Member':
      return n === 1 ? l10n.t('1 member') : l10n.t('{0} members', c);
    case 'NotMember':
      return l10n.t('{0} not in group', c);
  }
}

function errorPhrase(n: number): string {
  return n === 1 ? l10n.t('1 error') : l10n.t('{0} errors', formatCount(n));
}

/** "1 owner · 2 admins · 1,197 members · 1 error", from the counts (complete even when the lists are not). */
export function shortSummary(record: GroupRecord): string {
  const parts = ROLE_NAMES.filter((role) => record.counts[role] > 0).map((role) => rolePhrase(role, record.counts[role]));
  if (record.errors.length) parts.push(errorPhrase(record.errors.length));
  return parts.join(' · ');
}

/** "1,201 checked · 1 owner · 2 admins · 1,197 members · 1 error". */
export function summarizeRecord(record: GroupRecord): string {
  const failed = record.errors.reduce((n, e) => n + errorAccountCount(e), 0);
  const checked = l10n.t('{0} checked', formatCount(totalRoles(record) + failed));
  const rest = shortSummary(record);
  return rest ? `${checked} · ${rest}` : checked;
}
