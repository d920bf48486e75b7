// A group's facts from get_group_info (type, name, member count): in checkRoles' answer, on the group
// node, and in the stored record. Stored facts are hostile input: read field by field, bounded. No `vscode`
// import: the words people read come from @vscode/l10n (the VS Code layer hands it the display language's
// bundle); the JSON keeps the type as the server names it.
import * as l10n from '@vscode/l10n';
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

/**
 * A known group type as people read it: Tencent's name (好友工作群（Work） in Chinese, the code itself in
 * English); undefined for a word the server sent that is not a known type. Private and ChatRoom are the
 * old names of Work and Meeting; they keep their own code.
 */
export function groupTypeName(type: string): string | undefined {
  switch (type) {
    case 'Work':
      return l10n.t({ message: 'Work', comment: ['group type'] });
    case 'Private':
      return l10n.t({ message: 'Private', comment: ['group type'] });
    case 'Public':
      return l10n.t({ message: 'Public', comment: ['group type'] });
    case 'Meeting':
      return l10n.t({ message: 'Meeting', comment: ['group type'] });
    case 'ChatRoom':
      return l10n.t({ message: 'ChatRoom', comment: ['group type'] });
    case 'AVChatRoom':
      return l10n.t({ message: 'AVChatRoom', comment: ['group type'] });
    case 'Community':
      return l10n.t({ message: 'Community', comment: ['group type'] });
    default:
      return undefined;
  }
}

/** A group type as a row shows it: a known one as Tencent names it, another word a server sent as sent (made inert). */
export function shownGroupType(type: string): string {
  return groupTypeName(type) ?? plainText(type);
}

/** "Public · “All hands” · 1,200 in total" for a group row (the total, not to be read as the role "member"): plain text, the server's words made inert. */
export function describeFacts(facts: GroupFacts): string {
  const parts: string[] = [];
  if (facts.type) parts.push(shownGroupType(facts.type));
  if (facts.name) parts.push(`“${plainText(facts.name)}”`);
  if (facts.memberCount !== undefined) parts.push(l10n.t('{0} in total', facts.memberCount.toLocaleString('en-US')));
  return parts.join(' · ');
}
