// get_role_in_group: the roles of many accounts in many groups. Plans the batches (at most 500 accounts
// each, every group asking for the same chunks), feeds them to the request path through the query's
// worker pool, and puts each answer's outcomes in place; results.ts assembles them.

import { parseRoleResponse, type RoleAnswer } from '../parse/roles';
import { runBatches, type Failure, type Query } from '../query';
import type { CallResult, RequestPath } from '../request-path';
import { checkAccount, checkGroupId } from '../text/ids';
import type { GroupResult } from '../types';
import { assembleRoles, FailureCache, type Outcome } from './results';

export const MAX_ACCOUNTS_PER_REQUEST = 500;

interface Chunk {
  indices: number[];
  accounts: string[];
  json: string;
}

/** Every outcome filled in: a role, a local refusal, or what the server said. */
export async function askRoles(path: RequestPath, query: Query, groups: string[], names: string[], workers: number): Promise<GroupResult[]> {
  const outcomes: Outcome[][] = groups.map(() => new Array<Outcome>(names.length));
  const failures = new FailureCache();
  // Accounts that cannot be sent fail on their own; the rest go in chunks of at most 500.
  const sendable: number[] = [];
  const refused = names.map((name, i) => {
    const reason = checkAccount(name);
    if (reason === undefined) {
      sendable.push(i);
      return undefined;
    }
    return failures.get('INVALID_INPUT', reason);
  });
  // Every group asks for the same accounts: each chunk, and its JSON, is built once for all groups.
  const chunks: Chunk[] = [];
  for (let k = 0; k < sendable.length; k += MAX_ACCOUNTS_PER_REQUEST) {
    const indices = sendable.slice(k, k + MAX_ACCOUNTS_PER_REQUEST);
    const accounts = indices.map((i) => names[i]);
    chunks.push({ indices, accounts, json: JSON.stringify(accounts) });
  }
  const sent: number[] = [];
  groups.forEach((groupId, g) => {
    refused.forEach((failure, i) => failure && (outcomes[g][i] = failure));
    const groupProblem = checkGroupId(groupId);
    if (groupProblem === undefined) {
      sent.push(g);
      return;
    }
    const failure = failures.get('INVALID_INPUT', groupProblem);
    for (const i of sendable) outcomes[g][i] = failure;
  });
  const total = sent.length * chunks.length;
  await runBatches(query, total, batchesOf(sent, chunks), workers, async ({ group, chunk }, b) => {
    const label = `batch ${b + 1}/${total}, ${groups[group]}`;
    // Byte for byte JSON.stringify({ GroupId, User_Account }).
    const body = `{"GroupId":${JSON.stringify(groups[group])},"User_Account":${chunk.json}}`;
    const result = await path.send(query, 'get_role_in_group', body, label, (status, bytes) => parseRoleResponse(status, bytes, chunk.accounts, query.secrets));
    placeRoles(query, result, chunk.indices, outcomes[group], label);
  });
  return groups.map((groupId, g) => assembleRoles(groupId, names, outcomes[g]));
}

/** The batches, made one at a time as the pool takes them. */
function* batchesOf(groups: number[], chunks: Chunk[]): Generator<{ group: number; chunk: Chunk }> {
  for (const group of groups) for (const chunk of chunks) yield { group, chunk };
}

function placeRoles(query: Query, result: CallResult<RoleAnswer>, indices: number[], row: Outcome[], label: string): void {
  if (!result.ok) {
    for (const i of indices) row[i] = result.failure;
    return;
  }
  const answer = result.value;
  const failures = new FailureCache();
  answer.outcomes.forEach((outcome, k) => {
    row[indices[k]] = typeof outcome === 'string' ? outcome : failures.get(outcome.code, outcome.detail);
  });
  if (answer.unrequestedCount > 0) {
    const more = answer.unrequestedCount > answer.unrequested.length ? ', …' : '';
    query.log('warn', `${label}: the server reported ${answer.unrequestedCount} account(s) that were not asked for, ignored: ${answer.unrequested.map((a) => JSON.stringify(a)).join(', ')}${more}`);
  }
  if (answer.conflicting.length > 0) {
    query.log('warn', `${label}: the server reported different roles for the same account; the first was kept: ${answer.conflicting.map((a) => JSON.stringify(a)).join(', ')}`);
  }
}

/** Every account of every group in the same failure (a query that could not start). */
export function rolesAllFailed(groups: string[], names: string[], failure: Failure): GroupResult[] {
  return groups.map((groupId) => assembleRoles(groupId, names, new Array<Outcome>(names.length).fill(failure)));
}
