import * as vscode from 'vscode';
import {
  checkGroupId,
  findAccountsInRequestBody,
  findGroupIdInRequestBody,
  findGroupIds,
  findOccurrences,
  groupIdAt,
  MAX_IDS_PER_SCAN,
} from '../chat/text/ids';

/** What the active editor says should be checked. */
export interface EditorTargets {
  /** In order of appearance, without repeats. */
  groupIds: string[];
  /** Where each ID was first found. */
  sources: Map<string, { uri: vscode.Uri; range: vscode.Range }>;
  /** From a non-empty User_Account array in a selection, when one holds a request body. */
  accounts?: string[];
  /** More IDs were selected than one check takes (MAX_IDS_PER_SCAN); the rest were left out. */
  truncated: boolean;
  /** Why a selection gave no group ID (blank, binary, too long…), a sentence, so the input box can say so. */
  unusable?: string;
}

/**
 * Group IDs from every selection (all @TGS# IDs in it; else a request body's GroupId; else the whole
 * trimmed selection as one custom ID); with no selection, the ID under each cursor (an @TGS# ID or the
 * string literal there). Accounts from a selected request body's User_Account array.
 */
export function targetsFromEditor(editor: vscode.TextEditor): EditorTargets {
  const document = editor.document;
  const targets: EditorTargets = { groupIds: [], sources: new Map(), truncated: false };
  const add = (id: string, start: number, end: number) => {
    if (targets.sources.has(id)) return;
    if (targets.groupIds.length >= MAX_IDS_PER_SCAN) {
      targets.truncated = true;
      return;
    }
    targets.groupIds.push(id);
    targets.sources.set(id, { uri: document.uri, range: new vscode.Range(document.positionAt(start), document.positionAt(end)) });
  };

  const selections = editor.selections.filter((s) => !s.isEmpty);
  for (const selection of selections) {
    const base = document.offsetAt(selection.start);
    const text = document.getText(selection);
    // An empty User_Account array names no one: leave accounts unset so the user is asked.
    const bodyAccounts = findAccountsInRequestBody(text);
    if (bodyAccounts?.length) targets.accounts ??= bodyAccounts;
    const found = findGroupIds(text, { max: MAX_IDS_PER_SCAN });
    if (found.truncated) targets.truncated = true;
    if (found.ids.length) {
      for (const f of found.ids) add(f.id, base + f.start, base + f.end);
      continue;
    }
    const bodyId = findGroupIdInRequestBody(text);
    if (bodyId !== undefined) {
      // An escaped ID ("\u0040TGS#…") does not stand in the text as it reads: the selection is its source.
      const occ = findOccurrences(text, bodyId)[0] ?? { start: 0, end: text.length };
      add(bodyId, base + occ.start, base + occ.end);
      continue;
    }
    const trimmed = text.trim();
    const problem = trimmed ? checkGroupId(trimmed) : 'It is blank.';
    if (problem) {
      targets.unusable ??= problem;
      continue;
    }
    const start = base + text.indexOf(trimmed);
    add(trimmed, start, start + trimmed.length);
  }
  if (!selections.length) {
    const text = document.getText();
    for (const selection of editor.selections) {
      const at = groupIdAt(text, document.offsetAt(selection.active));
      if (at) add(at.id, at.start, at.end);
    }
  }
  return targets;
}

/** Group IDs typed into the input box: every @TGS# ID in it, or the whole trimmed text as one ID. */
export function parseGroupIdInput(input: string): { ids: string[]; reason?: string } {
  const found = findGroupIds(input, { max: MAX_IDS_PER_SCAN + 1 });
  if (found.ids.length) {
    const ids = [...new Set(found.ids.map((f) => f.id))];
    if (ids.length > MAX_IDS_PER_SCAN || found.truncated) return { ids, reason: `At most ${MAX_IDS_PER_SCAN} group IDs at once.` };
    return { ids };
  }
  const trimmed = input.trim();
  if (!trimmed) return { ids: [], reason: 'Enter a group ID, such as @TGS#2C5SZEAEF or a custom ID.' };
  const reason = checkGroupId(trimmed);
  return reason ? { ids: [], reason } : { ids: [trimmed] };
}
