import * as vscode from 'vscode';
import { markdownText } from '../ui/foreignText';
import { formatLocalTime } from '../ui/time';

/** One role change as the view lists it (plain data; the change service keeps them). */
export interface RoleChangeEntry {
  id: number;
  appLabel: string;
  sdkAppId: number;
  groupId: string;
  account: string;
  kind: 'role' | 'owner';
  /** The role (or, for an ownership transfer, the owner) before; null when it could not be read. */
  before: string | null;
  /** The role asked for (or the new owner). */
  after: string;
  applied: boolean | 'unknown';
  verified: boolean;
  /** What the verifying read showed; null when it did not run or failed. */
  seen: string | null;
  error?: { code: string | number; message: string };
  /** Unix milliseconds. */
  time: number;
  /** A plain role change that was applied and can be changed back. */
  undoable: boolean;
}

/** What the tree shows besides the checked groups: recent changes, and group types learned on the way. */
export interface TreeExtras {
  readonly onDidChange: vscode.Event<void>;
  recentChanges(): readonly RoleChangeEntry[];
  groupType(groupId: string): string | undefined;
}

function outcomeWords(entry: RoleChangeEntry): string {
  if (entry.applied === 'unknown') return entry.verified ? 'no answer; verified applied' : 'no answer; not applied';
  if (!entry.applied) return entry.error ? `refused (${String(entry.error.code)})` : 'not applied';
  return entry.verified ? 'verified' : 'accepted, not shown';
}

/** "Recent Changes": the role changes made in this window, newest first. */
export class RecentChangesNode extends vscode.TreeItem {
  readonly kind = 'recentChanges';

  constructor(private readonly entries: readonly RoleChangeEntry[]) {
    super('Recent Changes', vscode.TreeItemCollapsibleState.Expanded);
    this.id = 'recentChanges';
    this.description = `${entries.length}`;
    this.iconPath = new vscode.ThemeIcon('history');
    this.contextValue = 'chatRoles.recentChanges';
    this.accessibilityInformation = { label: `Recent Changes: ${entries.length} role changes made in this window` };
  }

  children(): ChangeNode[] {
    return this.entries.map((e) => new ChangeNode(this, e));
  }
}

/** One change: who, where, before → after, and how it ended; Undo where it is a plain role change. */
export class ChangeNode extends vscode.TreeItem {
  readonly kind = 'change';

  constructor(
    readonly parent: RecentChangesNode,
    readonly entry: RoleChangeEntry,
  ) {
    const before = entry.before ?? 'unknown';
    super(entry.kind === 'owner' ? `Owner of ${entry.groupId}: ${before} → ${entry.after}` : `${entry.account}: ${before} → ${entry.after}`, vscode.TreeItemCollapsibleState.None);
    this.id = `recentChanges/change:${entry.id}`;
    this.description = entry.kind === 'owner' ? outcomeWords(entry) : `${entry.groupId} · ${outcomeWords(entry)}`;
    const ok = entry.applied === true && entry.verified;
    this.iconPath = new vscode.ThemeIcon(ok ? 'check' : entry.applied === false ? 'error' : 'warning');
    this.contextValue = entry.undoable ? 'chatRoles.change.undoable' : 'chatRoles.change';
    this.accessibilityInformation = {
      label: `Change of ${entry.account} in group ${entry.groupId} from ${before} to ${entry.after}: ${outcomeWords(entry)}`,
    };
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`App ${markdownText(entry.appLabel)} (SDKAppID ${entry.sdkAppId}), ${markdownText(formatLocalTime(entry.time))}\n\n`);
    tip.appendMarkdown(`Group ${markdownText(entry.groupId)}, account ${markdownText(entry.account)}\n\n`);
    tip.appendMarkdown(`Seen afterwards: ${markdownText(entry.seen ?? 'not checked')}`);
    if (entry.error) tip.appendMarkdown(`\n\n${markdownText(entry.error.message)}`);
    this.tooltip = tip;
  }
}
