import { findGroupIds, findOccurrences } from '../chat/text/ids';

/** The text is scanned in pieces of about this size, cut after a line end (no ID spans lines). */
const PIECE = 64 * 1024;

/**
 * Where each of many group IDs stands in one text: at most `perId` places each, `total` in all. "@TGS#"
 * IDs come from one scan of the text, whatever their number (searching it once per ID cost seconds for
 * 1,000 failed groups in a large file), which stops once every ID, or the total, is full. Custom IDs cannot
 * be told from other text, so each is searched for on its own.
 */
export function occurrencesOf(text: string, ids: Iterable<string>, perId: number, total: number): Map<string, { start: number; end: number }[]> {
  const found = new Map<string, { start: number; end: number }[]>();
  const custom: string[] = [];
  for (const id of ids) {
    found.set(id, []);
    if (!id.startsWith('@TGS#')) custom.push(id);
  }
  let room = total;
  for (const id of custom) {
    const places = findOccurrences(text, id).slice(0, Math.min(perId, room));
    found.set(id, places);
    room -= places.length;
  }
  let open = found.size - custom.length;
  for (let from = 0; from < text.length && open > 0 && room > 0; ) {
    const cut = text.indexOf('\n', from + PIECE);
    const to = cut < 0 ? text.length : cut + 1;
    for (const { id, start, end } of findGroupIds(text.slice(from, to), { max: Infinity }).ids) {
      const list = found.get(id);
      if (!list || list.length >= perId || room === 0) continue;
      list.push({ start: from + start, end: from + end });
      room--;
      if (list.length === perId) open--;
    }
    from = to;
  }
  return found;
}
