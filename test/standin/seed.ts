// Loading and validating seed data into the model the API handlers read.
import { readFileSync } from 'node:fs';
import type { GroupType, MemberRole, SeedData } from './types';

export interface Group {
  groupId: string;
  type: GroupType;
  name: string;
  /** See SeedData: only a Work (Private) group can be inactive. */
  inactive: boolean;
  /** Members in seed order; the order get_group_member_info pages through. */
  members: { account: string; role: MemberRole }[];
  roles: Map<string, MemberRole>;
}

export interface Model {
  app: { sdkAppId: number; secretKey: string; admins: Set<string> };
  groups: Map<string, Group>;
  users: Set<string>;
  /** Most admins a group may have (set by a test; the docs give no number): undefined = no limit. */
  adminLimit?: number;
}

const typeAliases: Record<string, GroupType> = {
  Private: 'Private',
  Work: 'Private',
  Public: 'Public',
  ChatRoom: 'ChatRoom',
  Meeting: 'ChatRoom',
  AVChatRoom: 'AVChatRoom',
  Community: 'Community',
};
const roles = new Set(['Owner', 'Admin', 'Member']);

class SeedError extends Error {
  constructor(where: string, what: string) {
    super(`Invalid stand-in seed data at ${where}: ${what}`);
  }
}

function stringArray(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) {
    throw new SeedError(where, 'expected an array of non-empty strings');
  }
  return value as string[];
}

function object(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SeedError(where, 'expected an object');
  return value as Record<string, unknown>;
}

/** Validates seed data (an object, or JSON text already parsed) and builds the lookup model. */
export function buildModel(input: unknown): Model {
  const data = object(input, '(root)');
  const app = object(data.app, 'app');
  const sdkAppId = app.sdkAppId;
  if (typeof sdkAppId !== 'number' || !Number.isInteger(sdkAppId) || sdkAppId <= 0 || sdkAppId > 0xffffffff) {
    throw new SeedError('app.sdkAppId', 'expected a positive 32-bit integer');
  }
  if (typeof app.secretKey !== 'string' || app.secretKey === '') throw new SeedError('app.secretKey', 'expected a non-empty string');
  const admins = stringArray(app.admins, 'app.admins');
  if (admins.length === 0) throw new SeedError('app.admins', 'an app has at least one admin');
  const users = new Set(stringArray(data.users, 'users'));
  if (!Array.isArray(data.groups)) throw new SeedError('groups', 'expected an array');

  const groups = new Map<string, Group>();
  data.groups.forEach((raw, i) => {
    const where = `groups[${i}]`;
    const g = object(raw, where);
    if (typeof g.groupId !== 'string' || g.groupId === '') throw new SeedError(`${where}.groupId`, 'expected a non-empty string');
    if (groups.has(g.groupId)) throw new SeedError(`${where}.groupId`, `duplicate group ${g.groupId}`);
    const type = typeof g.type === 'string' ? typeAliases[g.type] : undefined;
    if (!type) throw new SeedError(`${where}.type`, `expected one of ${Object.keys(typeAliases).join(', ')}`);
    if (g.name !== undefined && typeof g.name !== 'string') throw new SeedError(`${where}.name`, 'expected a string');
    if (g.inactive !== undefined && (typeof g.inactive !== 'boolean' || (g.inactive && type !== 'Private'))) {
      throw new SeedError(`${where}.inactive`, 'expected a boolean, true only for a Work (Private) group');
    }
    if (!Array.isArray(g.members)) throw new SeedError(`${where}.members`, 'expected an array');
    const members: Group['members'] = [];
    const memberRoles = new Map<string, MemberRole>();
    g.members.forEach((m, j) => {
      const mw = `${where}.members[${j}]`;
      const { account, role } = object(m, mw);
      if (typeof account !== 'string' || !users.has(account)) throw new SeedError(`${mw}.account`, 'must be one of users');
      if (typeof role !== 'string' || !roles.has(role)) throw new SeedError(`${mw}.role`, 'expected Owner, Admin or Member');
      if (memberRoles.has(account)) throw new SeedError(`${mw}.account`, `${account} is already a member`);
      members.push({ account, role: role as MemberRole });
      memberRoles.set(account, role as MemberRole);
    });
    if (members.filter((m) => m.role === 'Owner').length > 1) throw new SeedError(`${where}.members`, 'more than one Owner');
    groups.set(g.groupId, { groupId: g.groupId, type, name: g.name ?? g.groupId, inactive: g.inactive === true, members, roles: memberRoles });
  });
  return { app: { sdkAppId, secretKey: app.secretKey, admins: new Set(admins) }, groups, users };
}

/** Seed data given inline, or the path of a JSON seed file. */
export function loadModel(data: SeedData | string): Model {
  if (typeof data !== 'string') return buildModel(data);
  let text: string;
  try {
    text = readFileSync(data, 'utf8');
  } catch (e) {
    throw new Error(`Cannot read stand-in seed file ${data}: ${(e as NodeJS.ErrnoException).code ?? 'read error'}`, { cause: e });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // JSON.parse quotes the text it choked on, and seed files hold a secret key: say less.
    throw new Error(`Stand-in seed file ${data} is not valid JSON`);
  }
  return buildModel(parsed);
}
