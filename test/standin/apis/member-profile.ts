// The profile fields the real server reports for a group member, with deterministic values.
import type { Group } from '../seed';

/** A fixed point in time so every run reports the same JoinTime/CreateTime values. */
export const EPOCH_SECONDS = 1_700_000_000;

/**
 * The member's fields in the order the stand-in sends them. Quirks the client must take: Member_Account
 * comes last (other key order); NameCard is left out when empty, as optional fields are (every fifth
 * member has one); the mute end comes under both names the pages use, ShutUpUntil and MuteUntil (the
 * reference's advice to accept both).
 */
export function memberProfile(group: Group, index: number): Record<string, unknown> {
  const m = group.members[index];
  const profile: Record<string, unknown> = {
    Role: m.role,
    JoinTime: EPOCH_SECONDS + 60 * index,
    MsgSeq: 0,
    MsgFlag: 'AcceptAndNotify',
    LastSendMsgTime: 0,
    ShutUpUntil: 0,
    MuteUntil: 0,
    AppMemberDefinedData: [],
  };
  if (index % 5 === 0) profile.NameCard = `Card of ${m.account}`;
  profile.Member_Account = m.account;
  return profile;
}

/** Member_Account is always included; a filter (when given) selects the other fields. */
export function filterFields(profile: Record<string, unknown>, filter: string[] | undefined): Record<string, unknown> {
  if (!filter) return profile;
  const out: Record<string, unknown> = {};
  for (const f of filter) if (f in profile) out[f] = profile[f];
  if (filter.includes('ShutUpUntil') || filter.includes('MuteUntil')) out.ShutUpUntil = out.MuteUntil = profile.ShutUpUntil;
  out.Member_Account = profile.Member_Account;
  return out;
}
