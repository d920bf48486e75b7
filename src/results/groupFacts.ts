// A group's facts from get_group_info (type, name, member count): in checkRoles' answer, on the group
// node, and in the stored record. Stored facts are hostile input: read field by field, bounded.
import type { GroupInfo } from '../chat/client';
import { plainText } from '../ui/foreignText';

export interface GroupFacts {
  /** Work | Public | Meeting | AVChatRoom | Community, or the server's own word. */
  type?: string;
  name?: string;
  /** The group's total (MemberNum). */
  memberCount?: number;
}

/** Longest type and name kept: real ones are a word and at most 30 bytes; a server may send anything. */
const MAX_TYPE_CHARS = 32;
const MAX_NAME_CHARS = 120;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The facts an answer of get_group_info gave, bounded; undefined when it gave none. */
export function factsOf(info: GroupInfo | undefined): GroupFacts | undefined {
  if (!info) return undefined;
  return readFacts({ type: info.type && clip(info.type, MAX_TYPE_CHARS), name: info.name && clip(info.name, MAX_NAME_CHARS), memberCount: info.memberNum });
}

/** Facts as stored or given; a malformed field is left out, and no field at all gives undefined. */
export function readFacts(v: unknown): GroupFacts | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const { type, name, memberCount } = v as Record<string, unknown>;
  const facts: GroupFacts = {};
  if (typeof type === 'string' && type !== '' && type.length <= MAX_TYPE_CHARS) facts.type = type;
  if (typeof name === 'string' && name.length <= MAX_NAME_CHARS) facts.name = name;
  if (Number.isSafeInteger(memberCount) && (memberCount as number) >= 0) facts.memberCount = memberCount as number;
  return Object.keys(facts).length ? facts : undefined;
}

/** "Public · “All hands” · 1,200 in total" for a group row (the total, not to be read as the role "member"): plain text, the server's words made inert. */
export function describeFacts(facts: GroupFacts): string {
  const parts: string[] = [];
  if (facts.type) parts.push(plainText(facts.type));
  if (facts.name) parts.push(`“${plainText(facts.name)}”`);
  if (facts.memberCount !== undefined) parts.push(`${facts.memberCount.toLocaleString('en-US')} in total`);
  return parts.join(' · ');
}
