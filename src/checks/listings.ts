import * as vscode from 'vscode';
import type { MemberRoleFilter } from '../chat/client';
import { describeError } from '../chat/errors';
import type { AppRegistry } from '../apps/registry';
import type { RoleDiagnostics } from '../editor/diagnostics';
import type { Log } from '../log';
import { accountGroupsJson, membersJson, type AccountGroupsResultJson, type MembersResultJson } from '../results/listingJson';
import type { ListingError, ListingsStore, MemberScope } from '../results/listings';
import { maxMembersListed } from '../settings';
import { plainText } from '../ui/foreignText';
import { clientForApp } from './appChoice';
import type { ChatConnection } from './connection';

/** Where a listing's progress shows: a cancellable notification, or the Chat Roles view (a node expanding). */
export type ListingProgress = 'notification' | 'view';

export interface MembersRequest {
  groupId: string;
  roles?: MemberRoleFilter[];
  app?: string;
  /** Where the group ID was found, for a diagnostic when the listing fails. */
  source?: { uri: vscode.Uri };
  progress: ListingProgress;
}

export interface AccountGroupsRequest {
  account: string;
  app?: string;
  progress: ListingProgress;
}

/**
 * Runs listings of members and of an account's groups: progress with Cancel (cancelling aborts the
 * requests at once), the result into the listings store for the tree, a diagnostic on the group ID when
 * the request came from a document, and one notification when the credentials were refused.
 */
export class ListingService implements vscode.Disposable {
  private readonly running = new Set<AbortController>();
  private readonly credentialListener: vscode.Disposable;

  constructor(
    private readonly connection: ChatConnection,
    private readonly apps: AppRegistry,
    private readonly listings: ListingsStore,
    private readonly diagnostics: RoleDiagnostics,
    private readonly log: Log,
  ) {
    // Changed or cleared credentials must not keep being sent.
    this.credentialListener = apps.onDidChangeCredentials(() => {
      for (const c of this.running) c.abort();
    });
  }

  /** Members of one group (all, or those of `roles`), up to chatRoles.maxMembersListed. */
  async listMembers(request: MembersRequest): Promise<MembersResultJson> {
    const { client, credentials } = await clientForApp(this.connection, this.apps, request.app);
    const max = maxMembersListed();
    const scope: MemberScope = request.roles ? 'ownerAdmins' : 'all';
    const title = request.roles ? vscode.l10n.t('Listing the owner and admins of {0}', plainText(request.groupId)) : vscode.l10n.t('Listing the members of {0}', plainText(request.groupId));
    const started = Date.now();
    const listing = await this.withProgress(request.progress, title, (signal, onProgress) => client.listMembers(credentials, request.groupId, request.roles, max, { signal, onProgress }));
    const error = listing.error && this.shown(listing.error);
    this.log.info(membersListed(listing.members.length, request.groupId, listing.truncated ? max : undefined, Date.now() - started, error?.message));
    const record = {
      kind: 'members' as const,
      groupId: request.groupId,
      scope,
      sdkAppId: credentials.sdkAppId,
      listedAt: started,
      members: listing.members,
      found: listing.members.length,
      truncated: listing.truncated,
      ...(listing.type !== undefined && { type: listing.type }),
      ...(listing.memberCount !== undefined && { memberCount: listing.memberCount }),
      ...(error && { error }),
    };
    // Only a roles-filtered listing matches its scope; Owner & Admins asked with other roles is not stored as such.
    if (!request.roles || isOwnerAdmins(request.roles)) {
      if (error?.code !== 'CANCELLED') await this.listings.put(record);
    }
    if (error) this.reportFailure(error, request.groupId, request.source);
    if (listing.truncated && request.progress === 'notification') {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Chat Roles: {0} has more members than chatRoles.maxMembersListed ({1}); the first {1} are listed. Raise the setting to list more.', plainText(request.groupId), max),
      );
    }
    return membersJson(record);
  }

  /** Every group `account` is in, with its role there, up to chatRoles.maxMembersListed groups. */
  async listAccountGroups(request: AccountGroupsRequest): Promise<AccountGroupsResultJson> {
    const { client, credentials } = await clientForApp(this.connection, this.apps, request.app);
    const max = maxMembersListed();
    const started = Date.now();
    const title = vscode.l10n.t('Listing the groups of {0}', plainText(request.account));
    const listing = await this.withProgress(request.progress, title, (signal, onProgress) => client.listAccountGroups(credentials, request.account, max, { signal, onProgress }));
    const error = listing.error && this.shown(listing.error);
    const account = JSON.stringify(request.account.slice(0, 64));
    const ms = Date.now() - started;
    this.log.info(
      error
        ? vscode.l10n.t('Listed {0} group(s) of {1} in {2} ms: {3}', listing.groups.length, account, ms, error.message)
        : vscode.l10n.t('Listed {0} group(s) of {1} in {2} ms.', listing.groups.length, account, ms),
    );
    const record = {
      kind: 'account' as const,
      account: request.account,
      sdkAppId: credentials.sdkAppId,
      listedAt: started,
      groups: listing.groups,
      found: listing.groups.length,
      truncated: listing.truncated,
      ...(error && { error }),
    };
    if (error?.code !== 'CANCELLED') await this.listings.put(record);
    if (error) this.reportFailure(error);
    return accountGroupsJson(record);
  }

  private async withProgress<T>(where: ListingProgress, title: string, run: (signal: AbortSignal, onProgress: (p: { done: number; total: number }) => void) => Promise<T>): Promise<T> {
    const location = where === 'notification' ? vscode.ProgressLocation.Notification : { viewId: 'chatRoles.roles' };
    return vscode.window.withProgress({ location, title, cancellable: where === 'notification' }, async (progress, token) => {
      const abort = new AbortController();
      this.running.add(abort);
      const cancel = token.onCancellationRequested(() => abort.abort());
      let reported = 0;
      try {
        return await run(abort.signal, ({ done, total }) => {
          const percent = total ? (done / total) * 100 : 0;
          progress.report({ message: vscode.l10n.t('{0} of {1} requests', done, total), increment: percent - reported });
          reported = percent;
        });
      } finally {
        cancel.dispose();
        this.running.delete(abort);
      }
    });
  }

  /** A server's message may quote the request: scrubbed before anything shows or keeps it. */
  private shown(error: ListingError): ListingError {
    return { code: error.code, message: this.log.redact(error.message) };
  }

  /** A diagnostic on the group ID in the document it came from; one notification for refused credentials. */
  private reportFailure(error: ListingError, groupId?: string, source?: { uri: vscode.Uri }): void {
    const document = source && vscode.workspace.textDocuments.find((d) => d.uri.toString() === source.uri.toString());
    if (document && groupId && error.code !== 'CANCELLED') this.diagnostics.reportMany(document, [{ groupId, code: error.code, message: error.message, moreErrors: 0 }]);
    const d = describeError(error.code);
    if (d.scope !== 'credentials') return;
    void vscode.window.showErrorMessage(vscode.l10n.t('Chat Roles: {0} ({1}). {2}', d.title, String(error.code), d.advice), vscode.l10n.t('Set Credentials…')).then((choice) => {
      if (choice) vscode.commands.executeCommand('chatRoles.setCredentials').then(undefined, (err) => this.log.error(vscode.l10n.t('Setting credentials failed'), err));
    });
  }

  dispose(): void {
    this.credentialListener.dispose();
    for (const c of this.running) c.abort();
  }
}

/** The log line of a members listing: how many, of which group, whether it stopped at the limit, how long, why it failed. */
function membersListed(found: number, groupId: string, stoppedAt: number | undefined, ms: number, error: string | undefined): string {
  if (stoppedAt === undefined) {
    return error === undefined ? vscode.l10n.t('Listed {0} member(s) of {1} in {2} ms.', found, groupId, ms) : vscode.l10n.t('Listed {0} member(s) of {1} in {2} ms: {3}', found, groupId, ms, error);
  }
  return error === undefined
    ? vscode.l10n.t('Listed {0} member(s) of {1} (stopped at {2}) in {3} ms.', found, groupId, stoppedAt, ms)
    : vscode.l10n.t('Listed {0} member(s) of {1} (stopped at {2}) in {3} ms: {4}', found, groupId, stoppedAt, ms, error);
}

/** The filter of an Owner & Admins listing: Owner and Admin, in any order. */
export function isOwnerAdmins(roles: readonly string[]): boolean {
  return roles.length === 2 && roles.includes('Owner') && roles.includes('Admin');
}

export const OWNER_AND_ADMINS: MemberRoleFilter[] = ['Owner', 'Admin'];
