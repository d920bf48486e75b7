import type * as vscode from 'vscode';
import type { Services } from '../services';
import { registerCheckAgain } from './checkAgain';
import { registerCheckRoles } from './checkRoles';
import { registerClearCredentials } from './clearCredentials';
import { registerClearResults } from './clearResults';
import { registerCopyAsJson } from './copyAsJson';
import { registerCopyAsMarkdown } from './copyAsMarkdown';
import { registerGoToSource } from './goToSource';
import { registerOpenErrorDocs } from './openErrorDocs';
import { registerOpenSample } from './openSample';
import { registerRefreshAll } from './refreshAll';
import { registerRemoveGroup } from './removeGroup';
import { registerSetCredentials } from './setCredentials';
import { registerAddApp } from './addApp';
import { registerListApps } from './listApps';
import { registerManageApps } from './manageApps';
import { registerRemoveApp } from './removeApp';
import { registerUseApp } from './useApp';
import { registerFindAppRegion } from './findAppRegion';

/** Registers every chatRoles.* command (each is declared in package.json). */
export function registerCommands(context: vscode.ExtensionContext, services: Services): void {
  registerCheckRoles(context, services);
  registerSetCredentials(context, services);
  registerClearCredentials(context, services);
  registerCheckAgain(context, services);
  registerRefreshAll(context, services);
  registerClearResults(context, services);
  registerRemoveGroup(context, services);
  registerCopyAsMarkdown(context, services);
  registerCopyAsJson(context, services);
  registerGoToSource(context, services);
  registerOpenErrorDocs(context);
  registerOpenSample(context);
  registerUseApp(context, services);
  registerListApps(context, services);
  registerRemoveApp(context, services);
  registerAddApp(context, services);
  registerManageApps(context, services);
  registerFindAppRegion(context, services);
}
