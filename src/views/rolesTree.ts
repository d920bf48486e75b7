import * as vscode from 'vscode';
import { FoldNode } from './foldNode';
import { GroupNode, type RolesNode } from './nodes';
import type { ResultsStore } from '../results/store';

/** The roles tree: one group node per checked group, its accounts and errors below. */
export class RolesTreeProvider implements vscode.TreeDataProvider<RolesNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RolesNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly listener: vscode.Disposable;

  constructor(private readonly results: ResultsStore) {
    this.listener = results.onDidChange(() => this.changed.fire(undefined));
  }

  getTreeItem(node: RolesNode): vscode.TreeItem {
    return node;
  }

  getChildren(node?: RolesNode): RolesNode[] {
    if (!node) return this.results.all().map((r) => new GroupNode(r));
    return node instanceof GroupNode || node instanceof FoldNode ? node.children() : [];
  }

  getParent(node: RolesNode): RolesNode | undefined {
    return node instanceof GroupNode ? undefined : node.parent;
  }

  /** The group node of a group ID (for reveal and commands given a plain ID). */
  groupNode(groupId: string): GroupNode | undefined {
    const record = this.results.get(groupId);
    return record ? new GroupNode(record) : undefined;
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}
