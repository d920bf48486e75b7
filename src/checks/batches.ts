import type * as vscode from 'vscode';
import { MAX_ACCOUNTS_PER_REQUEST } from '../chat/apis/roles';
import { MAX_GROUPS_PER_CHECK, type CheckRequest } from './checker';

/** One group to check again: its accounts and, when known, where its ID stands. */
export interface GroupToCheck {
  groupId: string;
  accounts: readonly string[];
  source?: { uri: vscode.Uri; range: vscode.Range };
  /** The app it was checked with (the active app when absent). */
  app?: string;
}

/** Groups checked with the same app and accounts share a query (at most MAX_GROUPS_PER_CHECK each). */
export function batchByAccounts(groups: readonly GroupToCheck[]): CheckRequest[] {
  type Batch = CheckRequest & { sources: Map<string, { uri: vscode.Uri; range: vscode.Range }> };
  const batches: Batch[] = [];
  const open = new Map<string, Batch>();
  for (const g of groups) {
    const key = JSON.stringify([g.app ?? null, g.accounts]);
    let batch = open.get(key);
    if (!batch || batch.groupIds.length >= MAX_GROUPS_PER_CHECK) {
      batch = { groupIds: [], accounts: [...g.accounts], sources: new Map(), app: g.app };
      batches.push(batch);
      open.set(key, batch);
    }
    batch.groupIds.push(g.groupId);
    if (g.source) batch.sources.set(g.groupId, g.source);
  }
  return batches;
}

/** The requests a query will send: a batch of up to MAX_ACCOUNTS_PER_REQUEST distinct accounts per group. */
export function plannedRequests(query: Pick<CheckRequest, 'groupIds' | 'accounts'>): number {
  return new Set(query.groupIds).size * Math.ceil(new Set(query.accounts).size / MAX_ACCOUNTS_PER_REQUEST);
}
