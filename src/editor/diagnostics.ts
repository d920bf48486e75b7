import * as vscode from 'vscode';
import { describeError } from '../chat/errors';
import type { ErrorCode } from '../chat/types';
import { docsLink } from '../ui/docsLink';
import { severityFor } from '../ui/severity';
import { findOccurrences } from '../chat/text/ids';
import type { ResultsStore } from '../results/store';
import { occurrencesOf } from './occurrences';
import { storedFailuresIn } from './storedFailures';

export const DIAGNOSTIC_SOURCE = 'Chat Roles';
/** Marks per failed group and per document: more say nothing new (and VS Code shows 1,000 per file at most). */
export const MAX_MARKS_PER_GROUP = 100;
export const MAX_MARKS_PER_DOCUMENT = 1000;
/**
 * A reopened document up to this many characters is searched whole for its stored failed IDs; a larger
 * one only at each ID's stored place, so that opening it never holds the extension host near 50 ms (a
 * 1.2 MB search took 3 ms in the integration test, a 50 MB document would take far longer).
 */
export const MAX_RESTORE_SCAN_CHARS = 1_000_000;

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

/** "@TGS#…: <the error> (2 more errors in the Chat Roles view) (app dev)": one whole message per form. */
function diagnosticMessage(failure: GroupFailure): string {
  const { groupId, message, moreErrors, app } = failure;
  const more = String(moreErrors);
  if (app === undefined) {
    if (!moreErrors) return vscode.l10n.t('{0}: {1}', groupId, message);
    return moreErrors === 1
      ? vscode.l10n.t('{0}: {1} (1 more error in the Chat Roles view)', groupId, message)
      : vscode.l10n.t('{0}: {1} ({2} more errors in the Chat Roles view)', groupId, message, more);
  }
  if (!moreErrors) return vscode.l10n.t('{0}: {1} (app {2})', groupId, message, app);
  return moreErrors === 1
    ? vscode.l10n.t('{0}: {1} (1 more error in the Chat Roles view) (app {2})', groupId, message, app)
    : vscode.l10n.t('{0}: {1} ({2} more errors in the Chat Roles view) (app {3})', groupId, message, more, app);
}

/**
 * The one "Chat Roles" diagnostic collection. A failure marks the occurrences of the group ID in the
 * document it came from (the first MAX_MARKS_PER_GROUP, MAX_MARKS_PER_DOCUMENT in all); a mark goes away when the text under it changes, when a later check of that
 * ID succeeds, when the document closes, and on clear. When that document opens again (or is open when
 * the window reloads), the stored failures come back wherever it still holds the ID.
 */
export class RoleDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('Chat Roles');
  private readonly entries = new Map<string, { document: vscode.TextDocument; entries: Entry[] }>();
  private readonly listeners: vscode.Disposable[];
  private readonly pending = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly results: ResultsStore) {
    this.listeners = [
      vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)),
      vscode.workspace.onDidCloseTextDocument((d) => this.drop(d.uri)),
      vscode.workspace.onDidOpenTextDocument((d) => this.restore(d)),
    ];
    // After a reload: the documents already open get their marks back, one per task so none waits on all.
    for (const document of vscode.workspace.textDocuments) {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        if (!document.isClosed) this.restore(document);
      }, 0);
      this.pending.add(timer);
    }
  }

  /**
   * Marks the stored failures of a document that (re)opens, where it still holds their IDs: anywhere in a
   * document of up to MAX_RESTORE_SCAN_CHARS, only at the stored place in a larger one. An ID it no longer
   * holds gets no mark.
   */
  restore(document: vscode.TextDocument): void {
    const stored = storedFailuresIn(this.results.all(), document.uri.toString());
    if (!stored.length) return;
    const size = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
    if (size <= MAX_RESTORE_SCAN_CHARS) {
      this.reportMany(document, stored.map((s) => s.failure));
      return;
    }
    const places = new Map<string, { start: number; end: number }[]>();
    for (const { failure, range } of stored) {
      const [line, character] = range;
      const there = line < document.lineCount && findOccurrences(document.lineAt(line).text, failure.groupId).some((o) => o.start === character);
      if (!there) continue;
      const start = document.offsetAt(new vscode.Position(line, character));
      places.set(failure.groupId, [{ start, end: start + failure.groupId.length }]);
    }
    this.mark(document, stored.map((s) => s.failure), places);
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
    // The text is read once, and every ID found in one pass: per group, it cost groups × document size.
    this.mark(document, failures, occurrencesOf(document.getText(), groupIds, MAX_MARKS_PER_GROUP, MAX_MARKS_PER_DOCUMENT));
  }

  /** Puts the failures' marks at the given places of the document (replacing its earlier marks of those groups) and publishes. */
  private mark(document: vscode.TextDocument, failures: readonly GroupFailure[], places: ReadonlyMap<string, readonly { start: number; end: number }[]>): void {
    const key = document.uri.toString();
    const groupIds = new Set(failures.map((f) => f.groupId));
    const slot = this.entries.get(key) ?? { document, entries: [] };
    slot.document = document;
    const marks = failures.flatMap((failure) => this.marks(document, failure, places.get(failure.groupId) ?? []));
    slot.entries = [...marks, ...slot.entries.filter((e) => !groupIds.has(e.groupId))].slice(0, MAX_MARKS_PER_DOCUMENT);
    this.entries.set(key, slot);
    this.publish(key);
  }

  private marks(document: vscode.TextDocument, failure: GroupFailure, places: readonly { start: number; end: number }[]): Entry[] {
    const d = describeError(failure.code);
    const message = diagnosticMessage(failure);
    return places.map((occ) => {
      const range = new vscode.Range(document.positionAt(occ.start), document.positionAt(occ.end));
      const diagnostic = new vscode.Diagnostic(range, message, severityFor(d.scope));
      if (failure.app !== undefined) diagnosticApps.set(diagnostic, failure.app);
      diagnostic.source = DIAGNOSTIC_SOURCE;
      diagnostic.code = { value: String(failure.code), target: vscode.Uri.parse(docsLink(d.docs)) };
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
    for (const t of this.pending) clearTimeout(t);
    for (const l of this.listeners) l.dispose();
    this.collection.dispose();
  }
}
