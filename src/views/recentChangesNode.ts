import * as vscode from 'vscode';
import { markdownText, plainText } from '../ui/foreignText';
import { shownRole } from '../ui/roleWords';
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
  if (entry.applied === 'unknown') return entry.verified ? vscode.l10n.t('no answer; verified applied') : vscode.l10n.t('no answer; not applied');
  if (!entry.applied) return entry.error ? vscode.l10n.t('refused ({0})', String(entry.error.code)) : vscode.l10n.t('not applied');
  return entry.verified ? vscode.l10n.t('verified') : vscode.l10n.t('accepted, not shown');
}

/** A role of a role change as people read it (its contract name in English); an account (an owner) as it is. */
function shownValue(entry: RoleChangeEntry, value: string): string {
  return entry.kind === 'role' ? shownRole(value) : value;
}

/** "Recent Changes": the role changes made in this window, newest first. */
export class RecentChangesNode extends vscode.TreeItem {
  readonly kind = 'recentChanges';

  constructor(private readonly entries: readonly RoleChangeEntry[]) {
    super(vscode.l10n.t('Recent Changes'), vscode.TreeItemCollapsibleState.Expanded);
    this.id = 'recentChanges';
    this.description = `${entries.length}`;
    this.iconPath = new vscode.ThemeIcon('history');
    this.contextValue = 'chatRoles.recentChanges';
    this.accessibilityInformation = { label: vscode.l10n.t('Recent Changes: {0} role changes made in this window', String(entries.length)) };
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
    const before = entry.before === null ? vscode.l10n.t('unknown') : shownValue(entry, entry.before);
    const after = shownValue(entry, entry.after);
    // Accounts (an owner's from the server) and the group ID: inert in the label and description, like every row's.
    const [account, group, from, to] = [entry.account, entry.groupId, before, after].map(plainText);
    super(entry.kind === 'owner' ? vscode.l10n.t('Owner of {0}: {1} → {2}', group, from, to) : `${account}: ${from} → ${to}`, vscode.TreeItemCollapsibleState.None);
    this.id = `recentChanges/change:${entry.id}`;
    this.description = entry.kind === 'owner' ? outcomeWords(entry) : `${group} · ${outcomeWords(entry)}`;
    const ok = entry.applied === true && entry.verified;
    this.iconPath = new vscode.ThemeIcon(ok ? 'check' : entry.applied === false ? 'error' : 'warning');
    this.contextValue = entry.undoable ? 'chatRoles.change.undoable' : 'chatRoles.change';
    this.accessibilityInformation = {
      label: vscode.l10n.t('Change of {0} in group {1} from {2} to {3}: {4}', entry.account, entry.groupId, before, after, outcomeWords(entry)),
    };
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`${vscode.l10n.t('App {0} (SDKAppID {1}), {2}', markdownText(entry.appLabel), String(entry.sdkAppId), markdownText(formatLocalTime(entry.time)))}\n\n`);
    tip.appendMarkdown(`${vscode.l10n.t('Group {0}, account {1}', markdownText(entry.groupId), markdownText(entry.account))}\n\n`);
    const seen = entry.seen === null ? vscode.l10n.t('not checked') : shownValue(entry, entry.seen);
    tip.appendMarkdown(vscode.l10n.t('Seen afterwards: {0}', markdownText(seen)));
    if (entry.error) tip.appendMarkdown(`\n\n${markdownText(entry.error.message)}`);
    this.tooltip = tip;
  }
}
