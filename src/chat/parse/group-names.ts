// The names the contract uses for group types and member roles, whatever spelling a server answers with.

/** Classic API names of group types and the names the contract (and the console) use today. */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  private: 'Work',
  work: 'Work',
  public: 'Public',
  chatroom: 'Meeting',
  meeting: 'Meeting',
  avchatroom: 'AVChatRoom',
  community: 'Community',
};

/**
 * Work | Public | Meeting | AVChatRoom | Community for any known spelling (Private and ChatRoom are the
 * classic names of Work and Meeting). Another string is kept as the server sent it; anything else is none.
 */
export function groupTypeName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const key = value.trim().toLowerCase();
  return Object.hasOwn(TYPE_NAMES, key) ? TYPE_NAMES[key] : value;
}

const MEMBER_ROLES: Readonly<Record<string, string>> = { owner: 'Owner', admin: 'Admin', member: 'Member' };

/**
 * Owner | Admin | Member for those roles in any letter case; any other role the server names is kept raw.
 * NotMember is not a member's role: it gives undefined, like a missing or non-string role.
 */
export function memberRoleName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const key = value.trim().toLowerCase();
  if (Object.hasOwn(MEMBER_ROLES, key)) return MEMBER_ROLES[key];
  return key === 'notmember' || key === '' ? undefined : value;
}
