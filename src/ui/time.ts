// Readable dates and durations for prompts, tooltips and messages. No `vscode` import: the words come from
// @vscode/l10n, which the VS Code layer hands the display language's bundle.
import * as l10n from '@vscode/l10n';

/** "2025-03-01 14:05" in local time. */
export function formatLocalTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "in 3 days", "in 5 hours", "2 days ago": one whole message per unit, number and direction. */
export function formatRelative(targetMs: number, nowMs: number = Date.now()): string {
  const diff = targetMs - nowMs;
  const { unit, n } = largestUnit(Math.abs(diff));
  const c = String(n);
  if (diff >= 0) {
    switch (unit) {
      case 'day':
        return n === 1 ? l10n.t('in 1 day') : l10n.t('in {0} days', c);
      case 'hour':
        return n === 1 ? l10n.t('in 1 hour') : l10n.t('in {0} hours', c);
      case 'minute':
        return n === 1 ? l10n.t('in 1 minute') : l10n.t('in {0} minutes', c);
      case 'less':
        return l10n.t('in less than a minute');
    }
  }
  switch (unit) {
    case 'day':
      return n === 1 ? l10n.t('1 day ago') : l10n.t('{0} days ago', c);
    case 'hour':
      return n === 1 ? l10n.t('1 hour ago') : l10n.t('{0} hours ago', c);
    case 'minute':
      return n === 1 ? l10n.t('1 minute ago') : l10n.t('{0} minutes ago', c);
    case 'less':
      return l10n.t('less than a minute ago');
  }
}

/**
 * "3 days left", "5 hours left", "less than a minute left": the time until `targetMs` (which has not passed),
 * as the status bar counts down a UserSig.
 */
export function formatTimeLeft(targetMs: number, nowMs: number = Date.now()): string {
  const { unit, n } = largestUnit(Math.max(0, targetMs - nowMs));
  const c = String(n);
  switch (unit) {
    case 'day':
      return n === 1 ? l10n.t('1 day left') : l10n.t('{0} days left', c);
    case 'hour':
      return n === 1 ? l10n.t('1 hour left') : l10n.t('{0} hours left', c);
    case 'minute':
      return n === 1 ? l10n.t('1 minute left') : l10n.t('{0} minutes left', c);
    case 'less':
      return l10n.t('less than a minute left');
  }
}

/** The largest whole unit of a duration (days, hours, minutes), or 'less' under a minute. */
function largestUnit(abs: number): { unit: 'day' | 'hour' | 'minute' | 'less'; n: number } {
  const units: [number, 'day' | 'hour' | 'minute'][] = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
  ];
  for (const [size, unit] of units) if (abs >= size) return { unit, n: Math.floor(abs / size) };
  return { unit: 'less', n: 0 };
}
