import * as vscode from 'vscode';
import { regionLabel, REGIONS, type RegionId } from '../chat/http/regions';
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
      if (label === null) throw new Error(vscode.l10n.t('No Chat app is active; name the app whose region to find.'));
      const app = services.apps.get(label);
      if (!app) throw new Error(vscode.l10n.t('There is no Chat app labelled "{0}".', label));
      if (args.confirm !== false) {
        const findRegion = vscode.l10n.t('Find Region');
        const go = await vscode.window.showInformationMessage(
          vscode.l10n.t('Find the region of app {0} (SDKAppID {1})?', plainText(label), app.sdkAppId),
          {
            modal: true,
            detail: vscode.l10n.t(
              'Chat Roles sends one request with its credentials to the main domain of each of the {0} regions (official Tencent domains only) and tells you which one knows the app.',
              Object.keys(REGIONS).length,
            ),
          },
          findRegion,
        );
        if (go !== findRegion) return undefined;
      }
      let answers: RegionAnswer[];
      try {
        answers = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Finding the region of app {0}', plainText(label)), cancellable: true }, (_p, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return services.regionDoctor.ask(label, abort.signal);
        });
      } catch (err) {
        if (args.confirm === false) throw err;
        reportFailure(services.log, vscode.l10n.t("Finding the app's region failed"), err);
        return undefined;
      }
      const known = answers.filter((a) => a.knowsApp).map((a) => a.region);
      if (known.length === 1) {
        await offerSwitch(services, label, known[0], args.switch === true);
      } else if (!known.length) {
        void vscode.window.showWarningMessage(
          vscode.l10n.t('Chat Roles: no region knows SDKAppID {0}. Check the SDKAppID in the Chat console (Applications), and the admin identifier and key.', app.sdkAppId),
        );
      } else {
        const separator = vscode.l10n.t({ message: ', ', comment: ['Between the names of a list of regions (China, Singapore).'] });
        void vscode.window.showInformationMessage(
          vscode.l10n.t('Chat Roles: app {0} answered in {1}. Pick its region with Manage Apps… → Edit.', plainText(label), known.map((r) => regionLabel(r)).join(separator)),
        );
      }
      return answers;
    }),
  );
}

async function offerSwitch(services: Services, label: string, region: RegionId, withoutAsking: boolean): Promise<void> {
  const name = regionLabel(region);
  const domain = REGIONS[region].main;
  const switchRegion = vscode.l10n.t('Switch Region');
  const choice = withoutAsking
    ? switchRegion
    : await vscode.window.showInformationMessage(vscode.l10n.t('Chat Roles: app {0} lives in {1} ({2}). Send its requests there from now on?', plainText(label), name, domain), switchRegion);
  if (choice !== switchRegion) return;
  await services.apps.setRegion(label, region);
  void vscode.window.showInformationMessage(vscode.l10n.t('Chat Roles: app {0} now uses {1} ({2}). Check again to see its roles.', plainText(label), name, domain));
}
