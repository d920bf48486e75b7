import * as vscode from 'vscode';
import { markdownText, plainText } from '../ui/foreignText';
import { formatLocalTime, formatRelative } from '../ui/time';
import type { CredentialStore, CredentialSummary } from './store';

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

/** "$(key) Chat 1400000001 · admin" with the UserSig's expiry; click to set credentials. */
export class CredentialStatusBar implements vscode.Disposable {
  private readonly listener: vscode.Disposable;
  private timer: NodeJS.Timeout | undefined;

  /** Shows itself in `item` (created by the caller, which may read it back) and disposes it with itself. */
  constructor(
    private readonly store: CredentialStore,
    private readonly item: vscode.StatusBarItem,
  ) {
    this.item.name = 'Chat Roles Credentials';
    this.item.command = 'chatRoles.setCredentials';
    this.listener = store.onDidChange(() => this.update());
    this.update();
  }

  update(nowMs: number = Date.now()): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const summary = this.store.summary();
    if (!summary) {
      this.item.hide();
      return;
    }
    const state = expiryState(summary, nowMs);
    // The identifier comes from stored state: inert in the text, escaped in the Markdown tooltip.
    let text = `$(key) Chat ${summary.sdkAppId} · ${plainText(summary.identifier)}`;
    let spoken = `Chat Roles credentials: app ${summary.sdkAppId}, admin identifier ${summary.identifier}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**Chat Roles** — app ${markdownText(String(summary.sdkAppId))}, admin identifier **${markdownText(summary.identifier)}**\n\n`);
    if (summary.expiresAt !== undefined) {
      const expiresMs = summary.expiresAt * 1000;
      const when = `${formatLocalTime(expiresMs)} (${formatRelative(expiresMs, nowMs)})`;
      if (state === 'expired') {
        text += ' · UserSig expired';
        spoken += `, the UserSig expired ${formatRelative(expiresMs, nowMs)}`;
        tooltip.appendMarkdown(`$(error) The UserSig expired ${when}. Checks fail until you set a new one.\n\n`);
      } else {
        text += ` · ${formatRelative(expiresMs, nowMs).replace(/^in /, '')} left`;
        spoken += `, the UserSig expires ${formatRelative(expiresMs, nowMs)}`;
        tooltip.appendMarkdown(`${state === 'soon' ? '$(warning) ' : ''}The UserSig expires ${when}.\n\n`);
      }
      const untilNext = state === 'ok' ? expiresMs - EXPIRY_WARNING_MS - nowMs : state === 'soon' ? expiresMs - nowMs : Infinity;
      if (untilNext !== Infinity) this.timer = setTimeout(() => this.update(), Math.max(1000, Math.min(untilNext, MAX_RECHECK_MS)));
    } else if (summary.kind === 'secretKey') {
      tooltip.appendMarkdown('Signed with the app\'s secret key: UserSigs are minted per request.\n\n');
      spoken += ', signed with the secret key';
    }
    tooltip.appendMarkdown('Click to change the credentials.');
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: `${spoken}. Click to change the credentials.` };
    this.item.backgroundColor =
      state === 'expired'
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
