import * as vscode from 'vscode';
import { AccountNode, ErrorNode, GroupNode, type RolesNode } from '../views/nodes';
import { recordKey } from '../results/record';
import type { Services } from '../services';
import { plainText } from '../ui/foreignText';

/** The clicked node with the rest of a multi-selection, or the tree's selection when invoked without one. */
function clickedNodes(services: Services, arg: unknown, selected?: unknown): unknown[] {
  return Array.isArray(selected) && selected.includes(arg) ? selected : arg === undefined ? [...services.treeView.selection] : [arg];
}

/** The account or error rows a row command acts on (other selected nodes are not its business). */
export function targetRows<T extends AccountNode | ErrorNode>(services: Services, arg: unknown, selected: unknown, kind: new (...args: never[]) => T): T[] {
  return clickedNodes(services, arg, selected).filter((n): n is T => n instanceof kind);
}

/**
 * The groups a tree command acts on: the clicked node's group (with the rest of a multi-selection),
 * a `{ groupId }` argument, or the tree's selection when invoked without one.
 */
export function targetGroups(services: Services, arg: unknown, selected?: unknown): GroupNode[] {
  const nodes = clickedNodes(services, arg, selected);
  const groups = new Map<string, GroupNode>();
  for (const n of nodes) {
    const node = toGroupNode(services, n);
    if (node) groups.set(recordKey(node.record), node);
  }
  return [...groups.values()];
}

function toGroupNode(services: Services, n: unknown): GroupNode | undefined {
  if (n instanceof GroupNode) return services.tree.groupNode(n.record.groupId, n.record.app);
  if (n instanceof AccountNode || n instanceof ErrorNode) return services.tree.groupNode(n.parent.record.groupId, n.parent.record.app);
  const { groupId, app } = typeof n === 'object' && n !== null ? (n as { groupId?: unknown; app?: unknown }) : {};
  return typeof groupId === 'string' ? services.tree.groupNode(groupId, typeof app === 'string' ? app : undefined) : undefined;
}

/** Says in the status bar, for 3 s, which groups a copy command put on the clipboard and in which format. */
export function showCopied(groups: readonly GroupNode[], format: 'CSV' | 'JSON' | 'Markdown'): void {
  vscode.window.setStatusBarMessage(
    groups.length === 1
      ? vscode.l10n.t('Chat Roles: copied {0} as {1}', plainText(groups[0].record.groupId), format)
      : vscode.l10n.t('Chat Roles: copied {0} groups as {1}', groups.length, format),
    3000,
  );
}

export type { RolesNode };
