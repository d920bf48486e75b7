// How each fault changes what goes back on the wire. The server decides the API answer; these
// functions replace, reshape or mangle it, and send it slowly, partly or not at all.
import type { ServerResponse } from 'node:http';
import { fail } from './codes';
import type { Fault } from './types';

export interface Reply {
  status: number;
  contentType: string;
  body: string;
}

/** Timers of pending replies, so close() can cancel them instead of waiting. */
export class PendingTimers {
  private readonly timers = new Set<NodeJS.Timeout>();

  after(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  clearAll(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

export const JSON_TYPE = 'application/json; charset=utf-8';

export function jsonReply(value: unknown): Reply {
  return { status: 200, contentType: JSON_TYPE, body: JSON.stringify(value) };
}

const html = (title: string, text: string): string =>
  `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>${text}</center>\r\n</body>\r\n</html>\r\n`;

/** Faults that answer instead of the API (the request never reaches it). */
export function replacementReply(fault: Fault): Reply | undefined {
  switch (fault.kind) {
    case 'http502':
      return { status: 502, contentType: 'text/html', body: html('502 Bad Gateway', 'stgw') };
    case 'http503':
      return { status: 503, contentType: 'text/html', body: html('503 Service Temporarily Unavailable', 'stgw') };
    case 'nonJson':
      // A 200 that is not JSON, as a captive portal or misconfigured proxy would send.
      return { status: 200, contentType: 'text/html', body: html('Welcome', 'Please sign in to continue') };
    case 'errorCode':
      return jsonReply(fail(fault.code, fault.info));
    case 'delay':
    case 'trickle':
    case 'resetMidBody':
    case 'truncatedJson':
    case 'wrongShape':
    case 'userIdList':
    case 'close':
    case 'resetBeforeResponse':
    case 'applyThenClose':
      return undefined;
  }
}

/** Faults that decide the request goes unanswered: no reply is produced at all. */
export function dropsConnection(fault: Fault | undefined): boolean {
  return fault?.kind === 'close' || fault?.kind === 'resetBeforeResponse';
}

const UNREQUESTED_ACCOUNT = 'standin_unrequested_account';

/** Wrong-shape and UserIdList faults reshape the API's JSON answer. */
export function reshape(answer: Record<string, unknown>, fault: Fault): unknown {
  const list = Array.isArray(answer.UserIdList) ? (answer.UserIdList as Record<string, unknown>[]) : undefined;
  if (fault.kind === 'wrongShape') {
    switch (fault.variant) {
      case 'array':
        return [answer];
      case 'errorCodeString':
        return { ...answer, ErrorCode: String(answer.ErrorCode) };
      case 'userIdListNotArray':
        return { ...answer, UserIdList: Object.fromEntries((list ?? []).map((e) => [String(e.Member_Account), e.Role])) };
      case 'roleNotString':
        return { ...answer, UserIdList: (list ?? []).map((e, i) => ({ ...e, Role: i % 2 === 0 ? 1 : null })) };
    }
  }
  if (fault.kind === 'userIdList') {
    const { UserIdList: _, ...rest } = answer;
    switch (fault.variant) {
      case 'missing':
        return rest;
      case 'unrequested':
        return { ...rest, UserIdList: [...(list ?? []), { Member_Account: UNREQUESTED_ACCOUNT, Role: 'Member' }] };
      case 'duplicated':
        return { ...rest, UserIdList: list && list.length > 0 ? [...list, { ...list[0] }] : list ?? [] };
      case 'dropOne':
        return { ...rest, UserIdList: (list ?? []).slice(0, -1) };
    }
  }
  return answer;
}

/** Writes the reply, honouring delay, trickle, truncation and mid-body resets. */
export function send(res: ServerResponse, reply: Reply, fault: Fault | undefined, timers: PendingTimers): void {
  let body = Buffer.from(reply.body);
  // Truncated JSON is a complete HTTP message whose JSON stops halfway.
  if (fault?.kind === 'truncatedJson') body = body.subarray(0, Math.max(1, Math.floor(body.length / 2)));
  const head = () => {
    if (res.destroyed) return false;
    res.writeHead(reply.status, { 'Content-Type': reply.contentType, 'Content-Length': String(body.length) });
    return true;
  };
  switch (fault?.kind) {
    case 'delay':
      timers.after(fault.ms, () => head() && res.end(body));
      return;
    case 'trickle': {
      if (!head()) return;
      const step = (from: number) => {
        if (res.destroyed) return;
        const to = Math.min(body.length, from + fault.chunkBytes);
        if (to >= body.length) {
          res.end(body.subarray(from));
          return;
        }
        res.write(body.subarray(from, to));
        timers.after(fault.intervalMs, () => step(to));
      };
      step(0);
      return;
    }
    case 'resetMidBody': {
      if (!head()) return;
      // Headers and half the body reach the client before the RST, so it fails while reading the body.
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => timers.after(50, () => res.socket?.resetAndDestroy()));
      return;
    }
    case undefined:
    case 'truncatedJson': // cut above
    case 'http502': // the replies and rewritten answers are written as they are
    case 'http503':
    case 'nonJson':
    case 'errorCode':
    case 'wrongShape':
    case 'userIdList':
    case 'close': // these three never get here (dropsConnection, or destroyed after the answer was made)
    case 'resetBeforeResponse':
    case 'applyThenClose':
      if (head()) res.end(body);
  }
}
