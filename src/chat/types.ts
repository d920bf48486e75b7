// Shared shapes of the Chat core. Plain data only: no vscode, no undici.

/** The four roles get_role_in_group reports. */
export type Role = 'Owner' | 'Admin' | 'Member' | 'NotMember';

/** What the core needs to sign a request. Never logged, never stored outside SecretStorage. */
export interface Credentials {
  sdkAppId: number;
  identifier: string;
  /** A ready UserSig; used when no secretKey is given. */
  userSig?: string;
  /** The app's secret key; when present the core mints (and caches) UserSigs itself. */
  secretKey?: string;
}

/** Error codes the client produces itself (the server's are numbers). */
export type LocalErrorCode =
  | 'NETWORK' // connection refused / reset / DNS failure, after retries and the backup domain
  | 'TIMEOUT' // no complete response within the timeout, after retries
  | 'HTTP_STATUS' // a non-200 HTTP status
  | 'BAD_RESPONSE' // 200 but not JSON, truncated, or the wrong shape
  | 'MISSING_FROM_RESPONSE' // the server's UserIdList left this account out
  | 'CANCELLED' // the caller's AbortSignal fired
  | 'DEADLINE' // the total retry deadline ran out
  | 'USERSIG_EXPIRED' // pre-flight: the UserSig's expiry has passed
  | 'USERSIG_APP_MISMATCH' // pre-flight: issued for another SDKAppID
  | 'USERSIG_IDENTIFIER_MISMATCH' // pre-flight: issued for another identifier
  | 'INVALID_ENDPOINT' // endpoint refused before sending
  | 'INVALID_PROXY' // http.proxy (or HTTPS_PROXY / HTTP_PROXY) cannot be used; nothing sent
  | 'INVALID_INPUT'; // a group ID or account that cannot be sent (too long, non-printable, empty)

export type ErrorCode = number | LocalErrorCode;

/** One error, with the accounts that ended in it. */
export interface GroupError {
  code: ErrorCode;
  /** What happened and what to do, readable; never contains a secret. */
  message: string;
  accounts: string[];
  /** With DEADLINE: the code of the last failed attempt (a slow-down code: the rate limit ran the time out). */
  lastCode?: ErrorCode;
}

/** The outcome of one group: every requested account is in exactly one of roles[] or errors[].accounts. */
export interface GroupResult {
  groupId: string;
  roles: { account: string; role: Role }[];
  errors: GroupError[];
}

export interface QueryProgress {
  /** Requests finished so far (successful or not) and the total planned. */
  done: number;
  total: number;
}
