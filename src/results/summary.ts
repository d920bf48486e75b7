import type { Role } from '../chat/types';
import { errorAccountCount, totalRoles, type GroupRecord } from './record';

/** "3 checked · 1 owner · 1 admin · 1 error", from the counts (complete even when the lists are not). */
export function summarizeRecord(record: GroupRecord): string {
  const count = (role: Role) => record.counts[role];
  const failed = record.errors.reduce((n, e) => n + errorAccountCount(e), 0);
  const parts = [`${totalRoles(record) + failed} checked`];
  const owners = count('Owner');
  const admins = count('Admin');
  const members = count('Member');
  const outside = count('NotMember');
  if (owners) parts.push(`${owners} owner`);
  if (admins) parts.push(`${admins} admin${admins === 1 ? '' : 's'}`);
  if (members) parts.push(`${members} member${members === 1 ? '' : 's'}`);
  if (outside) parts.push(`${outside} not in group`);
  if (record.errors.length) parts.push(`${record.errors.length} error${record.errors.length === 1 ? '' : 's'}`);
  return parts.join(' · ');
}
