// Deterministic bench workloads: the app, its groups and accounts. Both the stand-in process and the
// measuring process build the same data from the same parameters, so nothing large crosses the IPC pipe.
import type { MemberRole, SeedData } from '../test/standin/types';
import type * as TlsSigApi from 'tls-sig-api-v2';

export const APP = { sdkAppId: 1400000001, secretKey: 'bench-secret-key-0123456789abcdef', admin: 'administrator' };

export interface WorkloadSpec {
  groups: number;
  /** Accounts asked about per group; about 60 % of them are members (1 Owner, 5 Admins). */
  accounts: number;
}

export function groupId(i: number): string {
  return `@TGS#2B${i.toString(36).toUpperCase().padStart(7, '0')}`;
}

export function account(i: number): string {
  return `bench_user_${i}`;
}

export function groupIds(spec: WorkloadSpec): string[] {
  return Array.from({ length: spec.groups }, (_, i) => groupId(i));
}

export function accounts(spec: WorkloadSpec): string[] {
  return Array.from({ length: spec.accounts }, (_, i) => account(i));
}

function memberRole(index: number): MemberRole | undefined {
  if (index === 0) return 'Owner';
  if (index <= 5) return 'Admin';
  return index % 5 < 3 ? 'Member' : undefined;
}

/** The stand-in's seed for a spec. */
export function seedData(spec: WorkloadSpec): SeedData {
  const members = accounts(spec).flatMap((a, i) => {
    const role = memberRole(i);
    return role ? [{ account: a, role }] : [];
  });
  return {
    app: { sdkAppId: APP.sdkAppId, secretKey: APP.secretKey, admins: [APP.admin] },
    groups: groupIds(spec).map((id) => ({ groupId: id, type: 'Public' as const, members })),
    users: [APP.admin, ...accounts(spec)],
  };
}

/** A UserSig for the bench admin, minted by Tencent's own generator (a devDependency). */
export function benchUserSig(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, so memory samples importing this file never hold it
  const { Api } = require('tls-sig-api-v2') as typeof TlsSigApi;
  return new Api(APP.sdkAppId, APP.secretKey).genUserSig(APP.admin, 86400);
}

/** The query string every get_role_in_group request carries, with a fresh random uint32. */
export function roleQuery(userSig: string): string {
  const random = (Math.random() * 0x100000000) >>> 0;
  return (
    `sdkappid=${APP.sdkAppId}&identifier=${encodeURIComponent(APP.admin)}` +
    `&usersig=${encodeURIComponent(userSig)}&random=${random}&contenttype=json`
  );
}

export const ROLE_PATH = '/v4/group_open_http_svc/get_role_in_group';

/** The batched request bodies a client should send for a spec: ≤ 500 accounts per request. */
export function batchedBodies(spec: WorkloadSpec, chunk = 500): string[] {
  const accs = accounts(spec);
  const bodies: string[] = [];
  for (const g of groupIds(spec)) {
    for (let i = 0; i < accs.length; i += chunk) {
      bodies.push(JSON.stringify({ GroupId: g, User_Account: accs.slice(i, i + chunk) }));
    }
  }
  return bodies;
}
