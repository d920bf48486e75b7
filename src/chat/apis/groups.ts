// get_group_info: type, name, owner and size of many groups, at most 50 per request.

import { formatError } from '../errors';
import { parseGroupInfoResponse, type GroupInfo, type GroupInfoOutcome } from '../parse/group-info';
import { runBatches, type Failure, type Query } from '../query';
import type { CallResult, RequestPath } from '../request-path';
import { checkGroupId } from '../text/ids';

export const MAX_GROUPS_PER_INFO_REQUEST = 50;
const BASE_INFO_FILTER = { GroupBaseInfoFilter: ['Type', 'Name', 'Owner_Account', 'MemberNum'] };

export async function askGroupInfo(path: RequestPath, query: Query, groups: string[], workers: number): Promise<GroupInfo[]> {
  const infos: GroupInfo[] = groups.map((groupId) => ({ groupId }));
  const sendable: number[] = [];
  groups.forEach((groupId, g) => {
    const reason = checkGroupId(groupId);
    if (reason === undefined) sendable.push(g);
    else infos[g].error = { code: 'INVALID_INPUT', message: formatError('INVALID_INPUT', reason) };
  });
  const total = Math.ceil(sendable.length / MAX_GROUPS_PER_INFO_REQUEST);
  await runBatches(query, total, slices(sendable, MAX_GROUPS_PER_INFO_REQUEST), workers, async (indices, b) => {
    const chunk = indices.map((g) => groups[g]);
    const body = JSON.stringify({ GroupIdList: chunk, ResponseFilter: BASE_INFO_FILTER });
    const label = `batch ${b + 1}/${total}, group info`;
    const result = await path.send(query, 'get_group_info', body, label, (status, bytes) => parseGroupInfoResponse(status, bytes, chunk, query.secrets));
    indices.forEach((g, k) => (infos[g] = groupInfoFrom(result, k, groups[g])));
  });
  return infos;
}

export function groupInfoAllFailed(groups: string[], failure: Failure): GroupInfo[] {
  return groups.map((groupId) => ({ groupId, error: failure }));
}

function* slices<T>(items: T[], size: number): Generator<T[]> {
  for (let k = 0; k < items.length; k += size) yield items.slice(k, k + size);
}

function groupInfoFrom(result: CallResult<GroupInfoOutcome[]>, k: number, groupId: string): GroupInfo {
  if (!result.ok) {
    const info: GroupInfo = { groupId, error: result.failure };
    if (typeof result.failure.code === 'number') info.errorCode = result.failure.code;
    return info;
  }
  const { info, problem } = result.value[k];
  if (problem) info.error = { code: problem.code, message: formatError(problem.code, problem.detail) };
  return info;
}
