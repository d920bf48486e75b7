// Long loops over accounts run inside the extension host: they hand the event loop back between slices
// so that no single turn blocks it for long (the house rule is 50 ms).

/** Items handled per turn: a few milliseconds of the cheap per-account work this is used for. */
export const SLICE_ITEMS = 4096;

/** Resolves on a later turn of the event loop, after pending I/O. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Calls `each(i)` for i in [0, count), SLICE_ITEMS per turn; the first slice also waits for a turn. */
export async function inSlices(count: number, each: (i: number) => void): Promise<void> {
  for (let start = 0; start < count; start += SLICE_ITEMS) {
    await nextTurn();
    const end = Math.min(count, start + SLICE_ITEMS);
    for (let i = start; i < end; i++) each(i);
  }
}
