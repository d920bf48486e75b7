import * as vscode from 'vscode';
import type { GroupRecord } from '../results/record';
import type { ListingsStore } from '../results/listings';
import type { ResultsStore } from '../results/store';
import { AccountGroupsNode, AllMembersNode, JoinedGroupNode, ListedGroupNode, NoteNode, OwnerAdminsNode, ownerAdminsChildren } from './listingNodes';
import { FoldNode } from './foldNode';
import { GroupNode, type RolesNode } from './nodes';
import { RecentChangesNode, type TreeExtras } from './recentChangesNode';

/** Lists a group's owner and admins into the listings store (the tree cannot run queries itself). */
export type OwnerAdminsLoader = (groupId: string) => Promise<void>;

/**
 * The roles tree: one group node per checked group, its accounts and errors below, with Owner & Admins
 * (listed on expand) and All members; then groups only listed, then accounts whose groups were listed;
 * then Recent Changes.
 */
export class RolesTreeProvider implements vscode.TreeDataProvider<RolesNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RolesNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly listeners: vscode.Disposable[];
  /** Set once the listing service exists; until then Owner & Admins says it cannot list. */
  loadOwnerAdmins: OwnerAdminsLoader | undefined;
  /** Groups whose owner and admins are being listed, and why a listing could not start. */
  private readonly pending = new Set<string>();
  private readonly failures = new Map<string, string>();

  constructor(
    private readonly results: ResultsStore,
    private readonly listings?: ListingsStore,
    private readonly extras?: TreeExtras,
  ) {
    this.listeners = [results.onDidChange(() => this.changed.fire(undefined))];
    if (listings) this.listeners.push(listings.onDidChange(() => this.changed.fire(undefined)));
    if (extras) this.listeners.push(extras.onDidChange(() => this.changed.fire(undefined)));
  }

  getTreeItem(node: RolesNode): vscode.TreeItem {
    return node;
  }

  getChildren(node?: RolesNode): RolesNode[] {
    if (!node) return this.roots();
    if (node instanceof GroupNode) {
      const all = this.listings?.members(node.record.groupId, 'all');
      return [...node.children(), ...(this.listings ? [new OwnerAdminsNode(node, node.record.groupId)] : []), ...(all ? [new AllMembersNode(node, all)] : [])];
    }
    if (node instanceof OwnerAdminsNode) return this.ownerAdmins(node);
    if (node instanceof FoldNode || node instanceof RecentChangesNode) return node.children();
    if (node instanceof AllMembersNode || node instanceof AccountGroupsNode || node instanceof JoinedGroupNode || node instanceof ListedGroupNode) return node.children();
    return [];
  }

  getParent(node: RolesNode): RolesNode | undefined {
    return node instanceof GroupNode || node instanceof RecentChangesNode ? undefined : (node.parent as RolesNode | undefined);
  }

  /** The group node of a group ID (for reveal and commands given a plain ID). */
  groupNode(groupId: string): GroupNode | undefined {
    const record = this.results.get(groupId);
    return record ? this.toGroupNode(record) : undefined;
  }

  /** The group's type, from the check's get_group_info or else learned by a role change, decides its rows' menus. */
  private toGroupNode(record: GroupRecord): GroupNode {
    return new GroupNode(record, record.facts?.type ?? this.extras?.groupType(record.groupId));
  }

  /** The node showing a group's listing: its checked group node, or the listed-group node. */
  listedGroupNode(groupId: string): GroupNode | ListedGroupNode | undefined {
    const all = this.listings?.members(groupId, 'all');
    return this.groupNode(groupId) ?? (all && new ListedGroupNode(all));
  }

  /** The node of an account whose groups were listed. */
  accountGroupsNode(account: string): AccountGroupsNode | undefined {
    const record = this.listings?.accountGroups(account);
    return record && new AccountGroupsNode(record);
  }

  private roots(): RolesNode[] {
    const groups = this.results.all().map((r) => this.toGroupNode(r));
    const changes = this.extras?.recentChanges() ?? [];
    const recent = changes.length ? [new RecentChangesNode(changes)] : [];
    if (!this.listings) return [...groups, ...recent];
    const checked = new Set(groups.map((g) => g.record.groupId));
    const listed = this.listings.listedGroups().filter((r) => !checked.has(r.groupId)).map((r) => new ListedGroupNode(r));
    return [...groups, ...listed, ...this.listings.accounts().map((r) => new AccountGroupsNode(r)), ...recent];
  }

  /**
   * The stored listing; else a note while one is made (progress shows in the view, and the tree refreshes
   * when it is stored). A failure to list (no credentials, say) shows once; the next expand tries again.
   */
  private ownerAdmins(node: OwnerAdminsNode): RolesNode[] {
    const record = this.listings?.members(node.groupId, 'ownerAdmins');
    if (record) return ownerAdminsChildren(node, record);
    const failure = this.failures.get(node.groupId);
    if (failure !== undefined) {
      this.failures.delete(node.groupId);
      return [new NoteNode(node, failure)];
    }
    const load = this.loadOwnerAdmins;
    if (!load) return [new NoteNode(node, 'Owner and admins cannot be listed here')];
    if (!this.pending.has(node.groupId)) {
      this.pending.add(node.groupId);
      load(node.groupId).then(
        () => {
          // Stored (the store's change refreshes the tree), or cancelled: either way the note must go.
          this.pending.delete(node.groupId);
          this.changed.fire(undefined);
        },
        (err: unknown) => {
          this.pending.delete(node.groupId);
          this.failures.set(node.groupId, err instanceof Error ? err.message : String(err));
          this.changed.fire(undefined);
        },
      );
    }
    return [new NoteNode(node, 'Listing the owner and admins…')];
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
    this.changed.dispose();
  }
}
