// After an app's credentials change: the groups whose last check failed on credentials, to check again.
import { describeError } from '../chat/errors';
import type { GroupRecord } from '../results/record';
import type { ResultsStore } from '../results/store';
import { batchByAccounts } from './batches';
import type { CheckRequest } from './checker';

/** The app's records whose last check failed on its credentials and that can be checked again as they were. */
export function failedOnCredentials(results: ResultsStore, app: string): GroupRecord[] {
  return results.all().filter((r) => r.app === app && r.accounts?.length && r.errors.some((e) => describeError(e.code).scope === 'credentials'));
}

/** Those records as check requests of that app (grouped by their accounts, as Check Again sends them). */
export function recheckRequests(records: readonly GroupRecord[], app: string): CheckRequest[] {
  return batchByAccounts(records.map((r) => ({ groupId: r.groupId, accounts: r.accounts ?? [], app })));
}
