import * as vscode from 'vscode';
import {
  checkGroupId,
  findAccountsInRequestBody,
  findGroupIdInRequestBody,
  findGroupIds,
  findOccurrences,
  groupIdAt,
  MAX_CUSTOM_GROUP_ID_BYTES,
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
    const problem = unusableSelection(trimmed);
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

/**
 * Why a selection (trimmed) that holds no @TGS# ID and no request body cannot be one custom group ID, said
 * about the selection: a selected comment line is not "a group ID 65 bytes long".
 */
function unusableSelection(trimmed: string): string | undefined {
  if (!trimmed) return vscode.l10n.t('The selection holds no group ID (it is blank).');
  const problem = checkGroupId(trimmed);
  if (!problem) return undefined;
  const bytes = new TextEncoder().encode(trimmed).length;
  if (bytes > MAX_CUSTOM_GROUP_ID_BYTES) {
    return vscode.l10n.t(
      'The selection holds no group ID ({0} bytes selected): it has no @TGS# ID, and a custom group ID has at most {1} bytes.',
      String(bytes),
      String(MAX_CUSTOM_GROUP_ID_BYTES),
    );
  }
  return vscode.l10n.t('The selection holds no group ID: {0}', problem);
}

/** Group IDs typed into the input box: every @TGS# ID in it, or the whole trimmed text as one ID. */
export function parseGroupIdInput(input: string): { ids: string[]; reason?: string } {
  const found = findGroupIds(input, { max: MAX_IDS_PER_SCAN + 1 });
  if (found.ids.length) {
    const ids = [...new Set(found.ids.map((f) => f.id))];
    if (ids.length > MAX_IDS_PER_SCAN || found.truncated) return { ids, reason: vscode.l10n.t('At most {0} group IDs at once.', String(MAX_IDS_PER_SCAN)) };
    return { ids };
  }
  const trimmed = input.trim();
  if (!trimmed) return { ids: [], reason: vscode.l10n.t('Enter a group ID, such as @TGS#2C5SZEAEF or a custom ID.') };
  const reason = checkGroupId(trimmed);
  return reason ? { ids: [], reason } : { ids: [trimmed] };
}

/** Characters the API accepts in a custom group ID but a typed one rarely means: a slip, or two IDs run together. */
const DOUBTFUL = /[\s"'`,;]/;

/** A warning for a typed custom group ID that the API would take but that is probably not what was meant. */
export function groupIdInputDoubt(input: string): string | undefined {
  const { ids, reason } = parseGroupIdInput(input);
  if (reason || ids.length !== 1 || findGroupIds(input, { max: 1 }).ids.length) return undefined;
  const found = DOUBTFUL.exec(ids[0]);
  if (!found) return undefined;
  const position = String(found.index + 1);
  return /\s/.test(found[0])
    ? vscode.l10n.t('The group ID holds a space at position {0}. Custom group IDs may, but it is more often a typing slip or two IDs. Press Enter again to check it as typed.', position)
    : vscode.l10n.t('The group ID holds "{0}" at position {1}. Custom group IDs may, but it is more often a typing slip or two IDs. Press Enter again to check it as typed.', found[0], position);
}
