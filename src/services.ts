import type * as vscode from 'vscode';
import type { RecentChanges } from './changes/recentChanges';
import type { RoleChangeService } from './changes/service';
import type { RoleChecker } from './checks/checker';
import type { ChatConnection } from './checks/connection';
import type { ListingService } from './checks/listings';
import type { RecentAccounts } from './checks/recentAccounts';
import type { RegionDoctor } from './checks/regionDoctor';
import type { ActiveCredentials } from './apps/activeCredentials';
import type { AppRegistry } from './apps/registry';
import type { CredentialStatusBar } from './apps/statusBar';
import type { RoleDiagnostics } from './editor/diagnostics';
import type { Log } from './log';
import type { Prompts } from './ui/prompts';
import type { RolesNode } from './views/nodes';
import type { ResultsStore } from './results/store';
import type { ListingsStore } from './results/listings';
import type { RolesTreeProvider } from './views/rolesTree';

/** What the commands work with; built once in activate(). */
export interface Services {
  log: Log;
  prompts: Prompts;
  /** The active app's credentials. */
  credentials: ActiveCredentials;
  apps: AppRegistry;
  statusBar: CredentialStatusBar;
  connection: ChatConnection;
  results: ResultsStore;
  recents: RecentAccounts;
  diagnostics: RoleDiagnostics;
  checker: RoleChecker;
  regionDoctor: RegionDoctor;
  tree: RolesTreeProvider;
  treeView: vscode.TreeView<RolesNode>;
  roleChanges: RoleChangeService;
  recentChanges: RecentChanges;
  listings: ListingsStore;
  listingService: ListingService;
}
