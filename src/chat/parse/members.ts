// Reading one page of a get_group_member_info answer over the shared envelope.

import * as l10n from '@vscode/l10n';
import { memberRoleName } from './group-names';
import { isRecord, parseEnvelope, problem, quoteValue, type Parsed } from './envelope';

/** One member as the contract reports it: `role` Owner | Admin | Member, or the server's own word. */
export interface Member {
  account: string;
  role: string;
  /** Unix seconds. */
  joinTime?: number;
  nameCard?: string;
}

export interface MemberPage {
  /** The group's total (MemberNum), whatever the role filter. */
  memberNum?: number;
  members: Member[];
  /** Community groups' cursor: "" (or absent) when the list is done. */
  next?: string;
}

/**
 * Objects and arrays a page of `limit` members may hold: one object per member, an AppMemberDefinedData
 * array with a few entries should the server send it despite the filter, and the envelope.
 */
export function maxMemberPageContainers(limit: number): number {
  return 8 * limit + 128;
}

/**
 * Reads a page. A member without a string Member_Account or a readable role makes the page BAD_RESPONSE
 * (the filter asked for both; the page is not what the API sends, and reading it again is safe). A
 * JoinTime or NameCard of the wrong type is left out; unknown fields are ignored.
 */
export function parseMemberPage(status: number, body: Uint8Array, limit: number, secrets: readonly string[] = []): Parsed<MemberPage> {
  const envelope = parseEnvelope(status, body, secrets, maxMemberPageContainers(limit));
  if (!envelope.ok) return envelope;
  const json = envelope.value;
  const list = json.MemberList ?? [];
  if (!Array.isArray(list)) return problem('BAD_RESPONSE', l10n.t('{0} in the response is not an array', 'MemberList'));
  const members: Member[] = [];
  for (let i = 0; i < list.length; i++) {
    const entry: unknown = list[i];
    if (!isRecord(entry)) return problem('BAD_RESPONSE', l10n.t('{0} in the response is not an object', `MemberList[${i}]`));
    const account = entry.Member_Account;
    if (typeof account !== 'string' || account === '') return problem('BAD_RESPONSE', l10n.t('{0} in the response is not a non-empty string', `MemberList[${i}].Member_Account`));
    const role = memberRoleName(entry.Role);
    if (role === undefined) {
      const shown = typeof entry.Role === 'string' ? quoteValue(entry.Role, secrets) : entry.Role === undefined ? 'missing' : typeof entry.Role;
      return problem('BAD_RESPONSE', l10n.t('{0} in the response is not a member\'s role ({1})', `MemberList[${i}].Role`, shown));
    }
    const member: Member = { account, role };
    if (typeof entry.JoinTime === 'number' && Number.isSafeInteger(entry.JoinTime) && entry.JoinTime >= 0) member.joinTime = entry.JoinTime;
    if (typeof entry.NameCard === 'string' && entry.NameCard !== '') member.nameCard = entry.NameCard;
    members.push(member);
  }
  const page: MemberPage = { members };
  if (typeof json.MemberNum === 'number' && Number.isSafeInteger(json.MemberNum) && json.MemberNum >= 0) page.memberNum = json.MemberNum;
  if (json.Next !== undefined) {
    if (typeof json.Next !== 'string') return problem('BAD_RESPONSE', l10n.t('{0} in the response is not a string', 'Next'));
    page.next = json.Next;
  }
  return { ok: true, value: page };
}

