// Copying a listing (an account's groups, a group's members): a Markdown table, or the JSON its command
// returns. A listing reloaded from workspace state keeps its first entries: both forms say so. The Markdown
// is for people (in the display language, through @vscode/l10n: no `vscode` import here); the JSON is a
// contract and stays English.
import * as l10n from '@vscode/l10n';
import { groupTypeName } from '../results/groupFacts';
import { accountGroupsJson, membersJson, type AccountGroupsResultJson, type MembersResultJson } from '../results/listingJson';
import type { ListingRecord } from '../results/listings';
import { markdownEscape as cell } from '../ui/foreignText';
import { shownRole } from '../ui/roleWords';
import { formatLocalTime } from '../ui/time';
import { AccountGroupsNode, AllMembersNode, ListedGroupNode } from './listingNodes';

/** The JSON's note (English in every language: the Markdown says it in the reader's words). */
const PARTIAL_NOTE = 'Only the first entries were kept across a window reload; list them again to see them all.';

/** The listing a tree node shows, if it shows one. */
export function listingOfNode(node: unknown): ListingRecord | undefined {
  if (node instanceof AccountGroupsNode || node instanceof AllMembersNode || node instanceof ListedGroupNode) return node.record;
  return undefined;
}


/** A group type as the server named it: a known one as Tencent names it (its code in English), else as sent. */
function shownType(type: string): string {
  return groupTypeName(type) ?? type;
}

function unlistedCount(r: ListingRecord): number {
  return r.found - (r.kind === 'account' ? r.groups.length : r.members.length);
}

export function listingToMarkdown(r: ListingRecord): string {
  const hidden = unlistedCount(r);
  const notes = [
    ...(hidden > 0 ? [l10n.t('Partial list: {0} more are not listed. Only the first entries were kept across a window reload; list them again to see them all.', String(hidden))] : []),
    ...(r.truncated ? [l10n.t('Stopped at chatRoles.maxMembersListed: there are more.')] : []),
    ...(r.error ? [l10n.t('Error {0}: {1}', cell(String(r.error.code)), cell(r.error.message))] : []),
  ].flatMap((n) => [n, '']);
  if (r.kind === 'account') {
    return [
      l10n.t('**{0}** — groups in app {1}, listed {2}', cell(r.account), String(r.sdkAppId), formatLocalTime(r.listedAt)),
      '',
      ...notes,
      `| ${l10n.t('Group')} | ${l10n.t('Role')} | ${l10n.t('Type')} | ${l10n.t('Name')} |`,
      '| --- | --- | --- | --- |',
      ...r.groups.map((g) => `| ${cell(g.groupId)} | ${cell(shownRole(g.role))} | ${cell(shownType(g.type))} | ${cell(g.name ?? '')} |`),
    ].join('\n') + '\n';
  }
  const total = r.memberCount !== undefined ? l10n.t({ message: '{0} members', args: [String(r.memberCount)], comment: ["a group's total number of members"] }) : undefined;
  const facts = [r.type !== undefined ? shownType(r.type) : undefined, total].filter((f): f is string => f !== undefined).map(cell).join(' · ');
  const listed =
    r.scope === 'all'
      ? l10n.t('**{0}** — members in app {1}, listed {2}', cell(r.groupId), String(r.sdkAppId), formatLocalTime(r.listedAt))
      : l10n.t('**{0}** — owner and admins in app {1}, listed {2}', cell(r.groupId), String(r.sdkAppId), formatLocalTime(r.listedAt));
  return [
    `${listed}${facts ? ` — ${facts}` : ''}`,
    '',
    ...notes,
    `| ${l10n.t('Account')} | ${l10n.t('Role')} | ${l10n.t('Joined')} | ${l10n.t('Name card')} |`,
    '| --- | --- | --- | --- |',
    ...r.members.map((m) => `| ${cell(m.account)} | ${cell(shownRole(m.role))} | ${m.joinTime !== undefined ? new Date(m.joinTime * 1000).toISOString().slice(0, 10) : ''} | ${cell(m.nameCard ?? '')} |`),
  ].join('\n') + '\n';
}

/** The JSON its command returns, plus `partial` when a reload kept only the first entries. */
export function listingToJson(r: ListingRecord): (MembersResultJson | AccountGroupsResultJson) & { partial?: { unlisted: number; note: string } } {
  const json = r.kind === 'account' ? accountGroupsJson(r) : membersJson(r);
  const hidden = unlistedCount(r);
  return hidden > 0 ? { ...json, partial: { unlisted: hidden, note: PARTIAL_NOTE } } : json;
}
