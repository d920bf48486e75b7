// The error catalogue: every code Tencent Cloud Chat documents for get_role_in_group (and the public
// 60xxx/70xxx codes), plus the client's own local codes, each with a title, what to do next, whether an
// automatic retry is safe, which part of the setup it concerns, and where Tencent documents it.
// Facts: /work/shared/reference/chat-rest-api.md.

import * as l10n from '@vscode/l10n';
import { DOCS_PAGES, type DocsLinks } from './docs';
import type { ErrorCode, LocalErrorCode } from './types';

/**
 * Which part of the setup an error concerns, so the UI can offer the right fix:
 * - credentials: the app, the admin identifier, the UserSig or secret key (fix: Set Credentials / console)
 * - group: the group ID or the group itself
 * - account: one of the accounts being checked
 * - request: the request's shape (size, parameters) — usually a bug or a limit of this tool
 * - rate: a frequency limit; slow down
 * - server: Tencent's side failed or answered strangely
 * - network: the connection (DNS, proxy, timeouts)
 * - client: this machine's settings or actions (endpoint setting, cancel, bad input)
 */
export type ErrorScope = 'credentials' | 'group' | 'account' | 'request' | 'rate' | 'server' | 'network' | 'client';

export interface ErrorDescription {
  code: ErrorCode;
  title: string;
  advice: string;
  retryable: boolean;
  scope: ErrorScope;
  /** The page that explains the code, per display language (the VS Code layer picks with docsLinkFor). */
  docs: DocsLinks;
}

interface Entry {
  title: string;
  advice: string;
  scope: ErrorScope;
  docs: DocsLinks;
}

const SET_CREDENTIALS = 'Run "Chat Roles: Set Credentials…" to fix it.';
const NEW_USERSIG = `Generate a new UserSig (or store the secret key so one is minted for you). ${SET_CREDENTIALS}`;

/**
 * The server's codes: [code or codes sharing the text, the part of the setup it concerns, title, advice],
 * in runs by that part.
 */
const SERVER_TABLE: readonly (readonly [number | number[], Exclude<ErrorScope, 'network' | 'client'>, string, string])[] = [
  [10012, 'credentials', 'Invalid operator UserID', `The identifier is not a valid UserID for this app. ${SET_CREDENTIALS}`],
  [10026, 'credentials', 'API disabled for this app', 'get_role_in_group is disabled for this SDKAppID; contact Tencent Cloud support.'],
  [[60004, 60005], 'credentials', 'UserID or UserSig wrong in request', `The identifier or UserSig in the request is invalid. ${SET_CREDENTIALS}`],
  [60006, 'credentials', 'Invalid SDKAppID', `Check the SDKAppID, and that the region matches where the app was created. ${SET_CREDENTIALS}`],
  [60010, 'credentials', 'Identifier is not an App admin', `REST calls must use an App admin account (every app has "administrator"). ${SET_CREDENTIALS}`],
  [60016, 'credentials', 'SDKAppID disabled', 'This app is disabled; check its status in the Chat console.'],
  [60017, 'credentials', 'Request disabled', 'This request is disabled for the app; contact Tencent Cloud support.'],
  [60020, 'credentials', 'Plan expired', 'The app\'s Pro plan expired and the app was disabled; renew it in the Chat console.'],
  [60021, 'credentials', 'Source IP not allowed', 'The app restricts REST calls by IP and this machine\'s address is not on the list; update the allowlist in the Chat console.'],
  [[70001, 70052], 'credentials', 'UserSig expired', NEW_USERSIG],
  [70002, 'credentials', 'UserSig empty', NEW_USERSIG],
  [[70003, 70005], 'credentials', 'UserSig invalid', `The UserSig is malformed or was altered. ${NEW_USERSIG}`],
  [70009, 'credentials', 'UserSig signed with another key', `The UserSig was not signed with this SDKAppID's secret key. ${NEW_USERSIG}`],
  [70013, 'credentials', 'UserSig issued for another identifier', `The identifier does not match the one the UserSig was issued for. ${SET_CREDENTIALS}`],
  [70014, 'credentials', 'UserSig issued for another SDKAppID', `The SDKAppID does not match the one the UserSig was issued for. ${SET_CREDENTIALS}`],
  [70016, 'credentials', 'Public key does not exist', `The app has no key to verify this UserSig (an old ECDSA sig?). ${NEW_USERSIG}`],
  [70020, 'credentials', 'SDKAppID not found', `Check the SDKAppID and that the region matches where the app was created. ${SET_CREDENTIALS}`],
  [70050, 'credentials', 'Too many failed UserSig checks', 'Repeated bad signatures locked the app out; fix the UserSig first, then wait one minute before trying again.'],
  [70051, 'credentials', 'Account blocklisted', 'The identifier is on the app\'s blocklist; use another admin account or unblock it in the Chat console.'],
  [70107, 'credentials', 'UserID does not exist', `The identifier is not imported into this app. ${SET_CREDENTIALS}`],
  [70398, 'credentials', 'Account limit reached', 'The app has more accounts than its plan allows; upgrade the plan or remove accounts.'],
  [70403, 'credentials', 'App admin required', `The identifier must be an App admin. ${SET_CREDENTIALS}`],
  [10007, 'group', 'No permission, or an AVChatRoom group', 'The identifier must be an App admin, and AVChatRoom (live broadcast) groups are not supported by get_role_in_group.'],
  [10010, 'group', 'Group not found', 'The group does not exist or was disbanded. Check the group ID and that the app (SDKAppID) and region are the ones the group lives in.'],
  // 10015: the docs disagree. The API page calls it "failed to parse the JSON packet"; the global table calls
  // it "invalid group ID" and gives JSON parse failure its own code, 10011. We send well-formed JSON, so
  // the group ID reading is the likelier one; the text names both.
  [10015, 'group', 'Invalid group ID (or JSON parse failure)', 'The group ID is not valid for this app; check it. (Tencent\'s API page calls 10015 a JSON parse failure, its error-code table an invalid group ID.)'],
  [11000, 'group', 'Community feature not enabled', 'This is a Community group but the app has not enabled communities; enable it in the Chat console.'],
  [10019, 'account', 'Account does not exist', 'One of the requested UserIDs is not imported into this app; check the account names.'],
  [10003, 'request', 'Invalid command word', 'The request URL names an API the server does not know; check a custom endpoint for a wrong path or proxy rewriting.'],
  [10004, 'request', 'Invalid parameter', 'The server rejected a parameter; its message says which. Check the group ID and the accounts.'],
  [10005, 'request', 'Too many accounts in one request', 'At most 500 accounts go in one request; Chat Roles splits larger lists, so report this as a bug.'],
  [10011, 'request', 'Request JSON parse failure', 'The server could not parse the request body; a proxy may have altered it. Report this if it persists.'],
  [10018, 'request', 'Response too large', 'The answer would exceed 1 MB; check fewer accounts at once.'],
  [60002, 'request', 'HTTP parse error', 'The request URL was malformed; check a custom endpoint or proxy.'],
  [60003, 'request', 'Request JSON parse error', 'The server could not parse the request body; a proxy may have altered it.'],
  [60009, 'request', 'Wrong request resource', 'The request URL path is wrong; check a custom endpoint or proxy.'],
  [60012, 'request', 'SDKAppID missing from URL', 'The request URL lost its sdkappid parameter; a proxy may have rewritten it.'],
  [60015, 'request', 'Account must be a string', 'An account in the request body was not a string; report this as a bug.'],
  [70206, 'request', 'Invalid batch quantity', 'The request carried a number of items the server refused; check fewer accounts at once.'],
  [70402, 'request', 'Invalid parameter', 'The server rejected a parameter; its message says which.'],
  [10006, 'rate', 'Operation frequency limit', 'The app is calling group APIs too often; wait a moment and try again, or lower "chatRoles.requestsPerSecond".'],
  [60007, 'rate', 'REST API frequency limit', 'The app exceeded its REST call rate; Chat Roles slows down and retries. Lower "chatRoles.requestsPerSecond" if it keeps happening.'],
  [60011, 'rate', 'SDKAppID frequency limit', 'The app exceeded its call rate; Chat Roles slows down and retries.'],
  [[60018, 60019], 'rate', 'Too many requests', 'The server asked to slow down; Chat Roles waits and retries.'],
  [70114, 'rate', 'Login restricted', 'The identifier signed in too often; wait a while before trying again.'],
  [[10002, 70500], 'server', 'Chat server internal error', 'A temporary failure on Tencent\'s side; try again.'],
  [60008, 'server', 'Server timeout', 'The service timed out or could not read the HTTP request; try again.'],
  [60013, 'server', 'Response JSON parse error', 'Tencent\'s side failed to build its answer; try again later.'],
  [60014, 'server', 'Account switching timed out', 'A temporary failure on Tencent\'s side; try again later.'],
  [[70169, 70202], 'server', 'Server timeout', 'A temporary failure on Tencent\'s side; try again.'],
];

/**
 * What a server code means when a role change (modify_group_member_info, change_group_owner) gets it,
 * where that differs from a read's. Which code the server uses for each rule is not documented (see
 * related-apis.md); the advice names every rule the code may stand for, and the server's message follows it.
 * No admin limit is documented for any group type, so none is assumed: the server's refusal is the limit.
 */
const ROLE_CHANGE_ADVICE: ReadonlyMap<number, string> = new Map([
  [10004, 'The server refused this change; its message says why. The owner\'s role cannot be changed (transfer ownership instead), the account must already be a member of the group (it has to join first), and when the group already has as many admins as the server allows, another admin must be made a member first.'],
  [10007, 'This change is not allowed: the identifier must be an App admin, AVChatRoom (live broadcast) groups refuse role changes and ownership transfers, and Work groups have no admins.'],
  [10019, 'The account does not exist in this app: it must be imported, and join the group, before its role can change.'],
  [10010, 'The group does not exist or was disbanded; nothing was changed. Check the group ID and that the app (SDKAppID) and region are the ones the group lives in.'],
]);

/** The API an error came from, where it changes the advice: reads, or a role change. */
export type ErrorContext = 'read' | 'roleChange';

/**
 * Server codes whose meaning for get_role_in_group only its own page explains: 10007 (an AVChatRoom group)
 * and 10015 (the page's "JSON parse failure" reading). Every other server code, 10010 included, is
 * explained by the error-code list.
 */
const API_PAGE_CODES = new Set<number>([10007, 10015]);

const SERVER_CODES: ReadonlyMap<number, Entry> = new Map(
  SERVER_TABLE.flatMap(([codes, scope, title, advice]) =>
    [codes].flat().map((code): [number, Entry] => [
      code,
      { title, advice, scope, docs: API_PAGE_CODES.has(code) ? DOCS_PAGES.getRoleInGroup : DOCS_PAGES.errorCodes },
    ]),
  ),
);

interface LocalEntry extends Entry {
  retryable: boolean;
}

const LOCAL_CODES: Readonly<Record<LocalErrorCode, LocalEntry>> = {
  NETWORK: { title: 'Network error', advice: 'Could not reach the Chat server, not even its backup domain. Check the connection, proxy ("http.proxy") and region setting.', scope: 'network', retryable: true, docs: DOCS_PAGES.restApiOverview },
  TIMEOUT: { title: 'Request timed out', advice: 'No complete answer arrived in time; check the connection or raise "chatRoles.timeoutSeconds".', scope: 'network', retryable: true, docs: DOCS_PAGES.restApiOverview },
  // Retryable only for 5xx statuses; the caller knows the status and decides (4xx is not retried).
  HTTP_STATUS: { title: 'Unexpected HTTP status', advice: 'The server (or a proxy in between) answered with an HTTP error; check the endpoint and proxy settings, or try again later.', scope: 'server', retryable: true, docs: DOCS_PAGES.restApiOverview },
  BAD_RESPONSE: { title: 'Unreadable response', advice: 'The answer was not the JSON Chat sends (truncated, HTML from a proxy, or the wrong shape); try again, and check the endpoint and proxy settings.', scope: 'server', retryable: true, docs: DOCS_PAGES.getRoleInGroup },
  MISSING_FROM_RESPONSE: { title: 'Account missing from the response', advice: 'The server did not report this account\'s role; check it again.', scope: 'server', retryable: false, docs: DOCS_PAGES.getRoleInGroup },
  CANCELLED: { title: 'Cancelled', advice: 'The check was cancelled before it finished; run it again to get the rest.', scope: 'client', retryable: false, docs: DOCS_PAGES.getRoleInGroup },
  DEADLINE: { title: 'Gave up after retries', advice: 'The server kept failing or asking to slow down until the time allowed ran out; try again later.', scope: 'network', retryable: false, docs: DOCS_PAGES.getRoleInGroup },
  USERSIG_EXPIRED: { title: 'UserSig expired', advice: NEW_USERSIG, scope: 'credentials', retryable: false, docs: DOCS_PAGES.userSig },
  USERSIG_APP_MISMATCH: { title: 'UserSig issued for another SDKAppID', advice: `The stored UserSig belongs to another app. ${SET_CREDENTIALS}`, scope: 'credentials', retryable: false, docs: DOCS_PAGES.userSig },
  USERSIG_IDENTIFIER_MISMATCH: { title: 'UserSig issued for another identifier', advice: `The stored UserSig belongs to another account. ${SET_CREDENTIALS}`, scope: 'credentials', retryable: false, docs: DOCS_PAGES.userSig },
  INVALID_ENDPOINT: { title: 'Endpoint refused', advice: 'Set "chatRoles.endpoint" to an https origin such as https://im.example.com (plain http only for loopback), or leave it empty to use the region.', scope: 'client', retryable: false, docs: DOCS_PAGES.restApiOverview },
  INVALID_PROXY: { title: 'Proxy setting unusable', advice: 'Nothing was sent. Fix "http.proxy" in your user settings (or the HTTPS_PROXY / HTTP_PROXY variable named below) to an http:// or https:// proxy such as http://proxy.example.com:8080, with a literal % in the user name or password written as %25, or clear it to connect directly.', scope: 'client', retryable: false, docs: DOCS_PAGES.vscodeProxy },
  INVALID_INPUT: { title: 'Cannot be sent', advice: 'Fix the group ID or account: group IDs are printable ASCII up to 48 bytes, accounts up to 32 bytes without control characters.', scope: 'client', retryable: false, docs: DOCS_PAGES.getRoleInGroup },
};

/**
 * Every English title and advice of the catalogue. They are data that describeError passes to l10n.t, so
 * the string extractor cannot see them; the completeness check (scripts/check-l10n.js) counts them as used.
 */
export function catalogueTexts(): string[] {
  const entries: Entry[] = [...SERVER_CODES.values(), ...Object.values(LOCAL_CODES)];
  return [...new Set([...entries.flatMap((e) => [e.title, e.advice]), ...ROLE_CHANGE_ADVICE.values()])];
}

/** The "slow down" codes: the frequency-limit answers (which one the limit uses is undocumented). */
const SLOW_DOWN = new Set<number>([60007, 60011, 60018, 60019, 10006]);
/** Transient server failures that are safe to retry (get_role_in_group only reads). */
const TRANSIENT = new Set<number>([60008, 70169, 70202, 70500, 10002]);

/** The numeric codes the catalogue knows (for tests and tooling). */
export const KNOWN_SERVER_CODES: readonly number[] = [...SERVER_CODES.keys()].sort((a, b) => a - b);
/** The local codes the catalogue knows. */
export const KNOWN_LOCAL_CODES: readonly LocalErrorCode[] = Object.keys(LOCAL_CODES) as LocalErrorCode[];

export function isSlowDown(code: ErrorCode): boolean {
  return typeof code === 'number' && SLOW_DOWN.has(code);
}

export function isRetryable(code: ErrorCode): boolean {
  if (typeof code === 'number') return SLOW_DOWN.has(code) || TRANSIENT.has(code);
  return lookupLocal(code)?.retryable ?? false;
}

function lookupLocal(code: string): LocalEntry | undefined {
  return Object.hasOwn(LOCAL_CODES, code) ? LOCAL_CODES[code as LocalErrorCode] : undefined;
}

export function describeError(code: ErrorCode, serverInfo?: string, context: ErrorContext = 'read'): ErrorDescription {
  if (typeof code === 'number') {
    const entry = SERVER_CODES.get(code);
    const changeAdvice = context === 'roleChange' ? ROLE_CHANGE_ADVICE.get(code) : undefined;
    if (entry) {
      return {
        code,
        title: changeAdvice && code === 10007 ? l10n.t('No permission for this change') : l10n.t(entry.title),
        advice: l10n.t(changeAdvice ?? entry.advice),
        retryable: isRetryable(code),
        scope: entry.scope,
        docs: entry.docs,
      };
    }
    const info = cleanServerInfo(serverInfo);
    return {
      code,
      title: l10n.t('Chat error {0}', code),
      advice: info
        ? l10n.t('The server said: "{0}". Look the code up in Tencent\'s error-code table.', info)
        : l10n.t('The server gave no explanation. Look the code up in Tencent\'s error-code table.'),
      retryable: false,
      scope: 'server',
      docs: DOCS_PAGES.errorCodes,
    };
  }
  const local = lookupLocal(code);
  if (local) {
    return {
      code,
      title: l10n.t(local.title),
      advice: l10n.t(local.advice),
      retryable: local.retryable,
      scope: local.scope,
      docs: local.docs,
    };
  }
  // Not a LocalErrorCode (a caller bypassed the type); still describe it rather than throw.
  return {
    code,
    title: l10n.t('Error {0}', String(code)),
    advice: l10n.t('An unexpected error; try again.'),
    retryable: false,
    scope: 'client',
    docs: DOCS_PAGES.getRoleInGroup,
  };
}

/** At most this much server text goes into a message. */
const MAX_INFO_CHARS = 300;

/** Server text made safe to show: secrets redacted, control characters and runs of space collapsed, capped. */
function cleanServerInfo(serverInfo: string | undefined): string {
  if (!serverInfo) return '';
  const flat = redactSecrets(serverInfo).replace(/[\p{Cc}\s]+/gu, ' ').trim();
  return flat.length > MAX_INFO_CHARS ? `${flat.slice(0, MAX_INFO_CHARS)}…` : flat;
}

/** One readable line: "Title (code): advice", plus what the server (or the caller) said when it adds something. */
export function formatError(code: ErrorCode, serverInfo?: string, context: ErrorContext = 'read'): string {
  const d = describeError(code, serverInfo, context);
  const info = cleanServerInfo(serverInfo);
  const lower = info.toLowerCase();
  if (!info || d.advice.toLowerCase().includes(lower) || d.title.toLowerCase().includes(lower)) {
    return l10n.t('{0} ({1}): {2}', d.title, String(code), d.advice);
  }
  return typeof code === 'number'
    ? l10n.t('{0} ({1}): {2} Server said: {3}', d.title, String(code), d.advice, info)
    : l10n.t('{0} ({1}): {2} Details: {3}', d.title, String(code), d.advice, info);
}

/** An error of the Chat core, carrying its catalogue entry; the message never holds a secret. */
export class ChatError extends Error {
  readonly code: ErrorCode;
  readonly description: ErrorDescription;
  /** The server's ErrorInfo or the local reason, redacted (undefined when none was given). */
  readonly detail?: string;

  constructor(code: ErrorCode, detail?: string) {
    super(formatError(code, detail));
    this.name = 'ChatError';
    this.code = code;
    this.description = describeError(code, detail);
    if (detail !== undefined) this.detail = redactSecrets(detail);
  }
}

/** Secrets shorter than this are not replaced (they would blank out ordinary words). */
const MIN_SECRET_CHARS = 8;

/**
 * A run this long that also stands in a secret is treated as a piece of it: servers quote secrets cut
 * short (ErrorInfo is clipped), and a piece of a UserSig is as private as the whole. Shorter runs are
 * left alone so that ordinary words survive.
 */
const MIN_FRAGMENT_CHARS = 12;

/**
 * Replaces UserSig values (`usersig=…` in URLs, `"usersig": "…"` in JSON, any case) with `***`, every
 * occurrence of each given secret (at least 8 characters; also its URL-encoded form), and every piece of
 * 12 or more characters of one.
 */
export function redactSecrets(text: string, secrets?: string[]): string {
  let out = text.replace(/(usersig["']?\s*[=:]\s*["']?)[^\s&"'#,;}<>]+/gi, '$1***');
  const known = (secrets ?? []).filter((s) => typeof s === 'string' && s.length >= MIN_SECRET_CHARS);
  for (const secret of known) {
    out = out.split(secret).join('***');
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join('***');
  }
  return redactFragments(out, known);
}

/** Masks every stretch of `text` covered by 12-character windows that also stand in a secret. */
function redactFragments(text: string, secrets: readonly string[]): string {
  const windows = new Set<string>();
  for (const secret of secrets) {
    for (let i = 0; i + MIN_FRAGMENT_CHARS <= secret.length; i++) windows.add(secret.slice(i, i + MIN_FRAGMENT_CHARS));
  }
  if (!windows.size || text.length < MIN_FRAGMENT_CHARS) return text;
  let out = '';
  let copied = 0; // text before this index is in `out`
  let maskedTo = -1; // end of the stretch being masked
  for (let i = 0; i + MIN_FRAGMENT_CHARS <= text.length; i++) {
    if (!windows.has(text.slice(i, i + MIN_FRAGMENT_CHARS))) continue;
    if (i > maskedTo) {
      out += text.slice(copied, i) + '***';
    }
    maskedTo = i + MIN_FRAGMENT_CHARS;
    copied = maskedTo;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
