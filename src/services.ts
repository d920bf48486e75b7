import type * as vscode from 'vscode';
import type { RecentChanges } from './changes/recentChanges';
import type { RoleChangeService } from './changes/service';
import type { RoleChecker } from './checks/checker';
import type { ChatConnection } from './checks/connection';
import type { ListingService } from './checks/listings';
import type { RecentAccounts } from './checks/recentAccounts';
import type { CredentialStatusBar } from './credentials/statusBar';
import type { CredentialStore } from './credentials/store';
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
  credentials: CredentialStore;
  statusBar: CredentialStatusBar;
  connection: ChatConnection;
  results: ResultsStore;
  recents: RecentAccounts;
  diagnostics: RoleDiagnostics;
  checker: RoleChecker;
  tree: RolesTreeProvider;
  treeView: vscode.TreeView<RolesNode>;
  roleChanges: RoleChangeService;
  recentChanges: RecentChanges;
  listings: ListingsStore;
  listingService: ListingService;
}
