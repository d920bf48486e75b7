import type * as vscode from 'vscode';
import type { Services } from '../services';
import { registerCheckAgain } from './checkAgain';
import { registerCheckRoles } from './checkRoles';
import { registerClearCredentials } from './clearCredentials';
import { registerClearResults } from './clearResults';
import { registerCopyAsJson } from './copyAsJson';
import { registerCopyAsMarkdown } from './copyAsMarkdown';
import { registerGoToSource } from './goToSource';
import { registerListAccountGroups } from './listAccountGroups';
import { registerListMembers } from './listMembers';
import { registerOpenErrorDocs } from './openErrorDocs';
import { registerOpenSample } from './openSample';
import { registerRefreshAll } from './refreshAll';
import { registerRemoveGroup } from './removeGroup';
import { registerSetCredentials } from './setCredentials';

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
  registerListMembers(context, services);
  registerListAccountGroups(context, services);
}
