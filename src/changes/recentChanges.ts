import * as vscode from 'vscode';
import type { RoleChangeEntry, TreeExtras } from '../views/recentChangesNode';

/** How many changes the view lists; older ones remain in the log. */
export const MAX_RECENT_CHANGES = 50;

/**
 * The role changes made in this window (newest first) and the group types learned while making them, for
 * the tree. Kept in memory only: the log keeps the record, and nothing here may be read back from state.
 */
export class RecentChanges implements TreeExtras, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private entries: RoleChangeEntry[] = [];
  private readonly types = new Map<string, string>();
  private nextId = 1;

  recentChanges(): readonly RoleChangeEntry[] {
    return this.entries;
  }

  get(id: number): RoleChangeEntry | undefined {
    return this.entries.find((e) => e.id === id);
  }

  add(entry: Omit<RoleChangeEntry, 'id'>): RoleChangeEntry {
    const added = { ...entry, id: this.nextId++ };
    this.entries = [added, ...this.entries].slice(0, MAX_RECENT_CHANGES);
    this.changed.fire();
    return added;
  }

  /** Forgets the listed changes and learned types (the log keeps the changes). */
  clear(): void {
    this.entries = [];
    this.types.clear();
    this.changed.fire();
  }

  groupType(groupId: string): string | undefined {
    return this.types.get(groupId);
  }

  learnGroupType(groupId: string, type: string): void {
    if (this.types.get(groupId) === type) return;
    this.types.set(groupId, type);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
