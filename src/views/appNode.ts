import * as vscode from 'vscode';
import type { GroupRecord } from '../results/record';

/**
 * An app at the top of the tree, shown only when results of more than one app are present: its groups
 * below (the tree makes their nodes). The label comes from stored state; labels hold only letters, digits, spaces, `.`, `_` and `-`.
 */
export class AppNode extends vscode.TreeItem {
  readonly kind = 'app';

  constructor(
    readonly app: string,
    readonly records: readonly GroupRecord[],
    active: boolean,
    known: boolean,
  ) {
    super(app, vscode.TreeItemCollapsibleState.Expanded);
    this.id = `app:${app}`;
    const sdkAppIds = [...new Set(records.map((r) => r.sdkAppId))].join(', ');
    const count = String(records.length);
    this.description = !known
      ? vscode.l10n.t('SDKAppID {0} · {1} group(s) · removed', sdkAppIds, count)
      : active
        ? vscode.l10n.t('SDKAppID {0} · {1} group(s) · active', sdkAppIds, count)
        : vscode.l10n.t('SDKAppID {0} · {1} group(s)', sdkAppIds, count);
    this.iconPath = new vscode.ThemeIcon(known ? 'server-environment' : 'circle-slash');
    this.tooltip = !known
      ? vscode.l10n.t('App {0} (SDKAppID {1}) was removed; its results stay until you remove them.', app, sdkAppIds)
      : active
        ? vscode.l10n.t('App {0} (SDKAppID {1}): {2} checked group(s); the active app of this window.', app, sdkAppIds, count)
        : vscode.l10n.t('App {0} (SDKAppID {1}): {2} checked group(s).', app, sdkAppIds, count);
    const label = !known
      ? vscode.l10n.t('App {0}, SDKAppID {1}, {2} group(s), removed', app, sdkAppIds, count)
      : active
        ? vscode.l10n.t('App {0}, SDKAppID {1}, {2} group(s), active', app, sdkAppIds, count)
        : vscode.l10n.t('App {0}, SDKAppID {1}, {2} group(s)', app, sdkAppIds, count);
    this.accessibilityInformation = { label };
    this.contextValue = 'chatRoles.app';
  }
}
