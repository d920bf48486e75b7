import * as vscode from 'vscode';
import { describeError, isSlowDown } from '../chat/errors';
import { suggestsOtherRegion } from '../chat/http/regions';
import { checkAccount, clipAccountName, MAX_IDS_PER_SCAN } from '../chat/text/ids';
import type { GroupInfo } from '../chat/client';
import type { Credentials, GroupError, GroupResult } from '../chat/types';
import type { AppRegistry, ResolvedApp } from '../apps/registry';
import { type RoleDiagnostics, type GroupFailure } from '../editor/diagnostics';
import type { Log } from '../log';
import { factsOf } from '../results/groupFacts';
import { errorsJson, toResultJson, type CheckResultJson } from '../results/json';
import { countRoles, toSourceLocation, type GroupRecord } from '../results/record';
import { mergeRecords } from '../results/merge';
import type { ResultsStore } from '../results/store';
import { plainText } from '../ui/foreignText';
import { plannedRequests } from './batches';
import { targetOf, type ChatConnection } from './connection';
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
    if (!sendable.length) throw new Error(refused[0]?.reason ?? vscode.l10n.t('No group ID to check.'));
    // Each app once (an unknown label or missing credentials rejects before anything is sent).
    const targets = new Map<string | undefined, ResolvedApp>();
    for (const r of sendable) if (!targets.has(r.app)) targets.set(r.app, await this.apps.resolve(r.app));
    const queries: Query[] = sendable.map((r) => ({ ...r, target: targets.get(r.app)! }));
    for (const { groupIds, reason } of refused) this.log.warn(vscode.l10n.t('Not checked: {0} group(s). {1}', groupIds.length, reason));
    if (refused.length) {
      const count = refused.reduce((n, r) => n + r.groupIds.length, 0);
      void vscode.window.showWarningMessage(vscode.l10n.t('Chat Roles: {0} group(s) were not checked: {1} The others are being checked; see the log for details.', count, refused[0].reason));
    }
    const started = Date.now();
    const { answers, infos, cancelled } = await this.query(queries);
    const sizes = queries.map((q) => vscode.l10n.t('{0} group(s) × {1} account(s)', q.groupIds.length, q.accounts.length)).join(' + ');
    if (cancelled) {
      const { answered, asked } = answeredCount(answers.flat());
      const ms = Date.now() - started;
      this.log.info(
        cancelled.at
          ? vscode.l10n.t('Cancelled at {0} of {1} requests: {2}; {3} of {4} account(s) answered before the cancel, after {5} ms.', cancelled.at.done, cancelled.at.total, sizes, answered, asked, ms)
          : vscode.l10n.t('Cancelled at the start: {0}; {1} of {2} account(s) answered before the cancel, after {3} ms.', sizes, answered, asked, ms),
      );
      // A credential change says so itself (stopForCredentials).
      if (cancelled.by === 'user') void vscode.window.showInformationMessage(vscode.l10n.t('Chat Roles: Cancelled. {0} of {1} accounts were answered; they are kept and marked partial.', answered, asked));
    } else {
      this.log.info(vscode.l10n.t('Checked {0} in {1} ms.', sizes, Date.now() - started));
    }

    // A group cancelled before any answer keeps its earlier record as it was; one answered in part merges.
    const isAnswered = (g: GroupResult) => g.roles.length > 0 || g.errors.some((e) => e.code !== 'CANCELLED');
    await this.results.put(
      queries.flatMap((q, i) => answers[i].filter(isAnswered).map((g) => this.record(g, q.target, q.accounts, q.sources?.get(g.groupId), started, infos[i].get(g.groupId)))),
    );
    const isFinished = (g: GroupResult) => !g.errors.some((e) => e.code === 'CANCELLED');
    const failures = new Map<vscode.TextDocument, GroupFailure[]>();
    for (const [i, q] of queries.entries()) {
      const finished = answers[i].filter(isFinished);
      for (const g of finished) this.showInEditor(g, q.target.app.label, q.sources?.get(g.groupId)?.uri, failures);
      if (finished.length) await this.recents.remember(finished.map((g) => g.groupId), q.accounts);
    }
    for (const [document, list] of failures) this.diagnostics.reportMany(document, list);
    this.notify(answers, queries);
    const json = toResultJson(queries.flatMap((q, i) => answers[i].map((g) => ({ ...g, app: q.target.app.label, sdkAppId: q.target.app.sdkAppId, facts: factsOf(infos[i].get(g.groupId)) }))));
    if (cancelled) json.cancelled = true;
    return json;
  }

  /** Aborts every running check (what the progress notification's Cancel does). */
  cancelAll(reason: CancelReason = 'user'): void {
    for (const c of this.running) c.abort(reason);
  }

  /** Cancels the running checks and closes the client (with its minted UserSigs) after a credential change. */
  private stopForCredentials(): void {
    const running = this.running.size;
    this.cancelAll('credentials');
    void this.connection.close();
    if (!running) return;
    this.log.info(vscode.l10n.t('Credentials changed: {0} running check(s) cancelled.', running));
    void vscode.window.showWarningMessage(vscode.l10n.t('Chat Roles: the check was cancelled because the credentials changed. Run it again to use the new credentials.'));
  }

  /**
   * Runs the queries one after another under one cancellable progress notification, then asks
   * get_group_info for every group's facts there too (it can take a while; Cancel stops it as well),
   * which also explains their 10007s.
   */
  private query(queries: readonly Query[]): Promise<{ answers: GroupResult[][]; infos: Map<string, GroupInfo>[]; cancelled?: { by: CancelReason; at: RequestsDone | undefined } }> {
    const groups = queries.reduce((n, q) => n + q.groupIds.length, 0);
    const title = groups === 1 ? vscode.l10n.t('Checking roles in {0}', plainText(queries[0].groupIds[0])) : vscode.l10n.t('Checking roles in {0} groups', groups);
    return Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
        const abort = new AbortController();
        this.running.add(abort);
        const cancel = token.onCancellationRequested(() => abort.abort('user' satisfies CancelReason));
        let reported = 0;
        // Every query's requests from the start (each query's own count replaces its plan once it runs), so
        // several queries (Check All Groups Again) read "3 of 40 requests", not "0 of 1" per query.
        const planned = queries.map(plannedRequests);
        let finished = 0;
        progress.report({ message: requestsDone(0, planned.reduce((n, p) => n + p, 0)) });
        // Undefined: the start.
        let lastProgress: RequestsDone | undefined;
        // Where the check stood when it was stopped (the requests it cancels still report progress as they end).
        let stoppedAt = lastProgress;
        abort.signal.addEventListener('abort', () => (stoppedAt = lastProgress), { once: true });
        try {
          const answers: GroupResult[][] = [];
          for (const [i, q] of queries.entries()) {
            const results = await this.connection.get(targetOf(q.target)).getRoleInGroup(q.target.credentials, q.groupIds, q.accounts, {
              signal: abort.signal,
              onProgress: ({ done, total }) => {
                planned[i] = total;
                const percent = ((i + (total ? done / total : 0)) / queries.length) * 100;
                const all = planned.reduce((n, p) => n + p, 0);
                lastProgress = { done: finished + done, total: all };
                progress.report({ message: requestsDone(finished + done, all), increment: percent - reported });
                reported = percent;
              },
            });
            finished += planned[i];
            // A server's ErrorInfo may quote the request, even a UserSig cut short: scrub before anything shows it.
            for (const g of results) for (const e of g.errors) e.message = this.log.redact(e.message);
            answers.push(results);
          }
          // Each query's facts come from its own app. A cancelled check (Cancel, or the client closed under it
          // by a reload) asks nothing more.
          const infos = queries.map(() => new Map<string, GroupInfo>());
          const cancelled = abort.signal.aborted || answers.flat().some((g) => g.errors.some((e) => e.code === 'CANCELLED'));
          for (const [i, q] of queries.entries()) {
            const asked = answers[i].filter(wasAsked).map((g) => g.groupId);
            if (asked.length && !cancelled) {
              for (const info of await this.groupInfo(q.target, asked, abort.signal)) infos[i].set(info.groupId, info);
            }
            this.explainNoPermission(q.target.credentials, answers[i], infos[i]);
          }
          if (!abort.signal.aborted) return { answers, infos };
          const reason: unknown = abort.signal.reason;
          const by: CancelReason = reason === 'credentials' || reason === 'shutdown' ? reason : 'user';
          return { answers, infos, cancelled: { by, at: stoppedAt } };
        } finally {
          cancel.dispose();
          this.running.delete(abort);
        }
      }),
    );
  }

  /** get_group_info for the checked groups (at most 50 per request); none when it cannot be asked. */
  private async groupInfo(target: ResolvedApp, groupIds: string[], signal: AbortSignal): Promise<GroupInfo[]> {
    try {
      return await this.connection.get(targetOf(target)).getGroupInfo(target.credentials, groupIds, { signal });
    } catch (err) {
      this.log.warn(vscode.l10n.t('get_group_info failed: {0}', err instanceof Error ? err.message : String(err)));
      return [];
    }
  }

  /** 10007 means "no permission" or "AVChatRoom"; get_group_info's type says which. */
  private explainNoPermission(credentials: Credentials, groups: readonly GroupResult[], infos: ReadonlyMap<string, GroupInfo>): void {
    for (const g of groups) {
      for (const e of g.errors) {
        if (e.code !== NO_PERMISSION) continue;
        e.message =
          infos.get(g.groupId)?.type === 'AVChatRoom'
            ? vscode.l10n.t('AVChatRoom groups are not supported by get_role_in_group: {0} is an AVChatRoom (live broadcast) group, so its roles cannot be checked this way.', g.groupId)
            : vscode.l10n.t(
                'The identifier "{0}" lacks permission for {1}: get_role_in_group must be called by an App admin of app {2}. Set credentials with an App admin identifier.',
                credentials.identifier,
                g.groupId,
                credentials.sdkAppId,
              );
      }
    }
  }

  /** The group's record after this check: its answers merged into the earlier record (see mergeRecords). */
  private record(
    g: GroupResult,
    target: ResolvedApp,
    accounts: string[],
    source: { uri: vscode.Uri; range: vscode.Range } | undefined,
    checkedAt: number,
    info: GroupInfo | undefined,
  ): GroupRecord {
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
    const facts = factsOf(info);
    if (facts) record.facts = facts;
    return mergeRecords(previous, record);
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
      const setCredentials = vscode.l10n.t('Set Credentials…');
      const actions = suggestsOtherRegion(credential.code) ? [vscode.l10n.t('Find the App\'s Region'), setCredentials] : [setCredentials];
      void vscode.window.showErrorMessage(vscode.l10n.t('Chat Roles: {0} ({1}). {2}', d.title, String(credential.code), d.advice), ...actions).then((choice) => {
        const command = choice === setCredentials ? vscode.commands.executeCommand('chatRoles.setCredentials') : choice ? vscode.commands.executeCommand('chatRoles.findAppRegion', { app }) : undefined;
        command?.then(undefined, (err) => this.log.error(vscode.l10n.t('{0} failed', choice ?? ''), err));
      });
      return;
    }
    const rate = errors.find(isRateError);
    if (rate) {
      const d = describeError(rate.code);
      const again = queries
        .map((q, i) => ({ accounts: q.accounts, sources: q.sources, app: q.target.app.label, groupIds: answers[i].filter((g) => g.errors.some(isRateError)).map((g) => g.groupId) }))
        .filter((q) => q.groupIds.length > 0);
      void vscode.window.showWarningMessage(vscode.l10n.t('Chat Roles: {0} ({1}). {2}', d.title, String(rate.code), d.advice), vscode.l10n.t('Check Again')).then((choice) => {
        if (choice) void this.checkAll(again).catch((err) => this.log.error(vscode.l10n.t('Checking again failed'), err));
      });
    }
  }

  dispose(): void {
    this.credentialListener.dispose();
    this.cancelAll('shutdown');
  }
}

/** How far a check had come: requests finished of all planned. */
interface RequestsDone {
  done: number;
  total: number;
}

/** Who stopped a check: the user (Cancel), a change of the credentials, or the extension going away. */
type CancelReason = 'user' | 'credentials' | 'shutdown';

/** Accounts that got an answer (a role or an error other than CANCELLED), of all accounts asked about. */
function answeredCount(groups: readonly GroupResult[]): { answered: number; asked: number } {
  let answered = 0;
  let asked = 0;
  for (const g of groups) {
    answered += g.roles.length;
    asked += g.roles.length;
    for (const e of g.errors) {
      asked += e.accounts.length;
      if (e.code !== 'CANCELLED') answered += e.accounts.length;
    }
  }
  return { answered, asked };
}

/** Why a request cannot be sent at all, or undefined. */
function refusal(groupIds: readonly string[], accounts: readonly string[]): string | undefined {
  if (!groupIds.length) return vscode.l10n.t('No group ID to check.');
  if (!accounts.length) return vscode.l10n.t('No account to check.');
  if (groupIds.length > MAX_GROUPS_PER_CHECK) {
    return vscode.l10n.t('At most {0} groups can be checked at once ({1} given); check them in parts.', MAX_GROUPS_PER_CHECK, groupIds.length);
  }
  return undefined;
}

/** A check's progress: "3 of 40 requests" (also where a cancelled check stood, in the log). */
function requestsDone(done: number, total: number): string {
  return vscode.l10n.t('{0} of {1} requests', done, total);
}

/**
 * Whether a check reached the server for a group: some account got a role or a server's or network's
 * answer. A group whose accounts were all refused locally or cancelled gets no get_group_info either, so
 * "nothing sent" stays true (and a closed client is not reopened for it).
 */
function wasAsked(g: GroupResult): boolean {
  return g.roles.length > 0 || g.errors.some((e) => e.code !== 'INVALID_INPUT' && e.code !== 'CANCELLED');
}

/** A frequency-limit error, or a DEADLINE whose last attempt was one (how a 60007 storm usually ends). */
function isRateError(e: GroupError): boolean {
  if (describeError(e.code).scope === 'rate') return true;
  return e.code === 'DEADLINE' && e.lastCode !== undefined && isSlowDown(e.lastCode);
}
