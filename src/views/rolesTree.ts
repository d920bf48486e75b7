import * as vscode from 'vscode';
import { FoldNode } from './foldNode';
import { GroupNode, type RolesNode } from './nodes';
import { RecentChangesNode, type TreeExtras } from './recentChangesNode';
import type { GroupRecord } from '../results/record';
import type { ResultsStore } from '../results/store';

/** The roles tree: one group node per checked group, its accounts and errors below; then Recent Changes. */
export class RolesTreeProvider implements vscode.TreeDataProvider<RolesNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RolesNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly listeners: vscode.Disposable[];

  constructor(
    private readonly results: ResultsStore,
    private readonly extras?: TreeExtras,
  ) {
    this.listeners = [results.onDidChange(() => this.changed.fire(undefined))];
    if (extras) this.listeners.push(extras.onDidChange(() => this.changed.fire(undefined)));
  }

  getTreeItem(node: RolesNode): vscode.TreeItem {
    return node;
  }

  getChildren(node?: RolesNode): RolesNode[] {
    if (!node) {
      const changes = this.extras?.recentChanges() ?? [];
      return [...this.results.all().map((r) => this.toGroupNode(r)), ...(changes.length ? [new RecentChangesNode(changes)] : [])];
    }
    return node instanceof GroupNode || node instanceof FoldNode || node instanceof RecentChangesNode ? node.children() : [];
  }

  getParent(node: RolesNode): RolesNode | undefined {
    return node instanceof GroupNode || node instanceof RecentChangesNode ? undefined : node.parent;
  }

  /** The group node of a group ID (for reveal and commands given a plain ID). */
  groupNode(groupId: string): GroupNode | undefined {
    const record = this.results.get(groupId);
    return record ? this.toGroupNode(record) : undefined;
  }

  private toGroupNode(record: GroupRecord): GroupNode {
    return new GroupNode(record, this.extras?.groupType(record.groupId));
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
    this.changed.dispose();
  }
}
