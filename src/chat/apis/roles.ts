// get_role_in_group: the roles of many accounts in many groups. Plans the batches (at most 500 accounts
// each, every group asking for the same chunks), feeds them to the request path through the query's
// worker pool, and puts each answer's outcomes in place; results.ts assembles them.

import * as l10n from '@vscode/l10n';
import { parseRoleResponse, type RoleAnswer } from '../parse/roles';
import { runBatches, type Failure, type Query } from '../query';
import type { CallResult, RequestPath } from '../request-path';
import { formatError } from '../errors';
import { checkAccount, checkGroupId, clipAccountName } from '../text/ids';
import { inSlices } from '../turns';
import type { GroupResult } from '../types';
import { assembleRoles, FailureCache, type Outcome } from './results';

export const MAX_ACCOUNTS_PER_REQUEST = 500;
function loggedName(name: string): string {
  return JSON.stringify(clipAccountName(name));
}

/**
 * Most group × account pairs one check may ask for: 10⁶ pairs are 2,000 requests of 500 accounts and
 * results the views can still hold. Beyond it nothing is sent and every account ends in INVALID_INPUT.
 */
export const MAX_PAIRS_PER_CHECK = 1_000_000;

interface Chunk {
  indices: number[];
  accounts: string[];
  json: string;
}

/** Every outcome filled in: a role, a local refusal, or what the server said. */
export async function askRoles(path: RequestPath, query: Query, groups: string[], names: string[], workers: number): Promise<GroupResult[]> {
  const failures = new FailureCache();
  // Accounts that cannot be sent fail on their own; the rest go in chunks of at most 500.
  const sendable: number[] = [];
  const refused = new Array<Failure | undefined>(names.length);
  await inSlices(names.length, (i) => {
    const reason = checkAccount(names[i]);
    if (reason === undefined) sendable.push(i);
    else refused[i] = failures.get('INVALID_INPUT', reason);
  });
  const groupProblems = groups.map((groupId) => {
    const reason = checkGroupId(groupId);
    return reason === undefined ? undefined : failures.get('INVALID_INPUT', reason);
  });
  const sent = groups.flatMap((_, g) => (groupProblems[g] ? [] : [g]));
  // A row of outcomes per group, made when its first answer arrives.
  const rows = new Array<Outcome[] | undefined>(groups.length);
  const chunkCount = Math.ceil(sendable.length / MAX_ACCOUNTS_PER_REQUEST);
  const total = sent.length * chunkCount;
  await runBatches(query, total, batchesOf(sent, sendable, names), workers, async ({ group, chunk }, b) => {
    const label = `batch ${b + 1}/${total}, ${groups[group]}`;
    // Byte for byte JSON.stringify({ GroupId, User_Account }).
    const body = `{"GroupId":${JSON.stringify(groups[group])},"User_Account":${chunk.json}}`;
    const result = await path.send(query, 'get_role_in_group', body, label, (status, bytes) => parseRoleResponse(status, bytes, chunk.accounts, query.secrets));
    placeRoles(query, result, chunk.indices, (rows[group] ??= new Array<Outcome>(names.length)), label);
  });
  const results: GroupResult[] = [];
  for (let g = 0; g < groups.length; g++) {
    const row = rows[g];
    const groupProblem = groupProblems[g];
    // A sent group without a row had no batch (every account refused locally).
    const outcomeAt = groupProblem ? (i: number) => refused[i] ?? groupProblem : (i: number) => refused[i] ?? (row as Outcome[])[i];
    results.push(await assembleRoles(groups[g], names, outcomeAt));
  }
  return results;
}

/**
 * The batches, made one at a time as the pool takes them. Every group asks for the same accounts: each
 * chunk, and its JSON, is built once, when the first group needs it.
 */
function* batchesOf(groups: number[], sendable: number[], names: string[]): Generator<{ group: number; chunk: Chunk }> {
  const chunks: Chunk[] = [];
  for (const group of groups) {
    for (let c = 0; c * MAX_ACCOUNTS_PER_REQUEST < sendable.length; c++) {
      if (!chunks[c]) {
        const indices = sendable.slice(c * MAX_ACCOUNTS_PER_REQUEST, (c + 1) * MAX_ACCOUNTS_PER_REQUEST);
        const accounts = indices.map((i) => names[i]);
        chunks[c] = { indices, accounts, json: JSON.stringify(accounts) };
      }
      yield { group, chunk: chunks[c] };
    }
  }
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
    query.log('warn', l10n.t('{0}: the server reported {1} account(s) that were not asked for, ignored: {2}', label, answer.unrequestedCount, `${answer.unrequested.map(loggedName).join(', ')}${more}`));
  }
  if (answer.conflicting.length > 0) {
    query.log('warn', l10n.t('{0}: the server reported different roles for the same account; the first was kept: {1}', label, answer.conflicting.map(loggedName).join(', ')));
  }
}

/** Every account of every group in the same failure (a query that could not start). */
export async function rolesAllFailed(groups: string[], names: string[], failure: Failure): Promise<GroupResult[]> {
  const results: GroupResult[] = [];
  for (const groupId of groups) results.push(await assembleRoles(groupId, names, () => failure));
  return results;
}

/**
 * The answer to a check over MAX_PAIRS_PER_CHECK: nothing is sent, and each group's one error names all
 * its accounts (one array shared by the groups, so that the answer costs no more than the question).
 */
export function rolesTooMany(groups: string[], names: string[]): GroupResult[] {
  const pairs = groups.length * names.length;
  const detail = l10n.t('this check asks for {0} group(s) × {1} account(s) = {2} pairs, more than the {3} one check may ask for; nothing was sent: check fewer groups or accounts at a time', groups.length, names.length, pairs, MAX_PAIRS_PER_CHECK);
  const message = formatError('INVALID_INPUT', detail);
  return groups.map((groupId) => ({ groupId, roles: [], errors: [{ code: 'INVALID_INPUT', message, accounts: names }] }));
}
