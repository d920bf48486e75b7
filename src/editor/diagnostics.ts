import * as vscode from 'vscode';
import { describeError, type ErrorScope } from '../chat/errors';
import type { ErrorCode } from '../chat/types';
import { occurrencesOf } from './occurrences';

export const DIAGNOSTIC_SOURCE = 'Chat Roles';
/** Marks per failed group and per document: more say nothing new (and VS Code shows 1,000 per file at most). */
export const MAX_MARKS_PER_GROUP = 100;
export const MAX_MARKS_PER_DOCUMENT = 1000;

/**
 * Severity by what the user must do about it:
 * - Error: only the user can fix it, and every further check fails the same way — the group does not
 *   exist or refuses us (10010, 10007…), the credentials are wrong (70001…), or the request cannot be sent.
 * - Warning: transient — rate limits, server and network failures; "Check Again" usually fixes it.
 * - Information: the group answered, but one of the accounts could not be checked (e.g. 10019).
 */
function severityFor(scope: ErrorScope): vscode.DiagnosticSeverity {
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

interface Entry {
  groupId: string;
  start: number;
  end: number;
  diagnostic: vscode.Diagnostic;
}

/** The app each of our diagnostics came from, for its quick fixes (a Diagnostic has no field of its own for it). */
const diagnosticApps = new WeakMap<vscode.Diagnostic, string>();

export function appOfDiagnostic(diagnostic: vscode.Diagnostic): string | undefined {
  return diagnosticApps.get(diagnostic);
}

/** What a failed group reports in the editor. */
export interface GroupFailure {
  groupId: string;
  /** The app (its label) the check ran with. */
  app?: string;
  code: ErrorCode;
  message: string;
  /** How many further distinct errors the group had (mentioned, not repeated). */
  moreErrors: number;
}

/**
 * The one "Chat Roles" diagnostic collection. A failure marks the occurrences of the group ID in the
 * document it came from (the first MAX_MARKS_PER_GROUP, MAX_MARKS_PER_DOCUMENT in all); a mark goes away when the text under it changes, when a later check of that
 * ID succeeds, when the document closes, and on clear.
 */
export class RoleDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('Chat Roles');
  private readonly entries = new Map<string, { document: vscode.TextDocument; entries: Entry[] }>();
  private readonly listeners: vscode.Disposable[];

  constructor() {
    this.listeners = [
      vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)),
      vscode.workspace.onDidCloseTextDocument((d) => this.drop(d.uri)),
    ];
  }

  /**
   * Marks many failed groups of one document and publishes once: publishing after each group would send
   * the document's whole, growing list every time (a check of 1000 groups took seconds per hundred).
   * Earlier marks of these groups in other documents go: their message is no longer the latest.
   */
  reportMany(document: vscode.TextDocument, failures: readonly GroupFailure[]): void {
    const key = document.uri.toString();
    const groupIds = new Set(failures.map((f) => f.groupId));
    for (const [other, slot] of this.entries) {
      if (other === key) continue;
      const kept = slot.entries.filter((e) => !groupIds.has(e.groupId));
      if (kept.length === slot.entries.length) continue;
      slot.entries = kept;
      this.publish(other);
    }
    const slot = this.entries.get(key) ?? { document, entries: [] };
    slot.document = document;
    // The text is read once, and every ID found in one pass: per group, it cost groups × document size.
    const places = occurrencesOf(document.getText(), groupIds, MAX_MARKS_PER_GROUP, MAX_MARKS_PER_DOCUMENT);
    const marks = failures.flatMap((failure) => this.marks(document, failure, places.get(failure.groupId) ?? []));
    slot.entries = [...marks, ...slot.entries.filter((e) => !groupIds.has(e.groupId))].slice(0, MAX_MARKS_PER_DOCUMENT);
    this.entries.set(key, slot);
    this.publish(key);
  }

  private marks(document: vscode.TextDocument, failure: GroupFailure, places: readonly { start: number; end: number }[]): Entry[] {
    const d = describeError(failure.code);
    const more = failure.moreErrors ? ` (${failure.moreErrors} more error${failure.moreErrors === 1 ? '' : 's'} in the Chat Roles view)` : '';
    return places.map((occ) => {
      const range = new vscode.Range(document.positionAt(occ.start), document.positionAt(occ.end));
      const app = failure.app === undefined ? '' : ` (app ${failure.app})`;
      const diagnostic = new vscode.Diagnostic(range, `${failure.groupId}: ${failure.message}${more}${app}`, severityFor(d.scope));
      if (failure.app !== undefined) diagnosticApps.set(diagnostic, failure.app);
      diagnostic.source = DIAGNOSTIC_SOURCE;
      diagnostic.code = { value: String(failure.code), target: vscode.Uri.parse(d.docsUrl) };
      return { groupId: failure.groupId, start: occ.start, end: occ.end, diagnostic };
    });
  }

  /** Removes the marks of a group everywhere (a later check succeeded, or it was removed). */
  clearGroup(groupId: string): void {
    for (const [key, slot] of this.entries) {
      const kept = slot.entries.filter((e) => e.groupId !== groupId);
      if (kept.length !== slot.entries.length) {
        slot.entries = kept;
        this.publish(key);
      }
    }
  }

  clearAll(): void {
    this.entries.clear();
    this.collection.clear();
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    const slot = this.entries.get(key);
    if (!slot || !e.contentChanges.length) return;
    // Changes of one event refer to the text before the event; apply them last-first. Only marks at or after
    // a change move, and only marks a change touches go: the rest of the text is unchanged, never re-read.
    const changes = [...e.contentChanges].sort((a, b) => b.rangeOffset - a.rangeOffset);
    const moved = new Set<Entry>();
    let entries = slot.entries;
    for (const c of changes) {
      const cStart = c.rangeOffset;
      const cEnd = c.rangeOffset + c.rangeLength;
      const delta = c.text.length - c.rangeLength;
      // A change touching the ID (even an insertion right at its edge) changes the text at the range.
      entries = entries.filter((en) => cEnd < en.start || cStart > en.end);
      for (const en of entries) {
        if (cEnd < en.start) {
          en.start += delta;
          en.end += delta;
          moved.add(en);
        }
      }
    }
    slot.document = e.document;
    if (entries.length === slot.entries.length && moved.size === 0) return;
    slot.entries = entries;
    for (const en of entries) {
      if (moved.has(en)) en.diagnostic.range = new vscode.Range(e.document.positionAt(en.start), e.document.positionAt(en.end));
    }
    this.publish(key);
  }

  private drop(uri: vscode.Uri): void {
    if (this.entries.delete(uri.toString())) this.collection.delete(uri);
  }

  private publish(key: string): void {
    const slot = this.entries.get(key);
    if (!slot) return;
    if (!slot.entries.length) {
      this.entries.delete(key);
      this.collection.delete(slot.document.uri);
      return;
    }
    this.collection.set(slot.document.uri, slot.entries.map((e) => e.diagnostic));
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
    this.collection.dispose();
  }
}
