import * as vscode from 'vscode';
import { describeError, type ErrorScope } from '../chat/errors';
import type { ErrorCode } from '../chat/types';

/**
 * Severity by what the user must do about it:
 * - Error: only the user can fix it, and every further check fails the same way — the group does not
 *   exist or refuses us (10010, 10007…), the credentials are wrong (70001…), or the request cannot be sent.
 * - Warning: transient — rate limits, server and network failures; "Check Again" usually fixes it.
 * - Information: the group answered, but one of the accounts could not be checked (e.g. 10019).
 */
export function severityFor(scope: ErrorScope): vscode.DiagnosticSeverity {
  switch (scope) {
    case 'rate':
    case 'server':
    case 'network':
      return vscode.DiagnosticSeverity.Warning;
    case 'account':
      return vscode.DiagnosticSeverity.Information;
    case 'credentials':
    case 'group':
    case 'request':
    case 'client':
      return vscode.DiagnosticSeverity.Error;
  }
}

/** The severity of a code's diagnostic; the tree and the hover speak the same language. */
export function errorSeverity(code: ErrorCode): vscode.DiagnosticSeverity {
  return severityFor(describeError(code).scope);
}

/** The worst severity among errors (Error < Warning < Information in the enum), or undefined for none. */
export function worstSeverity(errors: readonly { code: ErrorCode }[]): vscode.DiagnosticSeverity | undefined {
  return errors.length ? Math.min(...errors.map((e) => errorSeverity(e.code))) : undefined;
}

/** The Problems panel's icon and colour for a severity: red Error, yellow Warning, blue Information. */
export function severityIcon(severity: vscode.DiagnosticSeverity): vscode.ThemeIcon {
  switch (severity) {
    case vscode.DiagnosticSeverity.Error:
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    case vscode.DiagnosticSeverity.Warning:
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    case vscode.DiagnosticSeverity.Information:
    case vscode.DiagnosticSeverity.Hint:
      return new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground'));
  }
}

/** "Error", "Warning", "Information": the severity in words, for a screen reader. */
export function severityWord(severity: vscode.DiagnosticSeverity): string {
  switch (severity) {
    case vscode.DiagnosticSeverity.Error:
      return vscode.l10n.t('Error');
    case vscode.DiagnosticSeverity.Warning:
      return vscode.l10n.t('Warning');
    case vscode.DiagnosticSeverity.Information:
    case vscode.DiagnosticSeverity.Hint:
      return vscode.l10n.t('Information');
  }
}
