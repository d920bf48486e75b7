// Reading one page of a get_joined_group_list answer over the shared envelope.

import * as l10n from '@vscode/l10n';
import { groupTypeName, memberRoleName } from './group-names';
import { isRecord, parseEnvelope, problem, type Parsed } from './envelope';

/** One group of the account: `type` and `role` in the contract's names (see group-names.ts). */
export interface JoinedGroup {
  groupId: string;
  /** "" when the server left Type out (documented as possible for AVChatRoom groups). */
  type: string;
  name?: string;
  /** "" when the server left SelfInfo.Role out (AVChatRoom data "may be incomplete"). */
  role: string;
}

export interface JoinedGroupsPage {
  /** How many groups the account is in (TotalCount). */
  totalCount?: number;
  groups: JoinedGroup[];
}

/** Objects and arrays a page of `limit` groups may hold: each group, its SelfInfo, a little room, and the envelope. */
export function maxJoinedPageContainers(limit: number): number {
  return 6 * limit + 128;
}

/**
 * Reads a page. A group without a string GroupId makes the page BAD_RESPONSE; a Type, Name or Role of the
 * wrong type is left empty or out, so one odd group does not hide the others. A role the server reports as
 * NotMember is an odd answer for a joined group and is shown as "".
 */
export function parseJoinedGroupsPage(status: number, body: Uint8Array, limit: number, secrets: readonly string[] = []): Parsed<JoinedGroupsPage> {
  const envelope = parseEnvelope(status, body, secrets, maxJoinedPageContainers(limit));
  if (!envelope.ok) return envelope;
  const json = envelope.value;
  const list = json.GroupIdList ?? [];
  if (!Array.isArray(list)) return problem('BAD_RESPONSE', l10n.t('{0} in the response is not an array', 'GroupIdList'));
  const groups: JoinedGroup[] = [];
  for (let i = 0; i < list.length; i++) {
    const entry: unknown = list[i];
    if (!isRecord(entry)) return problem('BAD_RESPONSE', l10n.t('{0} in the response is not an object', `GroupIdList[${i}]`));
    const groupId = entry.GroupId;
    if (typeof groupId !== 'string' || groupId === '') return problem('BAD_RESPONSE', l10n.t('{0} in the response is not a non-empty string', `GroupIdList[${i}].GroupId`));
    const self = isRecord(entry.SelfInfo) ? entry.SelfInfo : {};
    // Tencent's generated SDK types this Type as an integer whose numbering no page gives: kept as its text (guess).
    const type = typeof entry.Type === 'number' && Number.isSafeInteger(entry.Type) ? String(entry.Type) : (groupTypeName(entry.Type) ?? '');
    const group: JoinedGroup = { groupId, type, role: memberRoleName(self.Role) ?? '' };
    if (typeof entry.Name === 'string') group.name = entry.Name;
    groups.push(group);
  }
  const page: JoinedGroupsPage = { groups };
  if (typeof json.TotalCount === 'number' && Number.isSafeInteger(json.TotalCount) && json.TotalCount >= 0) page.totalCount = json.TotalCount;
  return { ok: true, value: page };
}
