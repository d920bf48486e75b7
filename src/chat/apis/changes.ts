// The role writes: modify_group_member_info (Role Admin | Member) and change_group_owner. Both go over the
// shared request path with the write retry policy: a write is sent again only when an answer proves it was
// not applied (a slow-down code, a connection never made); after a timeout, a dropped connection or a 5xx
// its outcome is 'unknown', for the caller to learn with a read.

import { formatError } from '../errors';
import { parseEnvelope, type Parsed } from '../parse/envelope';
import type { Failure, Query } from '../query';
import type { Api, CallResult, RequestPath } from '../request-path';
import { checkAccount, checkGroupId } from '../text/ids';

/** The roles modify_group_member_info can give; Owner goes through change_group_owner. */
export type AssignableRole = 'Admin' | 'Member';

/**
 * What a write came to: `applied` is the write's own answer (true: accepted; false: refused or never sent;
 * 'unknown': sent, and no answer came). `error` is set unless it was accepted.
 */
export type WriteOutcome = { applied: true } | { applied: false | 'unknown'; error: Failure };

/** The answer is the envelope alone (a handful of objects at most). */
const MAX_WRITE_CONTAINERS = 16;

export function setMemberRole(path: RequestPath, query: Query, groupId: string, account: string, role: AssignableRole): Promise<WriteOutcome> {
  const label = `set role of ${JSON.stringify(account)} in ${groupId} to ${role}`;
  const refused = refuseUnsendable(groupId, account);
  if (refused) return Promise.resolve(refused);
  return write(path, query, 'modify_group_member_info', JSON.stringify({ GroupId: groupId, Member_Account: account, Role: role }), label);
}

export function changeGroupOwner(path: RequestPath, query: Query, groupId: string, newOwner: string): Promise<WriteOutcome> {
  const label = `transfer ownership of ${groupId} to ${JSON.stringify(newOwner)}`;
  const refused = refuseUnsendable(groupId, newOwner);
  if (refused) return Promise.resolve(refused);
  return write(path, query, 'change_group_owner', JSON.stringify({ GroupId: groupId, NewOwner_Account: newOwner }), label);
}

/** A write that could not start (the query failed before sending): nothing was applied. */
export function writeNotSent(failure: Failure): WriteOutcome {
  return { applied: false, error: failure };
}

function refuseUnsendable(groupId: string, account: string): WriteOutcome | undefined {
  const reason = checkGroupId(groupId) ?? checkAccount(account);
  return reason === undefined ? undefined : { applied: false, error: { code: 'INVALID_INPUT', message: formatError('INVALID_INPUT', reason) } };
}

async function write(path: RequestPath, query: Query, api: Api, body: string, label: string): Promise<WriteOutcome> {
  const parse = (status: number, bytes: Uint8Array): Parsed<true> => {
    const envelope = parseEnvelope(status, bytes, query.secrets, MAX_WRITE_CONTAINERS);
    return envelope.ok ? { ok: true, value: true } : envelope;
  };
  const result: CallResult<true> = await path.send(query, api, body, label, parse, 'write');
  if (result.ok) {
    query.log('debug', `${label}: accepted.`);
    return { applied: true };
  }
  const { uncertain, ...error } = result.failure;
  return { applied: uncertain ? 'unknown' : false, error };
}
