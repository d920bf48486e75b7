import { findGroupIds, findOccurrences } from '../chat/text/ids';

/**
 * Where each of many group IDs stands in one text, at most `perId` places each. "@TGS#" IDs come from one
 * scan of the text, whatever their number: searching it once per ID cost seconds for 1,000 failed groups
 * in a large file. Custom IDs cannot be told from other text, so each is searched for on its own.
 */
export function occurrencesOf(text: string, ids: Iterable<string>, perId: number): Map<string, { start: number; end: number }[]> {
  const found = new Map<string, { start: number; end: number }[]>();
  const custom: string[] = [];
  for (const id of ids) {
    found.set(id, []);
    if (!id.startsWith('@TGS#')) custom.push(id);
  }
  if (custom.length < found.size) {
    for (const { id, start, end } of findGroupIds(text, { max: Infinity }).ids) {
      const list = found.get(id);
      if (list && list.length < perId) list.push({ start, end });
    }
  }
  for (const id of custom) found.set(id, findOccurrences(text, id).slice(0, perId));
  return found;
}
