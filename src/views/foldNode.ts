import * as vscode from 'vscode';
import type { GroupRecord } from '../results/record';
import { formatCount } from '../results/summary';

/**
 * A group shows a kind of row inline up to this many; more fold into one collapsed node. The default
 * sidebar shows some 20 rows: ten rows of accounts not in the group (or of errors) still leave the
 * owners, admins and the next groups in sight, and a small check reads without a click.
 */
export const FOLD_ABOVE = 10;

export type FoldKind = 'notInGroup' | 'errors';

/** The parent a fold hangs under (a group node; only its identity and record are needed here). */
interface FoldParent extends vscode.TreeItem {
  readonly record: GroupRecord;
}

/** "Not in group (1,197)" or "Errors (12)": the rows of one kind, folded away from the owners and admins. */
export class FoldNode<Child, Parent extends FoldParent = FoldParent> extends vscode.TreeItem {
  readonly kind = 'fold';

  constructor(
    readonly parent: Parent,
    readonly fold: FoldKind,
    readonly count: number,
    icon: vscode.ThemeIcon,
    private readonly build: (fold: FoldNode<Child, Parent>) => Child[],
  ) {
    super(fold === 'notInGroup' ? vscode.l10n.t('Not in group ({0})', formatCount(count)) : vscode.l10n.t('Errors ({0})', formatCount(count)), vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `${parent.id}/fold:${fold}`;
    this.iconPath = icon;
    this.contextValue = `chatRoles.fold.${fold}`;
    this.accessibilityInformation = {
      label:
        fold === 'notInGroup'
          ? vscode.l10n.t('{0} accounts not in group {1}, folded', formatCount(count), parent.record.groupId)
          : vscode.l10n.t('{0} errors of group {1}, folded', formatCount(count), parent.record.groupId),
    };
  }

  get record(): GroupRecord {
    return this.parent.record;
  }

  children(): Child[] {
    return this.build(this);
  }
}
