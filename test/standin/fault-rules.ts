// The active fault rules: validation, and picking the fault (if any) for one request.
import type { Fault, FaultRule } from './types';

const shapeVariants = new Set(['array', 'errorCodeString', 'userIdListNotArray', 'roleNotString']);
const listVariants = new Set(['missing', 'unrequested', 'duplicated', 'dropOne']);
const bareKinds = new Set(['resetBeforeResponse', 'resetMidBody', 'http502', 'http503', 'nonJson', 'truncatedJson', 'close', 'applyThenClose']);

function isCount(v: unknown, min: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min;
}

function validFault(f: unknown): f is Fault {
  if (typeof f !== 'object' || f === null) return false;
  const x = f as Record<string, unknown>;
  switch (x.kind) {
    case 'delay':
      return isCount(x.ms, 0);
    case 'trickle':
      return isCount(x.chunkBytes, 1) && isCount(x.intervalMs, 0);
    case 'wrongShape':
      return shapeVariants.has(x.variant as string);
    case 'userIdList':
      return listVariants.has(x.variant as string);
    case 'errorCode':
      return isCount(x.code, 1) && (x.info === undefined || typeof x.info === 'string');
    default:
      return bareKinds.has(x.kind as string);
  }
}

/** Throws a readable error for anything that is not a FaultRule. */
export function validateFaultRule(rule: unknown): FaultRule {
  if (typeof rule !== 'object' || rule === null) throw new Error('a fault rule must be an object');
  const r = rule as Record<string, unknown>;
  if (!validFault(r.fault)) throw new Error(`unknown or malformed fault: ${JSON.stringify(r.fault)}`);
  if (r.times !== undefined && !isCount(r.times, 1)) throw new Error('times must be a positive integer');
  if (r.probability !== undefined && !(typeof r.probability === 'number' && r.probability >= 0 && r.probability <= 1)) {
    throw new Error('probability must be a number from 0 to 1');
  }
  if (r.api !== undefined && typeof r.api !== 'string') throw new Error('api must be a string');
  if (r.groupId !== undefined && typeof r.groupId !== 'string') throw new Error('groupId must be a string');
  return r as unknown as FaultRule;
}

export interface FaultTarget {
  api: string;
  /** Every group the request body names. */
  groupIds: string[];
}

export class FaultRules {
  private rules: { rule: FaultRule; left: number }[] = [];

  constructor(private readonly random: () => number) {}

  add(rule: FaultRule): void {
    const valid = validateFaultRule(rule);
    this.rules.push({ rule: valid, left: valid.times ?? Infinity });
  }

  clear(): void {
    this.rules = [];
  }

  /** The first matching rule (in the order added) whose probability draw hits; uses up one of its times. */
  pick(target: FaultTarget): Fault | undefined {
    for (const entry of this.rules) {
      const { rule } = entry;
      if (rule.api !== undefined && rule.api !== target.api) continue;
      if (rule.groupId !== undefined && !target.groupIds.includes(rule.groupId)) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      entry.left -= 1;
      if (entry.left <= 0) this.rules = this.rules.filter((e) => e !== entry);
      return rule.fault;
    }
    return undefined;
  }
}
