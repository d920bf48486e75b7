import * as vscode from 'vscode';
import { describeError, type ErrorScope } from '../chat/errors';
import { suggestsOtherRegion } from '../chat/http/regions';
import type { ErrorCode } from '../chat/types';
import { plainText } from '../ui/foreignText';
import { appOfDiagnostic, DIAGNOSTIC_SOURCE } from './diagnostics';

/** A diagnostic's code back as the core's ErrorCode (numbers for server codes). */
function diagnosticErrorCode(diagnostic: vscode.Diagnostic): ErrorCode | undefined {
  const raw = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  if (raw === undefined) return undefined;
  const text = String(raw);
  return /^\d+$/.test(text) ? Number(text) : (text as ErrorCode);
}

/**
 * Whether checking again may give another answer: transient failures (rate, server, network — DEADLINE,
 * the usual end of a rate-limit storm, included) and a check that was cancelled before it finished.
 */
function offersCheckAgain(code: ErrorCode, scope: ErrorScope): boolean {
  return scope === 'rate' || scope === 'server' || scope === 'network' || code === 'DEADLINE' || code === 'MISSING_FROM_RESPONSE' || code === 'CANCELLED';
}

/** Quick fixes for Chat Roles diagnostics: set credentials, check again, open the error's docs. */
export class RoleCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const code = diagnosticErrorCode(diagnostic);
      if (code === undefined) continue;
      const d = describeError(code);
      const groupId = document.getText(diagnostic.range);
      if (d.scope === 'credentials') {
        const fix = new vscode.CodeAction(vscode.l10n.t('Set Credentials…'), vscode.CodeActionKind.QuickFix);
        fix.command = { command: 'chatRoles.setCredentials', title: vscode.l10n.t('Set Credentials…') };
        fix.diagnostics = [diagnostic];
        fix.isPreferred = true;
        actions.push(fix);
      }
      if (offersCheckAgain(code, d.scope)) {
        const again = new vscode.CodeAction(vscode.l10n.t('Check {0} Again', plainText(groupId)), vscode.CodeActionKind.QuickFix);
        const app = appOfDiagnostic(diagnostic);
        const uri = document.uri.toString();
        again.command = { command: 'chatRoles.checkAgain', title: vscode.l10n.t('Check Again'), arguments: [app === undefined ? { groupId, uri } : { groupId, uri, app }] };
        again.diagnostics = [diagnostic];
        again.isPreferred = d.scope !== 'credentials';
        actions.push(again);
      }
      if (suggestsOtherRegion(code)) {
        const find = new vscode.CodeAction(vscode.l10n.t("Find the App's Region"), vscode.CodeActionKind.QuickFix);
        find.command = { command: 'chatRoles.findAppRegion', title: vscode.l10n.t("Find the App's Region"), arguments: [{ app: appOfDiagnostic(diagnostic) }] };
        find.diagnostics = [diagnostic];
        actions.push(find);
      }
      const docs = new vscode.CodeAction(vscode.l10n.t('Open documentation for {0}', String(code)), vscode.CodeActionKind.QuickFix);
      docs.command = { command: 'chatRoles.openErrorDocs', title: vscode.l10n.t('Open Documentation'), arguments: [{ code }] };
      docs.diagnostics = [diagnostic];
      actions.push(docs);
    }
    return actions;
  }
}
