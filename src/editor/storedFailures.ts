// The failures a document showed before a reload or before it was closed, read back from the stored results.
import type { GroupRecord } from '../results/record';
import type { GroupFailure } from './diagnostics';

/** What a record reports in the editor: its first error and how many more, or undefined (no failure, or only a cancel). */
export function failureOf(record: GroupRecord): GroupFailure | undefined {
  const [first, ...rest] = record.errors.filter((e) => e.code !== 'CANCELLED');
  return first && { groupId: record.groupId, code: first.code, message: first.message, moreErrors: rest.length };
}

/** The failed groups whose ID was found in the document `uri`, with the place it was found at. */
export function storedFailuresIn(records: readonly GroupRecord[], uri: string): { failure: GroupFailure; range: [number, number, number, number] }[] {
  const found: { failure: GroupFailure; range: [number, number, number, number] }[] = [];
  for (const record of records) {
    if (record.source?.uri !== uri) continue;
    const failure = failureOf(record);
    if (failure) found.push({ failure, range: record.source.range });
  }
  return found;
}
