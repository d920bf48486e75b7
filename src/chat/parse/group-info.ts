// Reading get_group_info answers over the shared envelope: one outcome per requested group.

import * as l10n from '@vscode/l10n';
import { redactSecrets } from '../errors';
import type { ErrorCode } from '../types';
import { groupTypeName } from './group-names';
import { isRecord, MAX_QUOTE_CHARS, parseEnvelope, problem, type Parsed } from './envelope';

/** One group of a get_group_info answer. */
export interface GroupInfo {
  groupId: string;
  /** Work | Public | Meeting | AVChatRoom | Community (classic spellings mapped), or the server's own word. */
  type?: string;
  name?: string;
  ownerAccount?: string;
  memberNum?: number;
  /** The server's per-group (or whole-request) error code, when it gave one. */
  errorCode?: number;
  errorInfo?: string;
  /** Set whenever the group's info could not be had: the server's code or a local one, with a readable message. */
  error?: { code: ErrorCode; message: string };
}

/**
 * Objects and arrays an answer for `n` groups may hold: one object per group, room for a few array or
 * object fields in each (the filter asks for none), and the envelope.
 */
export function maxGroupInfoContainers(n: number): number {
  return 8 * n + 128;
}

/** One requested group of a get_group_info answer; `problem` is set when its info could not be had. */
export interface GroupInfoOutcome {
  info: GroupInfo;
  problem?: { code: ErrorCode; detail: string };
}

/**
 * Reads a get_group_info answer for the requested group IDs (unique, in request order): one outcome per
 * requested group. A group the server answered with an error keeps errorCode/errorInfo and gets that code
 * as its problem; a group it left out is MISSING_FROM_RESPONSE. A field of the wrong type is left out of
 * the GroupInfo rather than failing the group.
 */
export function parseGroupInfoResponse(
  status: number,
  body: Uint8Array,
  requested: readonly string[],
  secrets: readonly string[] = [],
): Parsed<GroupInfoOutcome[]> {
  const envelope = parseEnvelope(status, body, secrets, maxGroupInfoContainers(requested.length));
  if (!envelope.ok) return envelope;
  const list = envelope.value.GroupInfo;
  if (!Array.isArray(list)) return problem('BAD_RESPONSE', list === undefined ? l10n.t('{0} in the response is missing', 'GroupInfo') : l10n.t('{0} in the response is not an array', 'GroupInfo'));
  const index = new Map<string, number>();
  for (let i = 0; i < requested.length; i++) index.set(requested[i], i);
  const outcomes = new Array<GroupInfoOutcome | undefined>(requested.length).fill(undefined);
  for (let i = 0; i < list.length; i++) {
    const entry: unknown = list[i];
    if (!isRecord(entry)) return problem('BAD_RESPONSE', l10n.t('{0} in the response is not an object', `GroupInfo[${i}]`));
    const groupId = entry.GroupId;
    if (typeof groupId !== 'string') return problem('BAD_RESPONSE', l10n.t('{0} in the response is not a string', `GroupInfo[${i}].GroupId`));
    const at = index.get(groupId);
    if (at === undefined || outcomes[at] !== undefined) continue;
    outcomes[at] = readGroupInfo(entry, groupId, i, secrets);
  }
  return {
    ok: true,
    value: outcomes.map(
      (o, i) => o ?? { info: { groupId: requested[i] }, problem: { code: 'MISSING_FROM_RESPONSE', detail: l10n.t('the server\'s GroupInfo left this group out') } },
    ),
  };
}

function readGroupInfo(entry: Record<string, unknown>, groupId: string, i: number, secrets: readonly string[]): GroupInfoOutcome {
  const info: GroupInfo = { groupId };
  const code = entry.ErrorCode;
  if (code !== undefined && code !== 0) {
    if (typeof code !== 'number' || !Number.isSafeInteger(code)) {
      return { info, problem: { code: 'BAD_RESPONSE', detail: l10n.t('{0} in the response is not an integer', `GroupInfo[${i}].ErrorCode`) } };
    }
    info.errorCode = code;
    info.errorInfo = typeof entry.ErrorInfo === 'string' ? redactSecrets(entry.ErrorInfo.slice(0, MAX_QUOTE_CHARS), [...secrets]) : '';
    return { info, problem: { code, detail: info.errorInfo } };
  }
  const type = groupTypeName(entry.Type);
  if (type !== undefined) info.type = type;
  if (typeof entry.Name === 'string') info.name = entry.Name;
  if (typeof entry.Owner_Account === 'string') info.ownerAccount = entry.Owner_Account;
  if (typeof entry.MemberNum === 'number' && Number.isSafeInteger(entry.MemberNum)) info.memberNum = entry.MemberNum;
  return { info };
}
