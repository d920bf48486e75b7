import * as vscode from 'vscode';
import { REGIONS, type RegionId } from '../chat/http/regions';
import type { RegionAnswer } from '../checks/regionDoctor';
import type { Services } from '../services';
import { plainText } from '../ui/foreignText';
import { reportFailure } from '../ui/reportFailure';

interface Args {
  app?: unknown;
  /** false: no confirmation before asking (scripts and tests). */
  confirm?: unknown;
  /** true: switch the app to the one region that knows it without asking. */
  switch?: unknown;
}

/**
 * chatRoles.findAppRegion `{ app?, confirm?, switch? }`: after "SDKAppID not found here", asks each official
 * region's main domain once with the app's credentials (after a confirmation), then offers to switch the app
 * to the region that knows it. Resolves to each region's answer, or undefined when the user declined.
 */
export function registerFindAppRegion(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.findAppRegion', async (arg?: unknown): Promise<RegionAnswer[] | undefined> => {
      const args: Args = typeof arg === 'object' && arg !== null ? arg : {};
      const label = typeof args.app === 'string' ? args.app : services.apps.active();
      if (label === null) throw new Error('No Chat app is active; name the app whose region to find.');
      const app = services.apps.get(label);
      if (!app) throw new Error(`There is no Chat app labelled "${label}".`);
      if (args.confirm !== false) {
        const go = await vscode.window.showInformationMessage(
          `Find the region of app ${plainText(label)} (SDKAppID ${app.sdkAppId})?`,
          { modal: true, detail: `Chat Roles sends one request with its credentials to the main domain of each of the ${Object.keys(REGIONS).length} regions (official Tencent domains only) and tells you which one knows the app.` },
          'Find Region',
        );
        if (go !== 'Find Region') return undefined;
      }
      let answers: RegionAnswer[];
      try {
        answers = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Finding the region of app ${plainText(label)}`, cancellable: true }, (_p, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return services.regionDoctor.ask(label, abort.signal);
        });
      } catch (err) {
        if (args.confirm === false) throw err;
        reportFailure(services.log, 'Finding the app\'s region failed', err);
        return undefined;
      }
      const known = answers.filter((a) => a.knowsApp).map((a) => a.region);
      if (known.length === 1) {
        await offerSwitch(services, label, known[0], args.switch === true);
      } else if (!known.length) {
        void vscode.window.showWarningMessage(`Chat Roles: no region knows SDKAppID ${app.sdkAppId}. Check the SDKAppID in the Chat console (Applications), and the admin identifier and key.`);
      } else {
        void vscode.window.showInformationMessage(`Chat Roles: app ${plainText(label)} answered in ${known.map((r) => REGIONS[r].label).join(', ')}. Pick its region with Manage Apps… → Edit.`);
      }
      return answers;
    }),
  );
}

async function offerSwitch(services: Services, label: string, region: RegionId, withoutAsking: boolean): Promise<void> {
  const where = `${REGIONS[region].label} (${REGIONS[region].main})`;
  const choice = withoutAsking ? 'Switch Region' : await vscode.window.showInformationMessage(`Chat Roles: app ${plainText(label)} lives in ${where}. Send its requests there from now on?`, 'Switch Region');
  if (choice !== 'Switch Region') return;
  await services.apps.setRegion(label, region);
  void vscode.window.showInformationMessage(`Chat Roles: app ${plainText(label)} now uses ${where}. Check again to see its roles.`);
}
