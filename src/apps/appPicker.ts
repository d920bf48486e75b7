import * as vscode from 'vscode';
import { regionLabel, REGIONS } from '../chat/http/regions';
import { plainText } from '../ui/foreignText';
import type { Prompts } from '../ui/prompts';
import { connectionFor, type AppRegistry } from './registry';

export type AppChoice = { kind: 'app'; label: string } | { kind: 'add' } | { kind: 'manage' };

interface ChoiceItem extends vscode.QuickPickItem {
  choice: AppChoice;
}

/** Where an app's requests go, in a few words for a list: its endpoint, or its region's domain. */
export function destinationText(apps: AppRegistry, label: string): string {
  const app = apps.get(label);
  if (!app) return '';
  const c = connectionFor(app);
  const where = c.endpoint ?? `${regionLabel(c.region)} · ${REGIONS[c.region].main}`;
  return app.region === undefined && app.endpoint === undefined ? vscode.l10n.t('{0} (settings)', where) : where;
}

/** A quick pick of the apps (the active one marked), optionally with *Add App…* and *Manage Apps…*. */
export async function pickApp(services: { apps: AppRegistry; prompts: Prompts }, options: { title: string; withActions: boolean }): Promise<AppChoice | undefined> {
  const { apps } = services;
  const active = apps.active();
  const items: ChoiceItem[] = apps.list().map((p) => ({
    choice: { kind: 'app', label: p.label },
    label: `${p.label === active ? '$(check)' : '$(blank)'} ${p.label}`,
    description: `SDKAppID ${p.sdkAppId} · ${plainText(p.identifier)}`,
    detail: `${destinationText(apps, p.label)}${p.allowRoleChanges ? ` · ${vscode.l10n.t('role changes allowed')}` : ''}`,
  }));
  if (options.withActions) {
    items.push({ choice: { kind: 'add' }, label: `$(add) ${vscode.l10n.t('Add App…')}` }, { choice: { kind: 'manage' }, label: `$(gear) ${vscode.l10n.t('Manage Apps…')}` });
  }
  const picked = await services.prompts.pick({ title: options.title, placeholder: items.length ? vscode.l10n.t('Pick an app') : vscode.l10n.t('No app yet'), items });
  return picked?.choice;
}
