import type * as vscode from 'vscode';
import { checkAccount } from '../chat/text/ids';
import { isCheckableList, storedBytes } from '../results/stored';

const BY_GROUP_KEY = 'chatRoles.accountsByGroup.v1';
const RECENT_KEY = 'chatRoles.recentAccountLists.v1';
const MAX_RECENT_LISTS = 10;
const MAX_GROUPS = 200;
/**
 * Longer lists are not remembered: they would bloat state (a 100,000-account check stored ~1 MB) and
 * prefill the prompt with text no one edits. Not truncated either: a silently shortened prefill would
 * check fewer accounts than the user meant.
 */
export const MAX_REMEMBERED_ACCOUNTS = 2000;
/** What the per-group lists may take together in workspace state (the stored results take the rest of 2 MB). */
const BY_GROUP_BUDGET_BYTES = 400_000;
/**
 * What the recent lists may take in global state, which every window loads: ten lists of 2,000 accounts of
 * at most 32 bytes fit; older lists go first.
 */
const RECENT_BUDGET_BYTES = 800_000;

/**
 * The account lists used before (accounts are user IDs, never secrets): per group in workspace state,
 * the most recent lists overall in global state.
 */
export class RecentAccounts {
  constructor(
    private readonly workspace: vscode.Memento,
    private readonly global: vscode.Memento,
  ) {}

  forGroup(groupId: string): string[] | undefined {
    const map = this.workspace.get<Record<string, string[]>>(BY_GROUP_KEY) ?? {};
    const list: unknown = Object.hasOwn(map, groupId) ? map[groupId] : undefined;
    return isCheckableList(list) ? list : undefined;
  }

  /** The remembered lists, newest first; a list state holds that could not be sent again is not offered. */
  lists(): string[][] {
    const lists = this.global.get<unknown>(RECENT_KEY);
    return Array.isArray(lists) ? lists.filter(isCheckableList) : [];
  }

  /** Remembers the accounts of a check; only sendable ones (a refused account is not worth offering again). */
  async remember(groupIds: readonly string[], given: readonly string[]): Promise<void> {
    const accounts = given.filter((a) => checkAccount(a) === undefined);
    if (!accounts.length) return;
    const tooLong = accounts.length > MAX_REMEMBERED_ACCOUNTS;
    const map = { ...(this.workspace.get<Record<string, string[]>>(BY_GROUP_KEY) ?? {}) };
    for (const id of groupIds) {
      delete map[id];
      // A list too long to keep still replaces the group's older one: that one is no longer its last.
      if (!tooLong) map[id] = [...accounts];
    }
    const ids = Object.keys(map);
    for (const stale of ids.slice(0, Math.max(0, ids.length - MAX_GROUPS))) delete map[stale];
    let bytes = storedBytes(map);
    for (const stale of Object.keys(map)) {
      if (bytes <= BY_GROUP_BUDGET_BYTES) break;
      bytes -= storedBytes(map[stale]) + storedBytes(stale) + 2;
      delete map[stale];
    }
    if (tooLong) {
      await this.workspace.update(BY_GROUP_KEY, map);
      return;
    }
    const key = accounts.join('\n');
    const lists = [[...accounts], ...this.lists().filter((l) => l.join('\n') !== key)].slice(0, MAX_RECENT_LISTS);
    while (lists.length > 1 && storedBytes(lists) > RECENT_BUDGET_BYTES) lists.pop();
    await Promise.all([this.workspace.update(BY_GROUP_KEY, map), this.global.update(RECENT_KEY, lists)]);
  }
}
