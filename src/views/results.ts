import * as vscode from 'vscode';
import type { ErrorCode, Role } from '../chat/types';

/** Where a group ID was found: a document and the range of the ID in it. */
export interface SourceLocation {
  uri: string;
  /** startLine, startCharacter, endLine, endCharacter (plain numbers so it persists as JSON). */
  range: [number, number, number, number];
}

/** The last check of one group: plain JSON, persisted in workspaceState. Never holds a secret. */
export interface GroupRecord {
  groupId: string;
  sdkAppId: number;
  identifier: string;
  /** Unix milliseconds. */
  checkedAt: number;
  /** The accounts asked about (for "check again"). */
  accounts: string[];
  roles: { account: string; role: Role }[];
  errors: { code: ErrorCode; message: string; accounts: string[] }[];
  source?: SourceLocation;
}

const STATE_KEY = 'chatRoles.results.v1';
/** Older records beyond this are dropped so workspace state stays small. */
export const MAX_RECORDS = 200;

const ROLES: ReadonlySet<unknown> = new Set<Role>(['Owner', 'Admin', 'Member', 'NotMember']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

function isSource(v: unknown): v is SourceLocation {
  return isObject(v) && typeof v.uri === 'string' && Array.isArray(v.range) && v.range.length === 4 && v.range.every((n) => Number.isInteger(n) && n >= 0);
}

/**
 * Whether stored state is a whole record. Every field is checked (state may come from an older or
 * hand-edited version): one malformed record must not make the tree throw and show nothing.
 */
function isRecord(v: unknown): v is GroupRecord {
  return (
    isObject(v) &&
    typeof v.groupId === 'string' &&
    typeof v.sdkAppId === 'number' &&
    typeof v.identifier === 'string' &&
    typeof v.checkedAt === 'number' &&
    isStringArray(v.accounts) &&
    Array.isArray(v.roles) &&
    v.roles.every((r) => isObject(r) && typeof r.account === 'string' && ROLES.has(r.role)) &&
    Array.isArray(v.errors) &&
    v.errors.every((e) => isObject(e) && (typeof e.code === 'number' || typeof e.code === 'string') && typeof e.message === 'string' && isStringArray(e.accounts)) &&
    (v.source === undefined || isSource(v.source))
  );
}

export function toRange(loc: SourceLocation): vscode.Range {
  return new vscode.Range(loc.range[0], loc.range[1], loc.range[2], loc.range[3]);
}

export function toSourceLocation(uri: vscode.Uri, range: vscode.Range): SourceLocation {
  return { uri: uri.toString(), range: [range.start.line, range.start.character, range.end.line, range.end.character] };
}

/** The checked groups, newest first, one record per group ID; survives window reloads. */
export class ResultsStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private records: GroupRecord[];

  constructor(private readonly memento: vscode.Memento) {
    const saved = memento.get<unknown>(STATE_KEY);
    this.records = Array.isArray(saved) ? saved.filter(isRecord) : [];
  }

  all(): readonly GroupRecord[] {
    return this.records;
  }

  get(groupId: string): GroupRecord | undefined {
    return this.records.find((r) => r.groupId === groupId);
  }

  /** Adds or replaces records (the given order is kept, ahead of older ones). */
  async put(records: readonly GroupRecord[]): Promise<void> {
    if (!records.length) return;
    const ids = new Set(records.map((r) => r.groupId));
    this.records = [...records, ...this.records.filter((r) => !ids.has(r.groupId))].slice(0, MAX_RECORDS);
    await this.save();
  }

  async remove(groupId: string): Promise<void> {
    this.records = this.records.filter((r) => r.groupId !== groupId);
    await this.save();
  }

  async clear(): Promise<void> {
    this.records = [];
    await this.save();
  }

  private async save(): Promise<void> {
    this.changed.fire();
    await this.memento.update(STATE_KEY, this.records);
    void vscode.commands.executeCommand('setContext', 'chatRoles.hasResults', this.records.length > 0);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
