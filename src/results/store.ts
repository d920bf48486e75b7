import * as vscode from 'vscode';
import type { Log } from '../log';
import { LEGACY_APP, recordKey, type GroupRecord } from './record';
import { isSource, MAX_RECORD_BYTES, readLegacy, readStored, storedBytes, toStored, type StoredRecord } from './stored';

/**
 * Each group's record under its own key, so a check writes only the groups it changed. (VS Code itself
 * still serializes the extension's whole workspace state per batch of updates: the budget below is what
 * keeps that cheap.)
 */
const KEY_PREFIX = 'chatRoles.results.v2/';
/** Version 0.1.0 kept every record, whole, in one array under this key; read once, migrated, removed. */
const LEGACY_KEY = 'chatRoles.results.v1';
/** Older records beyond this are dropped. */
export const MAX_RECORDS = 200;
/**
 * What the stored records may take together (UTF-8 JSON). Older records go from storage first; this
 * window keeps showing them. Leaves room under 2 MB for the remembered account lists.
 */
export const RESULTS_BUDGET_BYTES = 1_500_000;

/** Another app's records: its label (which holds no `/`) between this and the group ID. */
const APP_KEY_PREFIX = 'chatRoles.results.v2@';

/** The state key of one app's record of one group; app `default`'s keep the keys they had before apps. */
const keyOf = (r: { app: string; groupId: string }) => (r.app === LEGACY_APP ? KEY_PREFIX + r.groupId : `${APP_KEY_PREFIX}${r.app}/${r.groupId}`);
const isResultKey = (key: string) => key.startsWith(KEY_PREFIX) || key.startsWith(APP_KEY_PREFIX);

/**
 * A record as the store holds it: an empty account list counts as not kept (Check Again asks), a source
 * that is not ours to open is dropped; the tree and the commands then never meet either.
 */
function admissible(record: GroupRecord): GroupRecord {
  const { accounts, source, ...rest } = record;
  const kept: GroupRecord = rest;
  if (accounts?.length) kept.accounts = accounts;
  if (source && isSource(source)) kept.source = source;
  return kept;
}

function withoutSeq({ seq: _seq, ...record }: StoredRecord): GroupRecord {
  return record;
}

/**
 * The checked groups, newest first, one record per group ID. This window holds the records of its own
 * checks whole; workspace state keeps each one bounded (see stored.ts) and all of them within
 * RESULTS_BUDGET_BYTES, so a window reload shows counts and the first roles of a big check.
 */
export class ResultsStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private records: GroupRecord[] = [];
  /** What workspace state holds: each stored record's place in the order and size, by recordKey. */
  private readonly stored = new Map<string, { seq: number; bytes: number }>();
  private seq = 0;
  /** Settles once the writes of loading (migration, dropping malformed or excess entries) are done. */
  readonly loaded: Promise<void>;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly log: Log,
  ) {
    this.loaded = this.settle(vscode.l10n.t('Cleaning up the stored results failed'), this.load());
  }

  all(): readonly GroupRecord[] {
    return this.records;
  }

  /** The record of that group in that app; without an app, the newest record of the group in any app. */
  get(groupId: string, app?: string): GroupRecord | undefined {
    return this.records.find((r) => r.groupId === groupId && (app === undefined || r.app === app));
  }

  /** Adds or replaces records (the given order is kept, ahead of older ones); writes only their keys. */
  async put(records: readonly GroupRecord[]): Promise<void> {
    const given = [...new Map(records.map((r) => [recordKey(r), admissible(r)] as const)).values()];
    if (!given.length) return;
    const ids = new Set(given.map(recordKey));
    this.records = [...given, ...this.records.filter((r) => !ids.has(recordKey(r)))];
    const writes = this.records.splice(MAX_RECORDS).map((r) => this.unstore(r));
    // The first given record is the newest: it gets the highest place.
    for (const record of [...given].reverse()) writes.push(this.store(record, ++this.seq));
    writes.push(...this.fitBudget());
    this.announce();
    await Promise.all(writes);
  }

  /** Drops the group's record in that app; without an app, in every app. */
  async remove(groupId: string, app?: string): Promise<void> {
    const gone = this.records.filter((r) => r.groupId === groupId && (app === undefined || r.app === app));
    this.records = this.records.filter((r) => !gone.includes(r));
    this.announce();
    await Promise.all(gone.map((r) => this.unstore(r)));
  }

  /** Empties the store and every key it ever wrote (also those of another store over the same state). */
  async clear(): Promise<void> {
    this.records = [];
    this.stored.clear();
    this.announce();
    const keys = this.memento.keys().filter((k) => isResultKey(k) || k === LEGACY_KEY);
    await Promise.all(keys.map((k) => this.memento.update(k, undefined)));
  }

  /** Reads every stored record (and 0.1.0's array); returns the writes that tidy what it found. */
  private load(): Thenable<void>[] {
    const found = new Map<string, StoredRecord>();
    const writes: Thenable<void>[] = [];
    for (const key of this.memento.keys()) {
      if (!isResultKey(key)) continue;
      const record = readStored(this.memento.get<unknown>(key));
      if (record && keyOf(record) === key) found.set(recordKey(record), record);
      else writes.push(this.memento.update(key, undefined));
    }
    this.seq = Math.max(0, ...[...found.values()].map((r) => r.seq));
    const legacy = this.memento.get<unknown>(LEGACY_KEY);
    if (legacy !== undefined) {
      // 0.1.0 kept newest first; records already migrated win over their legacy copies.
      const migrated = (Array.isArray(legacy) ? legacy.slice(0, MAX_RECORDS) : []).map(readLegacy).filter((r) => r !== undefined);
      const newest = (this.seq += migrated.length);
      for (const [i, record] of migrated.entries()) {
        if (!found.has(recordKey(record))) found.set(recordKey(record), toStored(record, newest - i));
      }
      writes.push(this.memento.update(LEGACY_KEY, undefined));
      this.log.info(
        Array.isArray(legacy)
          ? vscode.l10n.t('Stored results of version 0.1.0: {0} group(s) migrated, {1} dropped.', String(migrated.length), String(legacy.length - migrated.length))
          : vscode.l10n.t('Stored results of version 0.1.0: {0} group(s) migrated, a malformed value dropped.', String(migrated.length)),
      );
    }
    const ordered = [...found.values()].sort((a, b) => b.seq - a.seq);
    this.records = ordered.map(withoutSeq);
    for (const r of ordered) {
      const bytes = storedBytes(r);
      if (bytes > MAX_RECORD_BYTES) {
        this.records = this.records.filter((k) => recordKey(k) !== recordKey(r));
        writes.push(this.memento.update(keyOf(r), undefined));
        continue;
      }
      this.stored.set(recordKey(r), { seq: r.seq, bytes });
      // A migrated record gets its own key now.
      if (this.memento.get<unknown>(keyOf(r)) === undefined) writes.push(this.memento.update(keyOf(r), r));
    }
    writes.push(...this.records.splice(MAX_RECORDS).map((r) => this.unstore(r)));
    writes.push(...this.fitBudget(true));
    return writes;
  }

  private store(record: GroupRecord, seq: number): Thenable<void> {
    const value = toStored(record, seq);
    const bytes = storedBytes(value);
    if (bytes > MAX_RECORD_BYTES) {
      this.log.warn(vscode.l10n.t('The result of {0} is too large to keep across reloads ({1} bytes); this window still shows it.', record.groupId, String(bytes)));
      return this.unstore(record);
    }
    this.stored.set(recordKey(record), { seq, bytes });
    return this.memento.update(keyOf(record), value);
  }

  private unstore(record: { app: string; groupId: string }): Thenable<void> {
    if (!this.stored.delete(recordKey(record))) return Promise.resolve();
    return this.memento.update(keyOf(record), undefined);
  }

  /**
   * Takes the oldest records out of storage until the rest fit the budget. This window keeps showing
   * them, unless they were just loaded (then storage is all there is).
   */
  private fitBudget(forget = false): Thenable<void>[] {
    let total = [...this.stored.values()].reduce((n, s) => n + s.bytes, 0);
    if (total <= RESULTS_BUDGET_BYTES) return [];
    const oldestFirst = [...this.stored.entries()].sort((a, b) => a[1].seq - b[1].seq);
    const writes: Thenable<void>[] = [];
    for (const [key, { bytes }] of oldestFirst) {
      if (total <= RESULTS_BUDGET_BYTES) break;
      total -= bytes;
      const [app, groupId] = JSON.parse(key) as [string, string];
      writes.push(this.unstore({ app, groupId }));
      if (forget) this.records = this.records.filter((r) => recordKey(r) !== key);
    }
    return writes;
  }

  /** Waits for the writes; a failure is logged as `failed` says it ("Cleaning up the stored results failed"). */
  private async settle(failed: string, writes: Thenable<void>[]): Promise<void> {
    try {
      await Promise.all(writes);
    } catch (err) {
      this.log.error(failed, err);
    }
  }

  private announce(): void {
    this.changed.fire();
    void vscode.commands.executeCommand('setContext', 'chatRoles.hasResults', this.records.length > 0);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
