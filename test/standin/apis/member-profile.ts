// The profile fields the real server reports for a group member, with deterministic values.
import type { Group } from '../seed';

/** A fixed point in time so every run reports the same JoinTime/CreateTime values. */
export const EPOCH_SECONDS = 1_700_000_000;

export function memberProfile(group: Group, index: number): Record<string, unknown> {
  const m = group.members[index];
  return {
    Member_Account: m.account,
    Role: m.role,
    JoinTime: EPOCH_SECONDS + 60 * index,
    MsgSeq: 0,
    MsgFlag: 'AcceptAndNotify',
    LastSendMsgTime: 0,
    ShutUpUntil: 0,
    NameCard: '',
    AppMemberDefinedData: [],
  };
}

/** Member_Account is always included; a filter (when given) selects the other fields. */
export function filterFields(profile: Record<string, unknown>, filter: string[] | undefined): Record<string, unknown> {
  if (!filter) return profile;
  const out: Record<string, unknown> = { Member_Account: profile.Member_Account };
  for (const f of filter) if (f in profile) out[f] = profile[f];
  return out;
}
