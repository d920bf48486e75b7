// A local stand-in for the Tencent Cloud Chat REST API (test-only, never shipped): the group read
// APIs with the real server's checks, fault injection, request records and a control API.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gate, type GateState } from './api-gate';
import { getGroupInfo } from './apis/get-group-info';
import { getGroupMemberInfo } from './apis/get-group-member-info';
import { getJoinedGroupList } from './apis/get-joined-group-list';
import { getRoleInGroup } from './apis/get-role-in-group';
import { changeGroupOwner, modifyGroupMemberInfo } from './apis/change-roles';
import { type ApiResponse, Code, fail } from './codes';
import { CONTROL_PREFIX, handleControl } from './control-routes';
import { dropsConnection, JSON_TYPE, jsonReply, PendingTimers, replacementReply, reshape, send } from './fault-replies';
import { FaultRules } from './fault-rules';
import { seededRandom } from './prng';
import { RateWindows } from './rate-window';
import { RequestLog } from './request-log';
import { buildModel, loadModel, type Model } from './seed';
import { SigLockout } from './sig-lockout';
import type { Fault, FaultRule, RecordedRequest, SeedData, StandIn, StandInOptions } from './types';

export type * from './types';

const SERVICE_PREFIX = '/v4/group_open_http_svc/';
const handlers: Record<string, (model: Model, body: unknown) => ApiResponse> = {
  get_role_in_group: getRoleInGroup,
  get_group_info: getGroupInfo,
  get_group_member_info: getGroupMemberInfo,
  modify_group_member_info: modifyGroupMemberInfo,
  change_group_owner: changeGroupOwner,
  get_joined_group_list: getJoinedGroupList,
};

/** Requests larger than this are refused; real bodies of 500 accounts are a few kB. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Non-JSON bodies are recorded only this far. */
const RECORDED_TEXT_CHARS = 1024;

function validRate(limit: unknown): number | false {
  if (limit === false) return false;
  if (typeof limit === 'number' && Number.isInteger(limit) && limit > 0) return limit;
  throw new Error('requestsPerSecond must be a positive integer or false');
}

function readBody(req: IncomingMessage): Promise<{ text: string; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > MAX_BODY_BYTES }));
    req.on('error', reject);
  });
}

type ParsedBody = { ok: true; value: unknown } | { ok: false };

function parseJson(text: string): ParsedBody {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The command word: the last path segment ("get_role_in_group"). */
function apiName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The query as recorded: every parameter, with the UserSig's value replaced (whatever case a client spelled it in). */
function redactedQuery(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of query) if (!(k in out)) out[k] = k.toLowerCase() === 'usersig' ? '***' : v;
  return out;
}

export async function startStandIn(options: StandInOptions): Promise<StandIn> {
  let rateLimit = validRate(options.requestsPerSecond ?? 200);
  const state: GateState = { model: loadModel(options.data), rate: new RateWindows(rateLimit), lockout: new SigLockout() };
  const faults = new FaultRules(seededRandom(options.seed ?? 1));
  const log = new RequestLog();
  const timers = new PendingTimers();

  /** The API's own answer to a request that passed no fault replacing it. */
  function answer(req: IncomingMessage, url: URL, bodyText: string, parsed: ParsedBody, tooLarge: boolean): { response: ApiResponse; usersigOk: boolean | undefined; rateLimited: boolean } {
    const path = url.pathname;
    // guess: a path outside /v4/group_open_http_svc/<command> answers 60009 (wrong request resource)
    // before any other check, because the gateway cannot route it to a service at all.
    if (!path.startsWith(SERVICE_PREFIX) || apiName(path) === '' || path.indexOf('/', SERVICE_PREFIX.length) !== -1) {
      return { response: fail(Code.WRONG_RESOURCE), usersigOk: undefined, rateLimited: false };
    }
    // guess: a method other than POST answers 60002 (HTTP parse error) in a 200 JSON body, because
    // the docs only say "the request method is POST" and every other request problem is a 200 + code.
    if (req.method !== 'POST') return { response: fail(Code.HTTP_PARSE, 'the request method must be POST'), usersigOk: undefined, rateLimited: false };
    // The limiter and lockout see the time of the check, so their clocks never run backwards.
    const g = gate(url.searchParams, state, Date.now(), apiName(path));
    if (g.code !== Code.OK) return { response: fail(g.code, g.info), usersigOk: g.usersigOk, rateLimited: g.rateLimited };
    const reached = (response: ApiResponse) => ({ response, usersigOk: g.usersigOk, rateLimited: false });
    const handler = handlers[apiName(path)];
    // guess: an unknown command of the group service answers 10003 ("invalid command word", listed on
    // the API page); real commands the stand-in does not implement answer the same.
    if (!handler) return reached(fail(Code.INVALID_COMMAND));
    // guess: a body over 16 MB answers 60002; the real limit and code are not documented.
    if (tooLarge) return reached(fail(Code.HTTP_PARSE, 'the request body is too large'));
    // guess: an empty body answers 10004 (invalid parameter: the required fields are missing) rather
    // than a JSON parse error, because "never empty" is stated as a parameter rule.
    if (bodyText.trim() === '') return reached(fail(Code.INVALID_PARAMETER, 'the request body is empty'));
    // guess: unparsable JSON answers 60003 (request JSON parse error, a public code with one meaning)
    // rather than 10015 (the API page says "JSON parse failure", the global table says "invalid group
    // ID") or 10011 — the REST gateway parses the body before the group service sees it.
    if (!parsed.ok) return reached(fail(Code.JSON_PARSE));
    return reached(handler(state.model, parsed.value));
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const nowMs = Date.now();
    const { text, tooLarge } = await readBody(req);
    const parsed: ParsedBody = tooLarge ? { ok: false } : parseJson(text);
    const body = parsed.ok ? parsed.value : text === '' ? undefined : text.slice(0, RECORDED_TEXT_CHARS);
    const fields = parsed.ok && typeof parsed.value === 'object' && parsed.value !== null ? (parsed.value as Record<string, unknown>) : {};
    const groupId = typeof fields.GroupId === 'string' ? fields.GroupId : undefined;
    const listed = Array.isArray(fields.GroupIdList) ? fields.GroupIdList.filter((g): g is string => typeof g === 'string') : [];
    const accounts = Array.isArray(fields.User_Account) && fields.User_Account.every((a) => typeof a === 'string') ? fields.User_Account : undefined;
    const api = apiName(url.pathname);
    const fault: Fault | undefined = faults.pick({ api, groupIds: groupId ? [groupId, ...listed] : listed });

    const record = (r: Pick<RecordedRequest, 'usersigOk' | 'errorCode' | 'httpStatus'>, rateLimited: boolean) =>
      log.add(
        { time: nowMs, method: req.method ?? '', path: url.pathname, api, query: redactedQuery(url.searchParams), body, groupId, accounts, fault: fault?.kind, ...r },
        rateLimited,
      );

    if (dropsConnection(fault)) {
      record({ usersigOk: undefined, errorCode: undefined, httpStatus: undefined }, false);
      if (fault?.kind === 'close') req.socket.destroy();
      else req.socket.resetAndDestroy();
      return;
    }
    const replaced = fault && replacementReply(fault);
    if (replaced) {
      record({ usersigOk: undefined, errorCode: fault.kind === 'errorCode' ? fault.code : undefined, httpStatus: replaced.status }, false);
      send(res, replaced, fault, timers);
      return;
    }
    const { response, usersigOk, rateLimited } = answer(req, url, text, parsed, tooLarge);
    if (fault?.kind === 'applyThenClose') {
      // The request did its work (a write is applied); the answer is lost with the connection.
      record({ usersigOk, errorCode: response.ErrorCode, httpStatus: undefined }, rateLimited);
      req.socket.destroy();
      return;
    }
    record({ usersigOk, errorCode: response.ErrorCode, httpStatus: 200 }, rateLimited);
    const shaped = fault ? reshape(response, fault) : response;
    send(res, { status: 200, contentType: JSON_TYPE, body: JSON.stringify(shaped) }, fault, timers);
  }

  async function handleControlRequest(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const { text } = await readBody(req);
    const reply = handleControl(standIn, req.method ?? '', path, text);
    if (reply.body === undefined) {
      res.writeHead(reply.status).end();
      return;
    }
    send(res, { ...jsonReply(reply.body), status: reply.status }, undefined, timers);
  }

  const server = createServer((req, res) => {
    // Errors after a client vanished (or a fault destroyed the socket) are expected; never crash.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const work = url.pathname.startsWith(CONTROL_PREFIX) ? handleControlRequest(req, res, url.pathname) : handleApi(req, res, url);
    work.catch(() => res.destroy());
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const standIn: StandIn = {
    url,
    port,
    get requests() {
      return log.records;
    },
    addFault: (rule: FaultRule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    setRequestsPerSecond(limit: number | false) {
      rateLimit = validRate(limit);
      state.rate.setLimit(rateLimit);
    },
    setAdminLimit(limit: number | undefined) {
      if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) throw new Error('the admin limit must be a non-negative integer or null');
      state.model.adminLimit = limit;
    },
    setData(data: SeedData) {
      state.model = buildModel(data);
      state.rate = new RateWindows(rateLimit);
      state.lockout = new SigLockout();
    },
    resetRecords: () => log.reset(),
    stats: () => log.stats(),
    close() {
      timers.clearAll();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return standIn;
}
