// The group's record after a change: the verified roles of the accounts it touched replace what the record
// said of them, so the tree shows what the server now reports.
import type { Credentials, Role } from '../chat/types';
import { countRoles, type GroupRecord } from '../results/record';

/** `record` (or a new one, when the group was never checked) with `seen` in place of its earlier outcomes. */
export function withVerifiedRoles(record: GroupRecord | undefined, groupId: string, app: { label: string; credentials: Credentials }, seen: readonly { account: string; role: Role }[], now: number): GroupRecord {
  const changed = new Set(seen.map((s) => s.account));
  const base: GroupRecord = record ?? {
    groupId,
    app: app.label,
    sdkAppId: app.credentials.sdkAppId,
    identifier: app.credentials.identifier,
    checkedAt: now,
    counts: countRoles([]),
    roles: [],
    errors: [],
  };
  const counts = { ...base.counts };
  const roles = base.roles.map((r) => {
    const now = seen.find((s) => s.account === r.account);
    if (!now) return r;
    counts[r.role]--;
    counts[now.role]++;
    return { account: r.account, role: now.role };
  });
  for (const s of seen) {
    if (roles.some((r) => r.account === s.account)) continue;
    roles.push({ account: s.account, role: s.role });
    counts[s.role]++;
  }
  const errors = base.errors
    .map((e) => {
      const accounts = e.accounts.filter((a) => !changed.has(a));
      const dropped = e.accounts.length - accounts.length;
      return { ...e, accounts, ...(e.count !== undefined && { count: e.count - dropped }) };
    })
    .filter((e) => (e.count ?? e.accounts.length) > 0);
  const accounts = base.accounts ? [...new Set([...base.accounts, ...changed])] : record ? undefined : [...changed];
  return { ...base, checkedAt: now, counts, roles, errors, ...(accounts && { accounts }) };
}
