import * as vscode from 'vscode';
import type { GroupRecord } from '../results/record';
import type { ListingsStore } from '../results/listings';
import { AppNode } from './appNode';
import type { ResultsStore } from '../results/store';
import { AccountGroupsNode, AllMembersNode, JoinedGroupNode, ListedGroupNode, NoteNode, OwnerAdminsNode, ownerAdminsChildren } from './listingNodes';
import { FoldNode } from './foldNode';
import { GroupNode, type RolesNode } from './nodes';
import { RecentChangesNode, type TreeExtras } from './recentChangesNode';

/** What the tree needs to know of the apps: which exist and which is active (a structural view of the registry). */
export interface AppsView {
  list(): readonly { label: string }[];
  active(): string | null;
  readonly onDidChange: vscode.Event<void>;
}

/** Lists a group's owner and admins into the listings store (the tree cannot run queries itself). */
export type OwnerAdminsLoader = (groupId: string) => Promise<void>;

/**
 * The roles tree: one group node per checked group and app, its accounts and errors below, with Owner &
 * Admins (listed on expand) and All members; app nodes at the top when results of more than one app are
 * present; then groups only listed, then accounts whose groups were listed; then Recent Changes.
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
    private readonly parts: { apps?: AppsView; listings?: ListingsStore; extras?: TreeExtras } = {},
  ) {
    this.listeners = [results.onDidChange(() => this.changed.fire(undefined))];
    for (const part of [parts.apps, parts.listings, parts.extras]) if (part) this.listeners.push(part.onDidChange(() => this.changed.fire(undefined)));
  }

  getTreeItem(node: RolesNode): vscode.TreeItem {
    return node;
  }

  getChildren(node?: RolesNode): RolesNode[] {
    if (!node) return this.roots();
    if (node instanceof AppNode) return node.records.map((r) => this.toGroupNode(r, node));
    if (node instanceof GroupNode) {
      const all = this.parts.listings?.members(node.record.groupId, 'all');
      return [...node.children(), ...(this.parts.listings ? [new OwnerAdminsNode(node, node.record.groupId)] : []), ...(all ? [new AllMembersNode(node, all)] : [])];
    }
    if (node instanceof OwnerAdminsNode) return this.ownerAdmins(node);
    if (node instanceof FoldNode || node instanceof RecentChangesNode) return node.children();
    if (node instanceof AllMembersNode || node instanceof AccountGroupsNode || node instanceof JoinedGroupNode || node instanceof ListedGroupNode) return node.children();
    return [];
  }

  getParent(node: RolesNode): RolesNode | undefined {
    if (node instanceof AppNode || node instanceof RecentChangesNode) return undefined;
    if (node instanceof GroupNode) return this.byApp().size > 1 ? this.appNode(node.record.app) : undefined;
    return node.parent as RolesNode | undefined;
  }

  /** The group node of a group ID (for reveal and commands given a plain ID); without an app, its newest record. */
  groupNode(groupId: string, app?: string): GroupNode | undefined {
    const record = this.results.get(groupId, app);
    if (!record) return undefined;
    return this.toGroupNode(record, this.byApp().size > 1 ? this.appNode(record.app) : undefined);
  }

  /** The group's type, from the check's get_group_info or else learned by a role change, decides its rows' menus. */
  private toGroupNode(record: GroupRecord, parent?: AppNode): GroupNode {
    return new GroupNode(record, parent, record.facts?.type ?? this.parts.extras?.groupType(record.groupId));
  }

  private appNode(app: string): AppNode | undefined {
    const records = this.byApp().get(app);
    if (!records) return undefined;
    const apps = this.parts.apps;
    const known = !apps || apps.list().some((a) => a.label === app);
    return new AppNode(app, records, apps?.active() === app, known);
  }

  /** The records per app, in the order of each app's newest record. */
  private byApp(): Map<string, GroupRecord[]> {
    const byApp = new Map<string, GroupRecord[]>();
    for (const r of this.results.all()) {
      const list = byApp.get(r.app);
      if (list) list.push(r);
      else byApp.set(r.app, [r]);
    }
    return byApp;
  }

  /** The node showing a group's listing: its checked group node, or the listed-group node. */
  listedGroupNode(groupId: string): GroupNode | ListedGroupNode | undefined {
    const all = this.parts.listings?.members(groupId, 'all');
    return this.groupNode(groupId) ?? (all && new ListedGroupNode(all));
  }

  /** The node of an account whose groups were listed. */
  accountGroupsNode(account: string): AccountGroupsNode | undefined {
    const record = this.parts.listings?.accountGroups(account);
    return record && new AccountGroupsNode(record);
  }

  private roots(): RolesNode[] {
    const byApp = this.byApp();
    const apps = this.parts.apps;
    const known = new Set(apps?.list().map((a) => a.label));
    const active = apps?.active() ?? null;
    const groups = this.results.all().map((r) => this.toGroupNode(r));
    const top: RolesNode[] = byApp.size <= 1 ? groups : [...byApp].map(([app, records]) => new AppNode(app, records, app === active, !apps || known.has(app)));
    const changes = this.parts.extras?.recentChanges() ?? [];
    const recent = changes.length ? [new RecentChangesNode(changes)] : [];
    if (!this.parts.listings) return [...top, ...recent];
    const checked = new Set(groups.map((g) => g.record.groupId));
    const listed = this.parts.listings.listedGroups().filter((r) => !checked.has(r.groupId)).map((r) => new ListedGroupNode(r));
    return [...top, ...listed, ...this.parts.listings.accounts().map((r) => new AccountGroupsNode(r)), ...recent];
  }

  /**
   * The stored listing; else a note while one is made (progress shows in the view, and the tree refreshes
   * when it is stored). A failure to list (no credentials, say) shows once; the next expand tries again.
   */
  private ownerAdmins(node: OwnerAdminsNode): RolesNode[] {
    const record = this.parts.listings?.members(node.groupId, 'ownerAdmins');
    if (record) return ownerAdminsChildren(node, record);
    const failure = this.failures.get(node.groupId);
    if (failure !== undefined) {
      this.failures.delete(node.groupId);
      return [new NoteNode(node, failure)];
    }
    const load = this.loadOwnerAdmins;
    if (!load) return [new NoteNode(node, vscode.l10n.t('Owner and admins cannot be listed here'))];
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
    return [new NoteNode(node, vscode.l10n.t('Listing the owner and admins…'))];
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
    this.changed.dispose();
  }
}

/** Keeps the view's description on this window's active app ("app dev"), as its title line shows it. */
export function describeActiveApp(treeView: vscode.TreeView<RolesNode>, apps: AppsView): vscode.Disposable {
  const update = () => {
    const active = apps.active();
    treeView.description = active === null ? undefined : vscode.l10n.t('app {0}', active);
  };
  update();
  return apps.onDidChange(update);
}
