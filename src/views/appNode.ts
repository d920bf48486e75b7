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
    const state = known ? (active ? ' · active' : '') : ' · removed';
    this.description = `SDKAppID ${sdkAppIds} · ${records.length} group(s)${state}`;
    this.iconPath = new vscode.ThemeIcon(known ? 'server-environment' : 'circle-slash');
    this.tooltip = known
      ? `App ${app} (SDKAppID ${sdkAppIds}): ${records.length} checked group(s)${active ? '; the active app of this window' : ''}.`
      : `App ${app} (SDKAppID ${sdkAppIds}) was removed; its results stay until you remove them.`;
    this.accessibilityInformation = { label: `App ${app}, SDKAppID ${sdkAppIds}, ${records.length} group(s)${state.replace(' · ', ', ')}` };
    this.contextValue = 'chatRoles.app';
  }
}
