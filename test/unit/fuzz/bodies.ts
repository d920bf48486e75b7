// Seeded random and mutated response bodies the parser fuzz suites share: a generator of JSON values,
// structure-aware corruption, byte-level mutation, and the check every ResponseProblem must pass.
import * as assert from 'assert';
import type { ResponseProblem } from '../../../src/chat/parse/envelope';
import { Random } from './random';

export const SECRET_SIG = 'eJw1jl0LgjAYhf-K7NpA51fkPxlQcUEwk1cNZOb8wP0pnhvyQ0aSh6eKxUoj';
export const SECRET_KEY = 'f00dfeedbeef0123456789abcdef0123456789abcdef0123456789abcdef0000';

/** The shared seeded generator, plus the random texts and JSON values a response body is made of. */
export class Gen extends Random {
  text(max: number): string {
    const alphabets = ['abcdefghijklmnopqrstuvwxyz0123456789_-', '"\\{}[]:,\u0000\u001f\u2028 \t\n', '张三李四é😀\uFFFD\uD800', 'OwnerAdminMemberNot '];
    const alphabet = this.pick(alphabets);
    let s = '';
    for (let i = this.int(max + 1); i > 0; i--) s += alphabet[this.int(alphabet.length)];
    return s;
  }
  /** A random JSON value of bounded size. */
  value(depth: number): unknown {
    switch (this.int(depth > 3 ? 6 : 8)) {
      case 0: return null;
      case 1: return this.chance(0.5);
      case 2: return this.pick([0, -1, 1.5, 1e308, -0, 2 ** 53, 10010, 70001]);
      case 3: return this.text(12);
      case 4: return this.pick(['Owner', 'admin', ' MEMBER ', 'NotMember', 'owner\u0000', '']);
      case 5: return this.pick(['__proto__', 'constructor', 'toString']);
      case 6: return Array.from({ length: this.int(4) }, () => this.value(depth + 1));
      default: {
        const o: Record<string, unknown> = {};
        for (let i = this.int(4); i > 0; i--) o[this.pick(['Role', 'Member_Account', 'ErrorCode', 'UserIdList', 'GroupInfo', 'GroupId', 'MemberList', 'MemberNum', 'Next', 'GroupIdList', 'SelfInfo', 'Type', 'Name', 'TotalCount', 'JoinTime', 'NameCard', '__proto__', this.text(5)])] = this.value(depth + 1);
        return o;
      }
    }
  }
}

/** Structure-aware corruption: replaces one node somewhere in the tree with a random value. */
export function corrupt(g: Gen, node: unknown, depth = 0): unknown {
  if (depth > 4 || g.chance(0.3) || node === null || typeof node !== 'object') return g.value(depth);
  if (Array.isArray(node)) {
    if (!node.length) return g.value(depth);
    const copy: unknown[] = [...(node as unknown[])];
    const i = g.int(copy.length);
    copy[i] = corrupt(g, copy[i], depth + 1);
    return copy;
  }
  const copy: Record<string, unknown> = { ...(node as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (!keys.length) return g.value(depth);
  const k = g.pick(keys);
  if (g.chance(0.2)) delete copy[k];
  else copy[k] = corrupt(g, copy[k], depth + 1);
  return copy;
}

/** Byte-level mutations of a serialized body. */
export function mutateBytes(g: Gen, bytes: Uint8Array): Uint8Array {
  const b = Array.from(bytes);
  for (let n = 1 + g.int(4); n > 0; n--) {
    const at = g.int(b.length + 1);
    switch (g.int(6)) {
      case 0: b.length = at; break; // truncate
      case 1: if (b.length) b[at % b.length] = g.int(256); break; // flip a byte
      case 2: b.splice(at, 0, ...Array.from({ length: 1 + g.int(8) }, () => g.int(256))); break; // insert garbage
      case 3: b.splice(at, 1 + g.int(16)); break; // delete a run
      case 4: b.splice(at, 0, ...Array.from(new TextEncoder().encode(g.pick(['{', '[', '"', '\\', '}', ']', ',', ':', 'null', `usersig=${SECRET_SIG}`, SECRET_KEY])))); break;
      default: b.splice(at, 0, ...b.slice(g.int(b.length + 1), g.int(b.length + 1))); break; // duplicate a slice
    }
  }
  return Uint8Array.from(b);
}

const LOCAL = new Set(['HTTP_STATUS', 'BAD_RESPONSE']);
export function checkProblem(p: ResponseProblem): void {
  assert.ok(LOCAL.has(p.code as string) || (typeof p.code === 'number' && Number.isSafeInteger(p.code) && p.code !== 0), `bad code ${String(p.code)}`);
  assert.strictEqual(typeof p.detail, 'string');
  assert.ok(p.detail.length <= 600, `detail of ${p.detail.length} chars`);
  assert.ok(!p.detail.includes(SECRET_SIG) && !p.detail.includes(SECRET_KEY) && !p.detail.includes(SECRET_SIG.slice(0, 24)), `secret in ${p.detail}`);
}
