// Copying a listing (an account's groups, a group's members): a Markdown table, or the JSON its command
// returns. A listing reloaded from workspace state keeps its first entries: both forms say so.
import { accountGroupsJson, membersJson, type AccountGroupsResultJson, type MembersResultJson } from '../results/listingJson';
import type { ListingRecord } from '../results/listings';
import { markdownEscape as cell } from '../ui/foreignText';
import { formatLocalTime } from '../ui/time';
import { AccountGroupsNode, AllMembersNode, ListedGroupNode } from './listingNodes';

const PARTIAL_NOTE = 'Only the first entries were kept across a window reload; list them again to see them all.';

/** The listing a tree node shows, if it shows one. */
export function listingOfNode(node: unknown): ListingRecord | undefined {
  if (node instanceof AccountGroupsNode || node instanceof AllMembersNode || node instanceof ListedGroupNode) return node.record;
  return undefined;
}

function unlistedCount(r: ListingRecord): number {
  return r.found - (r.kind === 'account' ? r.groups.length : r.members.length);
}

export function listingToMarkdown(r: ListingRecord): string {
  const hidden = unlistedCount(r);
  const notes = [
    ...(hidden > 0 ? [`Partial list: ${hidden} more are not listed. ${PARTIAL_NOTE}`] : []),
    ...(r.truncated ? ['Stopped at chatRoles.maxMembersListed: there are more.'] : []),
    ...(r.error ? [`Error ${cell(String(r.error.code))}: ${cell(r.error.message)}`] : []),
  ].flatMap((n) => [n, '']);
  if (r.kind === 'account') {
    return [
      `**${cell(r.account)}** — groups in app ${r.sdkAppId}, listed ${formatLocalTime(r.listedAt)}`,
      '',
      ...notes,
      '| Group | Role | Type | Name |',
      '| --- | --- | --- | --- |',
      ...r.groups.map((g) => `| ${cell(g.groupId)} | ${cell(g.role)} | ${cell(g.type)} | ${cell(g.name ?? '')} |`),
    ].join('\n') + '\n';
  }
  const facts = [r.type, r.memberCount !== undefined ? `${r.memberCount} members` : undefined].filter((f): f is string => f !== undefined).map(cell).join(' · ');
  return [
    `**${cell(r.groupId)}** — ${r.scope === 'all' ? 'members' : 'owner and admins'} in app ${r.sdkAppId}, listed ${formatLocalTime(r.listedAt)}${facts ? ` — ${facts}` : ''}`,
    '',
    ...notes,
    '| Account | Role | Joined | Name card |',
    '| --- | --- | --- | --- |',
    ...r.members.map((m) => `| ${cell(m.account)} | ${cell(m.role)} | ${m.joinTime !== undefined ? new Date(m.joinTime * 1000).toISOString().slice(0, 10) : ''} | ${cell(m.nameCard ?? '')} |`),
  ].join('\n') + '\n';
}

/** The JSON its command returns, plus `partial` when a reload kept only the first entries. */
export function listingToJson(r: ListingRecord): (MembersResultJson | AccountGroupsResultJson) & { partial?: { unlisted: number; note: string } } {
  const json = r.kind === 'account' ? accountGroupsJson(r) : membersJson(r);
  const hidden = unlistedCount(r);
  return hidden > 0 ? { ...json, partial: { unlisted: hidden, note: PARTIAL_NOTE } } : json;
}
