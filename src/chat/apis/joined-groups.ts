// get_joined_group_list: every group an account is in, with its own role there, paged by Offset/Limit to
// the end or to a cap. Asks for AVChatRoom and inactive Work groups too (both left out by default).

import { formatError } from '../errors';
import { parseJoinedGroupsPage, type JoinedGroup } from '../parse/joined-groups';
import { reportProgress, type Failure, type Query } from '../query';
import type { RequestPath } from '../request-path';
import { checkAccount } from '../text/ids';

/** Groups asked for per request: the API page's example uses 50 and documents no maximum. */
export const GROUPS_PER_PAGE = 50;

export interface AccountGroups {
  account: string;
  groups: JoinedGroup[];
  /** True when the list stopped at the cap with more groups left. */
  truncated: boolean;
  /** Why the listing failed or stopped early; groups listed before it are kept. */
  error?: Failure;
}

/**
 * Lists up to `max` groups of `account`. Each page asks for one group more than the cap still allows, so
 * reaching the cap tells whether any group was left out. Community groups page by Offset here too: the
 * page documents no Next for this API (guess).
 */
export async function askAccountGroups(path: RequestPath, query: Query, account: string, max: number): Promise<AccountGroups> {
  const listing: AccountGroups = { account, groups: [], truncated: false };
  const reason = checkAccount(account);
  if (reason !== undefined) return { ...listing, error: { code: 'INVALID_INPUT', message: formatError('INVALID_INPUT', reason) } };
  query.total = 1;
  reportProgress(query);
  for (let page = 1; ; page++) {
    const limit = Math.min(GROUPS_PER_PAGE, max - listing.groups.length + 1);
    const body = JSON.stringify({
      Member_Account: account,
      Limit: limit,
      Offset: listing.groups.length,
      WithHugeGroups: 1,
      WithNoActiveGroups: 1,
      ResponseFilter: { GroupBaseInfoFilter: ['Type', 'Name'], SelfInfoFilter: ['Role'] },
    });
    const label = `page ${page}, groups of ${JSON.stringify(account)}`;
    const result = await path.send(query, 'get_joined_group_list', body, label, (status, bytes) => parseJoinedGroupsPage(status, bytes, limit, query.secrets));
    if (!result.ok) return { ...listing, error: result.failure };
    const { groups, totalCount } = result.value;
    query.done = page;
    query.total = Math.max(page, Math.ceil(Math.min(max, totalCount ?? 0) / GROUPS_PER_PAGE));
    reportProgress(query);
    const room = max - listing.groups.length;
    if (groups.length > room) {
      listing.groups.push(...groups.slice(0, room));
      listing.truncated = true;
      return listing;
    }
    listing.groups.push(...groups);
    if (groups.length < limit || (totalCount !== undefined && listing.groups.length >= totalCount)) return listing;
  }
}
