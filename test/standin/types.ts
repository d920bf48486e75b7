// The public shapes of the Chat REST API stand-in. server.ts re-exports all of them.

export type GroupType = 'Private' | 'Public' | 'ChatRoom' | 'AVChatRoom' | 'Community';

/** Seed files may also use the new-version names: Work (= Private) and Meeting (= ChatRoom). */
export type SeedGroupType = GroupType | 'Work' | 'Meeting';

export type MemberRole = 'Owner' | 'Admin' | 'Member';

export interface SeedData {
  app: { sdkAppId: number; secretKey: string; admins: string[] };
  groups: {
    groupId: string;
    type: SeedGroupType;
    name?: string;
    /** A Work group without recent messages: get_joined_group_list leaves it out unless WithNoActiveGroups is 1. */
    inactive?: boolean;
    members: { account: string; role: MemberRole }[];
  }[];
  /** Accounts that exist in the app (every member must be among them). */
  users: string[];
}

export type Fault =
  | { kind: 'delay'; ms: number } // delay before headers
  | { kind: 'trickle'; chunkBytes: number; intervalMs: number } // body sent slowly
  | { kind: 'resetBeforeResponse' }
  | { kind: 'resetMidBody' }
  | { kind: 'http502' } // 502 with an HTML page
  | { kind: 'http503' }
  | { kind: 'nonJson' }
  | { kind: 'truncatedJson' }
  | { kind: 'wrongShape'; variant: 'array' | 'errorCodeString' | 'userIdListNotArray' | 'roleNotString' }
  | { kind: 'userIdList'; variant: 'missing' | 'unrequested' | 'duplicated' | 'dropOne' }
  | { kind: 'errorCode'; code: number; info?: string } // e.g. 10002 once, 70001
  | { kind: 'close' } // accept then destroy the socket immediately
  | { kind: 'applyThenClose' }; // process the request (a write is applied), then destroy the socket unanswered

export interface FaultRule {
  fault: Fault;
  /** How many requests it hits; default unlimited. */
  times?: number;
  /** 0..1, drawn from the stand-in's seeded PRNG; default 1. */
  probability?: number;
  /** Only requests to this API (the last path segment, e.g. "get_role_in_group"). */
  api?: string;
  /** Only requests whose body names this group (GroupId, or one of GroupIdList). */
  groupId?: string;
}

export interface RecordedRequest {
  seq: number;
  time: number;
  method: string;
  path: string;
  api: string;
  /** usersig replaced by "***". */
  query: Record<string, string>;
  usersigOk: boolean | undefined;
  body: unknown;
  groupId?: string;
  accounts?: string[];
  errorCode?: number;
  httpStatus?: number;
  fault?: Fault['kind'];
}

export interface StandInOptions {
  /** The seed data, or the path of a JSON seed file. */
  data: SeedData | string;
  /** 0 (default) = a random free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Per-app limit over every API request; default 200; false = off. */
  requestsPerSecond?: number | false;
  /** Seed of the PRNG behind fault probabilities; default 1. */
  seed?: number;
}

export interface StandInStats {
  total: number;
  byCode: Record<string, number>;
  faults: number;
  rateLimited: number;
}

export interface StandIn {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  /** At least the last 100,000 requests, oldest first (a live view). */
  readonly requests: readonly RecordedRequest[];
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  setRequestsPerSecond(limit: number | false): void;
  /** Most admins per group from now on (a write over it is refused); undefined = no limit. setData clears it. */
  setAdminLimit(limit: number | undefined): void;
  /** Replace groups/users/app at run time (also clears the UserSig lockout and the rate window). */
  setData(data: SeedData): void;
  /** Forget the recorded requests and the stats counters. */
  resetRecords(): void;
  stats(): StandInStats;
  /** Closes every socket (closeAllConnections), cancels pending delayed responses, and resolves. */
  close(): Promise<void>;
}
