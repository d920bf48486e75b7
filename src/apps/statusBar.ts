import * as vscode from 'vscode';
import { regionLabel, REGIONS } from '../chat/http/regions';
import type { CredentialSummary } from '../credentials/store';
import { markdownText, plainText } from '../ui/foreignText';
import { formatLocalTime, formatRelative, formatTimeLeft } from '../ui/time';
import { connectionFor, type AppRegistry } from './registry';

/** A UserSig this close to its expiry turns the item yellow. */
const EXPIRY_WARNING_MS = 7 * 86_400_000;
/** Re-evaluate at least this often, so a window left open turns yellow/red on time. */
const MAX_RECHECK_MS = 3_600_000;

type ExpiryState = 'none' | 'ok' | 'soon' | 'expired';

function expiryState(summary: CredentialSummary, nowMs: number = Date.now()): ExpiryState {
  if (summary.expiresAt === undefined) return 'none';
  const left = summary.expiresAt * 1000 - nowMs;
  if (left <= 0) return 'expired';
  return left <= EXPIRY_WARNING_MS ? 'soon' : 'ok';
}

/** The item CredentialStatusBar shows itself in. */
export function createCredentialStatusBarItem(): vscode.StatusBarItem {
  return vscode.window.createStatusBarItem('chatRoles.credentials', vscode.StatusBarAlignment.Left, 50);
}

/** Where the app's requests go, in words: its region and domain, or its endpoint; and whose it is. */
function destination(apps: AppRegistry, label: string): string {
  const app = apps.get(label);
  if (!app) return '';
  const c = connectionFor(app);
  const fromSettings = app.region === undefined && app.endpoint === undefined;
  if (c.endpoint) return fromSettings ? vscode.l10n.t('Endpoint {0} (from the settings)', c.endpoint) : vscode.l10n.t('Endpoint {0}', c.endpoint);
  const name = regionLabel(c.region);
  const domain = REGIONS[c.region].main;
  return fromSettings ? vscode.l10n.t('Region {0}, {1} (from the settings)', name, domain) : vscode.l10n.t('Region {0}, {1}', name, domain);
}

/** "$(key) dev · Chat 1400000001 · admin" with the UserSig's expiry; click to switch apps. */
export class CredentialStatusBar implements vscode.Disposable {
  private readonly listener: vscode.Disposable;
  private timer: NodeJS.Timeout | undefined;

  /** Shows itself in `item` (created by the caller, which may read it back) and disposes it with itself. */
  constructor(
    private readonly apps: AppRegistry,
    private readonly item: vscode.StatusBarItem,
  ) {
    this.item.name = vscode.l10n.t('Chat Roles App');
    this.item.command = 'chatRoles.useApp';
    this.listener = apps.onDidChange(() => this.update());
    this.update();
  }

  update(nowMs: number = Date.now()): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const label = this.apps.active();
    const summary = label === null ? undefined : this.apps.summary(label);
    if (label === null || !summary) {
      this.item.hide();
      return;
    }
    const state = expiryState(summary, nowMs);
    const refused = this.apps.isRefused(label);
    // The label and identifier come from stored state: inert in the text, escaped in the Markdown tooltip.
    let text = `$(key) ${vscode.l10n.t('{0} · Chat {1} · {2}', plainText(label), summary.sdkAppId, plainText(summary.identifier))}`;
    // Read aloud: whole sentences, each translated on its own, joined by a space (a screen reader passes over it).
    const spoken = [vscode.l10n.t('Chat Roles app {0}: SDKAppID {1}, admin identifier {2}.', label, summary.sdkAppId, summary.identifier)];
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(
      `${vscode.l10n.t('**Chat Roles** — app **{0}**, SDKAppID {1}, admin identifier **{2}**', markdownText(label), markdownText(String(summary.sdkAppId)), markdownText(summary.identifier))}\n\n`,
    );
    tooltip.appendMarkdown(`${markdownText(destination(this.apps, label))}\n\n`);
    if (refused) {
      tooltip.appendMarkdown(`$(error) ${vscode.l10n.t('The server refused these credentials. Checks fail until you set new ones.')}\n\n`);
      spoken.push(vscode.l10n.t('The server refused its credentials.'));
    }
    if (summary.expiresAt !== undefined) {
      const expiresMs = summary.expiresAt * 1000;
      const relative = formatRelative(expiresMs, nowMs);
      const at = formatLocalTime(expiresMs);
      if (state === 'expired') {
        text += ` · ${vscode.l10n.t('UserSig expired')}`;
        spoken.push(vscode.l10n.t('The UserSig expired {0}.', relative));
        tooltip.appendMarkdown(`$(error) ${vscode.l10n.t('The UserSig expired {0} ({1}). Checks fail until you set a new one.', at, relative)}\n\n`);
      } else {
        text += ` · ${formatTimeLeft(expiresMs, nowMs)}`;
        spoken.push(vscode.l10n.t('The UserSig expires {0}.', relative));
        tooltip.appendMarkdown(`${state === 'soon' ? '$(warning) ' : ''}${vscode.l10n.t('The UserSig expires {0} ({1}).', at, relative)}\n\n`);
      }
      const untilNext = state === 'ok' ? expiresMs - EXPIRY_WARNING_MS - nowMs : state === 'soon' ? expiresMs - nowMs : Infinity;
      if (untilNext !== Infinity) this.timer = setTimeout(() => this.update(), Math.max(1000, Math.min(untilNext, MAX_RECHECK_MS)));
    } else if (summary.kind === 'secretKey') {
      tooltip.appendMarkdown(`${vscode.l10n.t("Signed with the app's secret key: UserSigs are minted per request.")}\n\n`);
      spoken.push(vscode.l10n.t('Signed with the secret key.'));
    }
    const clickHint = vscode.l10n.t('Click to switch apps, add one or manage them.');
    tooltip.appendMarkdown(clickHint);
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: [...spoken, clickHint].join(' ') };
    this.item.backgroundColor =
      state === 'expired' || refused
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : state === 'soon'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.item.show();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.listener.dispose();
    this.item.dispose();
  }
}
