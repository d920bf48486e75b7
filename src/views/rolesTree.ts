import * as vscode from 'vscode';
import { AppNode } from './appNode';
import { GroupNode, type RolesNode } from './nodes';
import type { GroupRecord } from '../results/record';
import type { ResultsStore } from '../results/store';

/** What the tree needs to know of the apps: which exist and which is active (a structural view of the registry). */
export interface AppsView {
  list(): readonly { label: string }[];
  active(): string | null;
  readonly onDidChange: vscode.Event<void>;
}

/**
 * The roles tree: one group node per checked group and app, its accounts and errors below; app nodes at the
 * top when results of more than one app are present.
 */
export class RolesTreeProvider implements vscode.TreeDataProvider<RolesNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RolesNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly listeners: vscode.Disposable[];

  constructor(
    private readonly results: ResultsStore,
    private readonly apps?: AppsView,
  ) {
    this.listeners = [results.onDidChange(() => this.changed.fire(undefined))];
    if (apps) this.listeners.push(apps.onDidChange(() => this.changed.fire(undefined)));
  }

  getTreeItem(node: RolesNode): vscode.TreeItem {
    return node;
  }

  getChildren(node?: RolesNode): (RolesNode)[] {
    if (!node) {
      const byApp = this.byApp();
      if (byApp.size <= 1) return this.results.all().map((r) => new GroupNode(r));
      const known = new Set(this.apps?.list().map((a) => a.label));
      const active = this.apps?.active() ?? null;
      return [...byApp].map(([app, records]) => new AppNode(app, records, app === active, !this.apps || known.has(app)));
    }
    if (node instanceof AppNode) return node.children();
    return node instanceof GroupNode ? node.children() : [];
  }

  getParent(node: RolesNode): RolesNode | undefined {
    if (node instanceof AppNode) return undefined;
    if (node instanceof GroupNode) return this.byApp().size > 1 ? this.appNode(node.record.app) : undefined;
    return node.parent;
  }

  /** The group node of a group ID (for reveal and commands given a plain ID); without an app, its newest record. */
  groupNode(groupId: string, app?: string): GroupNode | undefined {
    const record = this.results.get(groupId, app);
    if (!record) return undefined;
    return new GroupNode(record, this.byApp().size > 1 ? this.appNode(record.app) : undefined);
  }

  private appNode(app: string): AppNode | undefined {
    const records = this.byApp().get(app);
    if (!records) return undefined;
    const known = !this.apps || this.apps.list().some((a) => a.label === app);
    return new AppNode(app, records, this.apps?.active() === app, known);
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

  dispose(): void {
    for (const l of this.listeners) l.dispose();
    this.changed.dispose();
  }
}

/** Keeps the view's description on this window's active app ("app dev"), as its title line shows it. */
export function describeActiveApp(treeView: vscode.TreeView<RolesNode>, apps: AppsView): vscode.Disposable {
  const update = () => {
    const active = apps.active();
    treeView.description = active === null ? undefined : `app ${active}`;
  };
  update();
  return apps.onDidChange(update);
}
