import * as vscode from 'vscode';
import { parseAppArgument, profileOf } from '../apps/arguments';
import { DEFAULT_APP } from '../apps/profile';
import type { Services } from '../services';
import { editAppInteractively } from './appEditor';

/**
 * chatRoles.setCredentials: the guided input, or — given `{ sdkAppId, identifier, userSig? | secretKey?, app?,
 * region?, endpoint?, requestsPerSecond?, allowRoleChanges? }` — the same validation without prompting. With
 * `app` it creates or replaces that whole app; without, it sets the active app's credentials (creating
 * `default` when none is active), keeping its region, endpoint and pace unless given. The programmatic form
 * rejects with an Error on bad input or a storage failure (nothing is stored) and resolves once stored.
 */
export function registerSetCredentials(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.setCredentials', async (arg?: unknown) => {
      if (arg !== undefined && typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri)) {
        const parsed = parseAppArgument(arg);
        const label = parsed.app ?? services.apps.active() ?? DEFAULT_APP;
        await services.apps.put(profileOf(label, parsed, parsed.app === undefined ? services.apps.get(label) : undefined), parsed.credentials);
        return;
      }
      await editAppInteractively(services, { kind: 'active' });
    }),
  );
}
