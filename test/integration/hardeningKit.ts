// Helpers of the hardening tests (faults, bad input, secrets, trust, proxy, concurrency): watching for unhandled
// rejections, recording the notifications the extension shows, user settings set for one test, a proxy that
// only counts connections, and the "every requested account ends in exactly one outcome" check.
import * as assert from 'assert';
import * as net from 'net';
import * as vscode from 'vscode';
import type { CheckJson } from './support';

/** Seed roles of the test app's work group (test/standin/data/test.json); any other account is NotMember. */
export const WORK_ROLES: Readonly<Record<string, string>> = { alice: 'Owner', bob: 'Admin', carol: 'Member', dave: 'Member' };

/** Collects every unhandled promise rejection in the extension host while it is on. */
export class UnhandledWatch implements vscode.Disposable {
  readonly seen: unknown[] = [];
  private readonly listener = (reason: unknown) => this.seen.push(reason);

  constructor() {
    process.on('unhandledRejection', this.listener);
  }

  /** Fails with the first rejection nobody handled. */
  assertNone(what: string): void {
    const first = this.seen[0];
    assert.strictEqual(this.seen.length, 0, `${what}: ${this.seen.length} unhandled rejection(s), the first: ${first instanceof Error ? first.stack : String(first)}`);
  }

  dispose(): void {
    process.off('unhandledRejection', this.listener);
  }
}

type ShowMessage = (message: string, ...rest: unknown[]) => Thenable<unknown>;
const KINDS = ['showInformationMessage', 'showWarningMessage', 'showErrorMessage'] as const;

/**
 * Records the text of every notification while it is on. The extension and these tests share one `vscode`
 * API object (the host hands out one per extension, and the tests live inside the extension's folder), so
 * wrapping its window functions sees exactly what the extension passes to them; the real ones still run.
 */
export class NotificationRecorder implements vscode.Disposable {
  readonly texts: string[] = [];
  private readonly originals = new Map<(typeof KINDS)[number], ShowMessage>();

  constructor() {
    const win = vscode.window as unknown as Record<(typeof KINDS)[number], ShowMessage>;
    for (const kind of KINDS) {
      const original = win[kind];
      this.originals.set(kind, original);
      win[kind] = (message: string, ...rest: unknown[]) => {
        this.texts.push(message);
        return original.call(vscode.window, message, ...rest);
      };
      assert.notStrictEqual(win[kind], original, `vscode.window.${kind} could not be wrapped`);
    }
  }

  dispose(): void {
    const win = vscode.window as unknown as Record<(typeof KINDS)[number], ShowMessage>;
    for (const [kind, original] of this.originals) win[kind] = original;
  }
}

/** Sets user (global) settings of chatRoles for a test; restore() puts the previous values back. */
export async function withUserSettings(values: Record<string, unknown>): Promise<{ restore(): Promise<void> }> {
  const config = vscode.workspace.getConfiguration('chatRoles');
  const previous = Object.keys(values).map((key) => [key, config.inspect(key)?.globalValue] as const);
  for (const [key, value] of Object.entries(values)) await config.update(key, value, vscode.ConfigurationTarget.Global);
  return {
    async restore() {
      for (const [key, value] of previous) await vscode.workspace.getConfiguration('chatRoles').update(key, value, vscode.ConfigurationTarget.Global);
    },
  };
}

/** Every outcome of one group: account → a role, or the error code it ended in. */
export function outcomesOf(group: CheckJson['groups'][number]): Map<string, string | number> {
  const out = new Map<string, string | number>();
  const put = (account: string, outcome: string | number) => {
    assert.ok(!out.has(account), `${group.groupId}: ${account} has two outcomes (${String(out.get(account))} and ${String(outcome)})`);
    out.set(account, outcome);
  };
  for (const { account, role } of group.roles) put(account, role);
  const errors = group.errors ?? (group.error ? [group.error] : []);
  for (const e of errors) {
    assert.ok(typeof e.message === 'string' && e.message.trim().length > 0, `${group.groupId}: error ${String(e.code)} has a message`);
    for (const account of e.accounts) put(account, e.code);
  }
  return out;
}

/**
 * Asserts the answer has one entry per group, in order, and that every requested account (without
 * repeats) ended in exactly one outcome: a role or a named error. Returns the outcomes per group.
 */
export function assertEveryAccountAccounted(result: CheckJson, groupIds: readonly string[], accounts: readonly string[]): Map<string, string | number>[] {
  assert.deepStrictEqual(result.groups.map((g) => g.groupId), [...new Set(groupIds)], 'one entry per requested group, in order');
  const wanted = [...new Set(accounts)].sort();
  return result.groups.map((g) => {
    const outcomes = outcomesOf(g);
    assert.deepStrictEqual([...outcomes.keys()].sort(), wanted, `${g.groupId}: every requested account has exactly one outcome`);
    return outcomes;
  });
}

/** The seed role of an account in the work group. */
export function workRole(account: string): string {
  return Object.hasOwn(WORK_ROLES, account) ? WORK_ROLES[account] : 'NotMember';
}

type WithProgress = typeof vscode.window.withProgress;

/**
 * Records what the extension reports to vscode.window.withProgress, and can press the progress
 * notification's Cancel: the extension's task gets a token that fires on the real Cancel or on cancel().
 */
export class ProgressRecorder implements vscode.Disposable {
  readonly reports: { message?: string; increment?: number }[] = [];
  private readonly original: WithProgress;
  private readonly cancelSource = new vscode.CancellationTokenSource();

  constructor() {
    const win = vscode.window as unknown as { withProgress: WithProgress };
    const original = (this.original = win.withProgress);
    const reports = this.reports;
    const cancelled = this.cancelSource.token;
    win.withProgress = ((options, task) =>
      original.call(vscode.window, options, (progress, token) => {
        const either = new vscode.CancellationTokenSource();
        const links = [token.onCancellationRequested(() => either.cancel()), cancelled.onCancellationRequested(() => either.cancel())];
        const recording = {
          report(value: { message?: string; increment?: number }) {
            reports.push(value);
            progress.report(value);
          },
        };
        return Promise.resolve(task(recording, either.token)).finally(() => {
          for (const l of links) l.dispose();
          either.dispose();
        });
      })) as WithProgress;
    assert.notStrictEqual(win.withProgress, original, 'vscode.window.withProgress could not be wrapped');
  }

  /** What clicking Cancel on the progress notification does. */
  cancel(): void {
    this.cancelSource.cancel();
  }

  dispose(): void {
    (vscode.window as unknown as { withProgress: WithProgress }).withProgress = this.original;
    this.cancelSource.dispose();
  }
}

/** A TCP server that only counts connections: a proxy that would make any request through it fail. */
export interface ConnectionCounter {
  /** `127.0.0.1:port`, as http.proxy takes it (with or without `http://`). */
  hostPort: string;
  count(): number;
  close(): Promise<void>;
}

export async function connectionCounter(): Promise<ConnectionCounter> {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    hostPort: `127.0.0.1:${port}`,
    count: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
