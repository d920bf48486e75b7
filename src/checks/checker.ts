import * as vscode from 'vscode';
import { describeError, isSlowDown } from '../chat/errors';
import { suggestsOtherRegion } from '../chat/http/regions';
import { checkAccount, clipAccountName, MAX_IDS_PER_SCAN } from '../chat/text/ids';
import type { GroupError, GroupResult } from '../chat/types';
import type { AppRegistry, ResolvedApp } from '../apps/registry';
import { type RoleDiagnostics, type GroupFailure } from '../editor/diagnostics';
import type { Log } from '../log';
import { errorsJson, toResultJson, type CheckResultJson } from '../results/json';
import { countRoles, toSourceLocation, type GroupRecord } from '../results/record';
import type { ResultsStore } from '../results/store';
import { plainText } from '../ui/foreignText';
import type { ChatConnection, ClientTarget } from './connection';
import type { RecentAccounts } from './recentAccounts';

/** The code the API answers both for "no permission" and for AVChatRoom groups. */
const NO_PERMISSION = 10007;

/** How many groups one check (one query) takes: as many as one editor scan finds. */
export const MAX_GROUPS_PER_CHECK = MAX_IDS_PER_SCAN;

export { MissingCredentialsError } from '../apps/registry';

export interface CheckRequest {
  groupIds: string[];
  accounts: string[];
  /** Where each group ID was found, for diagnostics and "go to source". */
  sources?: ReadonlyMap<string, { uri: vscode.Uri; range: vscode.Range }>;
  /** The app to check with (its label); the active app when absent. Checking never switches apps. */
  app?: string;
}

/** A request ready to send: its app resolved. */
interface Query extends CheckRequest {
  target: ResolvedApp;
}

/**
 * Runs checks: progress (cancellable; cancelling aborts the HTTP requests at once), the AVChatRoom
 * explanation for 10007, then results into the tree's store, diagnostics onto the source documents,
 * and one notification for credential or rate errors.
 */
export class RoleChecker implements vscode.Disposable {
  private readonly running = new Set<AbortController>();
  private readonly credentialListener: vscode.Disposable;

  constructor(
    private readonly connection: ChatConnection,
    private readonly apps: AppRegistry,
    private readonly results: ResultsStore,
    private readonly diagnostics: RoleDiagnostics,
    private readonly recents: RecentAccounts,
    private readonly log: Log,
  ) {
    // Changed or cleared here or in another window: a running check must not keep sending what was removed.
    this.credentialListener = apps.onDidChangeCredentials(() => this.stopForCredentials());
  }

  /** Checks the groups; rejects only for bad input, an unknown app, missing credentials or unusable secret storage. */
  check(request: CheckRequest): Promise<CheckResultJson> {
    return this.checkAll([request]);
  }

  /**
   * Several checks (e.g. groups last checked with different accounts) as one: one progress notification,
   * one credential or rate notification for all of them. The result lists the groups of every request.
   */
  async checkAll(requests: readonly CheckRequest[]): Promise<CheckResultJson> {
    // A request that cannot be sent fails on its own: one stored group without accounts once stopped a
    // refresh of every group.
    const sendable: CheckRequest[] = [];
    const refused: { groupIds: string[]; reason: string }[] = [];
    for (const r of requests) {
      const groupIds = [...new Set(r.groupIds)];
      const reason = refusal(groupIds, r.accounts);
      if (reason) refused.push({ groupIds, reason });
      else sendable.push({ groupIds, accounts: [...new Set(r.accounts)], sources: r.sources, app: r.app });
    }
    if (!sendable.length) throw new Error(refused[0]?.reason ?? 'No group ID to check.');
    // Each app once (an unknown label or missing credentials rejects before anything is sent).
    const targets = new Map<string | undefined, ResolvedApp>();
    for (const r of sendable) if (!targets.has(r.app)) targets.set(r.app, await this.apps.resolve(r.app));
    const queries: Query[] = sendable.map((r) => ({ ...r, target: targets.get(r.app)! }));
    for (const { groupIds, reason } of refused) this.log.warn(`Not checked: ${groupIds.length} group(s). ${reason}`);
    if (refused.length) {
      const count = refused.reduce((n, r) => n + r.groupIds.length, 0);
      void vscode.window.showWarningMessage(`Chat Roles: ${count} group(s) were not checked: ${refused[0].reason} The others are being checked; see the log for details.`);
    }
    const started = Date.now();
    const answers = await this.query(queries);
    const sizes = queries.map((q) => `${q.groupIds.length} group(s) × ${q.accounts.length} account(s)`).join(' + ');
    this.log.info(`Checked ${sizes} in ${Date.now() - started} ms.`);

    const isFinished = (g: GroupResult) => !g.errors.some((e) => e.code === 'CANCELLED');
    await this.results.put(
      queries.flatMap((q, i) => answers[i].filter(isFinished).map((g) => this.record(g, q.target, q.accounts, q.sources?.get(g.groupId), started))),
    );
    const failures = new Map<vscode.TextDocument, GroupFailure[]>();
    for (const [i, q] of queries.entries()) {
      const finished = answers[i].filter(isFinished);
      for (const g of finished) this.showInEditor(g, q.target.app.label, q.sources?.get(g.groupId)?.uri, failures);
      if (finished.length) await this.recents.remember(finished.map((g) => g.groupId), q.accounts);
    }
    for (const [document, list] of failures) this.diagnostics.reportMany(document, list);
    this.notify(answers, queries);
    return toResultJson(queries.flatMap((q, i) => answers[i].map((g) => ({ ...g, app: q.target.app.label, sdkAppId: q.target.app.sdkAppId }))));
  }

  /** Aborts every running check (what the progress notification's Cancel does). */
  cancelAll(): void {
    for (const c of this.running) c.abort();
  }

  /** Cancels the running checks and closes the client (with its minted UserSigs) after a credential change. */
  private stopForCredentials(): void {
    const running = this.running.size;
    this.cancelAll();
    void this.connection.close();
    if (!running) return;
    this.log.info(`Credentials changed: ${running} running check(s) cancelled.`);
    void vscode.window.showWarningMessage('Chat Roles: the check was cancelled because the credentials changed. Run it again to use the new credentials.');
  }

  /**
   * Runs the queries one after another under one cancellable progress notification, and explains their
   * 10007s there too (get_group_info can take a while; Cancel stops it as well).
   */
  private query(queries: readonly Query[]): Promise<GroupResult[][]> {
    const groups = queries.reduce((n, q) => n + q.groupIds.length, 0);
    const title = groups === 1 ? `Checking roles in ${plainText(queries[0].groupIds[0])}` : `Checking roles in ${groups} groups`;
    return Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
        const abort = new AbortController();
        this.running.add(abort);
        const cancel = token.onCancellationRequested(() => abort.abort());
        let reported = 0;
        try {
          const answers: GroupResult[][] = [];
          for (const [i, q] of queries.entries()) {
            const { credentials } = q.target;
            const results = await this.connection.get(clientTarget(q.target)).getRoleInGroup(credentials, q.groupIds, q.accounts, {
              signal: abort.signal,
              onProgress: ({ done, total }) => {
                const percent = ((i + (total ? done / total : 0)) / queries.length) * 100;
                progress.report({ message: `${done} of ${total} requests`, increment: percent - reported });
                reported = percent;
              },
            });
            // A server's ErrorInfo may quote the request, even a UserSig cut short: scrub before anything shows it.
            for (const g of results) for (const e of g.errors) e.message = this.log.redact(e.message);
            answers.push(results);
          }
          for (const [i, q] of queries.entries()) {
            const refused = answers[i].filter((g) => g.errors.some((e) => e.code === NO_PERMISSION));
            if (!refused.length) continue;
            progress.report({ message: 'Asking which groups are AVChatRoom groups' });
            await this.explainNoPermission(q.target, refused, abort.signal);
          }
          return answers;
        } finally {
          cancel.dispose();
          this.running.delete(abort);
        }
      }),
    );
  }

  /** 10007 means "no permission" or "AVChatRoom"; ask get_group_info which, and say so. */
  private async explainNoPermission(target: ResolvedApp, refused: readonly GroupResult[], signal: AbortSignal): Promise<void> {
    const { credentials } = target;
    let types = new Map<string, string | undefined>();
    try {
      const infos = await this.connection.get(clientTarget(target)).getGroupInfo(credentials, refused.map((g) => g.groupId), { signal });
      types = new Map(infos.map((i) => [i.groupId, i.type]));
    } catch (err) {
      this.log.warn(`get_group_info failed while explaining 10007: ${err instanceof Error ? err.message : String(err)}`);
    }
    for (const g of refused) {
      for (const e of g.errors) {
        if (e.code !== NO_PERMISSION) continue;
        e.message =
          types.get(g.groupId) === 'AVChatRoom'
            ? `AVChatRoom groups are not supported by get_role_in_group: ${g.groupId} is an AVChatRoom (live broadcast) group, so its roles cannot be checked this way.`
            : `The identifier "${credentials.identifier}" lacks permission for ${g.groupId}: get_role_in_group must be called by an App admin of app ${credentials.sdkAppId}. Set credentials with an App admin identifier.`;
      }
    }
  }

  private record(g: GroupResult, target: ResolvedApp, accounts: string[], source: { uri: vscode.Uri; range: vscode.Range } | undefined, checkedAt: number): GroupRecord {
    const { credentials } = target;
    const previous = this.results.get(g.groupId, target.app.label);
    const record: GroupRecord = {
      groupId: g.groupId,
      app: target.app.label,
      sdkAppId: credentials.sdkAppId,
      identifier: credentials.identifier,
      checkedAt,
      // Only sendable accounts are asked about again; a refused one is kept clipped, where it shows.
      accounts: accounts.filter((a) => checkAccount(a) === undefined),
      counts: countRoles(g.roles),
      roles: g.roles.map(({ account, role }) => ({ account, role })),
      errors: errorsJson(g.errors).map((e) => ({ ...e, accounts: e.accounts.map(clipAccountName) })),
    };
    const where = source ? toSourceLocation(source.uri, source.range) : previous?.source;
    if (where) record.source = where;
    return record;
  }

  /** Clears the marks of a group that succeeded; collects a failed group's mark per document (published once each). */
  private showInEditor(g: GroupResult, app: string, sourceUri: vscode.Uri | undefined, failures: Map<vscode.TextDocument, GroupFailure[]>): void {
    if (!g.errors.length) {
      this.diagnostics.clearGroup(g.groupId);
      return;
    }
    const uri = sourceUri?.toString() ?? this.results.get(g.groupId, app)?.source?.uri;
    const document = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) : undefined;
    if (!document) return;
    const [first, ...rest] = g.errors;
    const list = failures.get(document) ?? [];
    list.push({ groupId: g.groupId, app, code: first.code, message: first.message, moreErrors: rest.length });
    failures.set(document, list);
  }

  /** One notification for credential or rate errors, however many groups (and queries) had them. */
  private notify(answers: readonly GroupResult[][], queries: readonly Query[]): void {
    const errors = answers.flat().flatMap((g) => g.errors);
    const credential = errors.find((e) => describeError(e.code).scope === 'credentials');
    for (const [i, q] of queries.entries()) {
      if (answers[i].some((g) => g.errors.some((e) => describeError(e.code).scope === 'credentials'))) this.apps.markRefused(q.target.app.label);
    }
    if (credential) {
      const d = describeError(credential.code);
      // "SDKAppID not known here": the app may live in another region; the doctor can find which.
      const app = queries.find((_q, i) => answers[i].some((g) => g.errors.includes(credential)))?.target.app.label;
      const actions = suggestsOtherRegion(credential.code) ? ['Find the App\'s Region', 'Set Credentials…'] : ['Set Credentials…'];
      void vscode.window.showErrorMessage(`Chat Roles: ${d.title} (${String(credential.code)}). ${d.advice}`, ...actions).then((choice) => {
        const command = choice === 'Set Credentials…' ? vscode.commands.executeCommand('chatRoles.setCredentials') : choice ? vscode.commands.executeCommand('chatRoles.findAppRegion', { app }) : undefined;
        command?.then(undefined, (err) => this.log.error(`${choice ?? ''} failed`, err));
      });
      return;
    }
    const rate = errors.find(isRateError);
    if (rate) {
      const d = describeError(rate.code);
      const again = queries
        .map((q, i) => ({ accounts: q.accounts, sources: q.sources, app: q.target.app.label, groupIds: answers[i].filter((g) => g.errors.some(isRateError)).map((g) => g.groupId) }))
        .filter((q) => q.groupIds.length > 0);
      void vscode.window.showWarningMessage(`Chat Roles: ${d.title} (${String(rate.code)}). ${d.advice}`, 'Check Again').then((choice) => {
        if (choice) void this.checkAll(again).catch((err) => this.log.error('Checking again failed', err));
      });
    }
  }

  dispose(): void {
    this.credentialListener.dispose();
    this.cancelAll();
  }
}

/** The client an app's checks go through. */
function clientTarget(target: ResolvedApp): ClientTarget {
  return { sdkAppId: target.credentials.sdkAppId, connection: target.connection };
}

/** Why a request cannot be sent at all, or undefined. */
function refusal(groupIds: readonly string[], accounts: readonly string[]): string | undefined {
  if (!groupIds.length) return 'No group ID to check.';
  if (!accounts.length) return 'No account to check.';
  if (groupIds.length > MAX_GROUPS_PER_CHECK) {
    return `At most ${MAX_GROUPS_PER_CHECK} groups can be checked at once (${groupIds.length} given); check them in parts.`;
  }
  return undefined;
}

/** A frequency-limit error, or a DEADLINE whose last attempt was one (how a 60007 storm usually ends). */
function isRateError(e: GroupError): boolean {
  if (describeError(e.code).scope === 'rate') return true;
  return e.code === 'DEADLINE' && e.lastCode !== undefined && isSlowDown(e.lastCode);
}
