// Every ErrorCode the stand-in answers with, and the JSON envelopes it sends.
// Codes and meanings follow /work/shared/reference/chat-rest-api.md; where the docs do not say which
// code a check answers with, the choice is marked "guess" at the place that uses it.

export const Code = {
  OK: 0,
  INTERNAL: 10002,
  INVALID_COMMAND: 10003,
  INVALID_PARAMETER: 10004,
  TOO_MANY_ACCOUNTS: 10005,
  NO_PERMISSION: 10007,
  GROUP_NOT_FOUND: 10010,
  ACCOUNT_NOT_FOUND: 10019,
  HTTP_PARSE: 60002,
  JSON_PARSE: 60003,
  IDENTIFIER_INVALID: 60004,
  SDKAPPID_INVALID: 60006,
  FREQUENCY_LIMIT: 60007,
  WRONG_RESOURCE: 60009,
  NOT_APP_ADMIN: 60010,
  SDKAPPID_MISSING: 60012,
  ACCOUNT_NOT_STRING: 60015,
  USERSIG_EXPIRED: 70001,
  USERSIG_EMPTY: 70002,
  USERSIG_INVALID: 70003,
  USERSIG_OTHER_KEY: 70009,
  USERSIG_IDENTIFIER_MISMATCH: 70013,
  USERSIG_SDKAPPID_MISMATCH: 70014,
  USERSIG_NO_PUBLIC_KEY: 70016,
  SDKAPPID_NOT_FOUND: 70020,
  USERSIG_LOCKOUT: 70050,
} as const;

/** Default ErrorInfo texts, worded like the real server's terse messages. Never quote a secret here. */
const defaultInfo: Record<number, string> = {
  10002: 'Internal server error, please retry',
  10003: 'invalid command',
  10004: 'invalid parameter',
  10005: 'the number of accounts in the request exceeds the limit',
  10007: 'no permission',
  10010: 'this group does not exist or has been disbanded',
  10019: 'the account does not exist',
  60002: 'HTTP parse error, please check the request URL',
  60003: 'request body JSON parse error',
  60004: 'invalid identifier in the request URL',
  60006: 'invalid SDKAppID',
  60007: 'REST API call frequency exceeds the limit',
  60009: 'request resource error, please check the request URL',
  60010: 'the identifier must be an App admin',
  60012: 'SDKAppID is missing from the request URL',
  60015: 'account in the request body must be a string',
  70001: 'UserSig has expired, please generate a new one',
  70002: 'UserSig is empty',
  70003: 'UserSig is invalid, please generate it with the official API',
  70009: 'UserSig verification failed: it was not signed with this SDKAppID\'s key',
  70013: 'the identifier in the request does not match the UserSig',
  70014: 'the SDKAppID in the request does not match the UserSig',
  70016: 'the public key for this UserSig does not exist',
  70020: 'SDKAppID not found',
  70050: 'too many failed UserSig checks, please retry after 1 minute',
};

export function infoFor(code: number): string {
  return defaultInfo[code] ?? `error ${code}`;
}

export interface ApiResponse {
  ActionStatus: 'OK' | 'FAIL';
  ErrorCode: number;
  ErrorInfo: string;
  [field: string]: unknown;
}

export function ok(fields: Record<string, unknown>): ApiResponse {
  return { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ...fields };
}

export function fail(code: number, info?: string): ApiResponse {
  return { ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: info ?? infoFor(code) };
}

/** An API outcome: always HTTP 200, the body decides. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly info?: string,
  ) {
    super(info ?? infoFor(code));
  }
}
