// A role change from start to end: the app and its switch, the role before, the confirmation, the write
// (never retried blindly), the verifying read, the tree, the log, Recent Changes and what the user is told.
import * as vscode from 'vscode';
import type { AssignableRole, WriteOutcome } from '../chat/client';
import { checkAccount, checkGroupId, clipAccountName } from '../chat/text/ids';
import type { ErrorCode, Role } from '../chat/types';
import type { ChatConnection } from '../checks/connection';
import type { Log } from '../log';
import type { ResultsStore } from '../results/store';
import { plainText } from '../ui/foreignText';
import { shownRole } from '../ui/roleWords';
import type { RoleChangeEntry } from '../views/recentChangesNode';
import { confirmRoleChange, confirmTransfer, modalConfirmer, type ChangeFacts, type Choice, type Confirmer } from './confirm';
import type { ChangeApp, RoleChangeGate } from './gate';
import type { RecentChanges } from './recentChanges';
import { withVerifiedRoles } from './verifiedRoles';

export interface SetRoleRequest {
  groupId: string;
  account: string;
  role: AssignableRole;
  app?: string;
  /** false skips the modal (never the app's switch). */
  confirm: boolean;
}

export type TransferRequest = Omit<SetRoleRequest, 'role'>;

type ChangeError = { code: ErrorCode; message: string };

/** chatRoles.setRole's result (exact contract). */
export interface SetRoleResult {
  groupId: string;
  account: string;
  app: string;
  previousRole: string | null;
  role: string | null;
  applied: boolean | 'unknown';
  verified: boolean;
  error?: ChangeError;
}

/** chatRoles.transferOwner's result (exact contract). */
export interface TransferOwnerResult {
  groupId: string;
  app: string;
  previousOwner: string | null;
  owner: string | null;
  applied: boolean | 'unknown';
  verified: boolean;
  error?: ChangeError;
}

/** A request the command must reject: bad arguments, an unknown app, a read-only app. */
export class RoleChangeRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RoleChangeRefused';
  }
}

/** A change the user cancelled in the confirmation. */
function cancelled(): ChangeError {
  return { code: 'CANCELLED', message: vscode.l10n.t('The change was cancelled in the confirmation; nothing was sent.') };
}

export class RoleChangeService {
  /** Tests replace both through the test API; production asks in a modal and keeps each app's switch in its profile. */
  confirmer: Confirmer = modalConfirmer;

  constructor(
    public gate: RoleChangeGate,
    private readonly connection: ChatConnection,
    private readonly results: ResultsStore,
    private readonly recent: RecentChanges,
    private readonly log: Log,
  ) {}

  async setRole(request: SetRoleRequest): Promise<SetRoleResult> {
    const { groupId, account, role } = request;
    const app = await this.admit(request);
    const client = this.connection.get(app.target);
    const creds = app.credentials;
    const previousRole = await this.readRoles(app, groupId, [account]).then((r) => r?.get(account) ?? null);
    const base = { groupId, account, app: app.label, previousRole };
    if (request.confirm) {
      const facts = await this.facts(app, groupId, account);
      const choice = await confirmRoleChange(this.confirmer, facts, previousRole, role, this.gate.isAllowed(app));
      if (!(await this.admitChoice(app, choice))) return { ...base, role: previousRole, applied: false, verified: false, error: cancelled() };
    }
    const outcome = await client.setMemberRole(creds, groupId, account, role);
    // Checked again whatever the answer: after no answer it is the only way to learn the truth.
    const seen = await this.readRoles(app, groupId, [account]);
    const seenRole = seen?.get(account) ?? null;
    const result: SetRoleResult = {
      ...base,
      role: seenRole,
      applied: outcome.applied,
      verified: seenRole === role,
      ...('error' in outcome && { error: plainError(outcome) }),
    };
    await this.finish(app, { kind: 'role', groupId, account, before: previousRole, after: role }, outcome, seen, seenRole, request.confirm);
    return result;
  }

  async transferOwner(request: TransferRequest): Promise<TransferOwnerResult> {
    const { groupId, account } = request;
    const app = await this.admit(request);
    const info = await this.groupInfo(app, groupId);
    const previousOwner = info?.ownerAccount ? info.ownerAccount : null;
    const base = { groupId, app: app.label, previousOwner };
    if (request.confirm) {
      const before = (await this.readRoles(app, groupId, [account]))?.get(account) ?? null;
      const facts: ChangeFacts = { app, groupId, account, ...(info?.name !== undefined && { groupName: info.name }) };
      const choice = await confirmTransfer(this.confirmer, facts, before, previousOwner, this.gate.isAllowed(app));
      if (!(await this.admitChoice(app, choice))) return { ...base, owner: previousOwner, applied: false, verified: false, error: cancelled() };
    }
    const outcome = await this.connection.get(app.target).changeGroupOwner(app.credentials, groupId, account);
    const asked = previousOwner && previousOwner !== account ? [account, previousOwner] : [account];
    const seen = await this.readRoles(app, groupId, asked);
    const owner = seen ? (asked.find((a) => seen.get(a) === 'Owner') ?? null) : null;
    const result: TransferOwnerResult = {
      ...base,
      owner,
      applied: outcome.applied,
      verified: seen !== undefined && owner === account,
      ...('error' in outcome && { error: plainError(outcome) }),
    };
    await this.finish(app, { kind: 'owner', groupId, account, before: previousOwner, after: account }, outcome, seen, owner, request.confirm);
    return result;
  }

  /** Changes an earlier plain role change back, confirming first. */
  async undo(entry: RoleChangeEntry): Promise<SetRoleResult | undefined> {
    if (!entry.undoable || (entry.before !== 'Admin' && entry.before !== 'Member')) return undefined;
    return this.setRole({ groupId: entry.groupId, account: entry.account, role: entry.before, app: entry.appLabel, confirm: true });
  }

  /** The app of a request that may go on; throws RoleChangeRefused for bad arguments, an unknown app or a read-only app without a modal. */
  private async admit(request: TransferRequest): Promise<ChangeApp> {
    const reason = checkGroupId(request.groupId) ?? checkAccount(request.account);
    if (reason !== undefined) throw new RoleChangeRefused(vscode.l10n.t('Chat Roles: {0}', reason));
    const app = await this.gate.resolve(request.app);
    if (!app) {
      throw new RoleChangeRefused(
        request.app === undefined
          ? vscode.l10n.t('Chat Roles: no app is set up. Run "Chat Roles: Set Credentials…" first.')
          : vscode.l10n.t('Chat Roles: there is no app "{0}".', plainText(request.app)),
      );
    }
    if (!request.confirm && !this.gate.isAllowed(app)) {
      throw new RoleChangeRefused(
        vscode.l10n.t('Chat Roles: app {0} is read-only: role changes are not allowed in it. Allow them for the app first (the first change made with a confirmation offers it).', plainText(app.label)),
      );
    }
    return app;
  }

  /** True when the user chose to go ahead (turning the app's switch on first, if that was the choice). */
  private async admitChoice(app: ChangeApp, choice: Choice): Promise<boolean> {
    if (choice === undefined) return false;
    if (choice === 'allowAndChange') {
      try {
        await this.gate.allow(app);
      } catch (err) {
        this.log.error(vscode.l10n.t('Allowing role changes in app {0} failed', app.label), err);
        void vscode.window.showErrorMessage(plainText(err instanceof Error ? err.message : String(err)));
        return false;
      }
      this.log.info(vscode.l10n.t('Role changes allowed in app {0} (SDKAppID {1}) from the confirmation of a change.', app.label, app.sdkAppId));
    }
    return true;
  }

  private async facts(app: ChangeApp, groupId: string, account: string): Promise<ChangeFacts> {
    const info = await this.groupInfo(app, groupId);
    return { app, groupId, account, ...(info?.name !== undefined && { groupName: info.name }) };
  }

  /** The group's name, type and owner; undefined when they could not be read. Learns the type for the tree. */
  private async groupInfo(app: ChangeApp, groupId: string): Promise<{ name?: string; ownerAccount?: string } | undefined> {
    const [info] = await this.connection.get(app.target).getGroupInfo(app.credentials, [groupId]);
    if (!info || info.error) return undefined;
    if (info.type) this.recent.learnGroupType(groupId, info.type);
    return info;
  }

  /** The roles of these accounts; undefined when the read failed (every account must come back with a role). */
  private async readRoles(app: ChangeApp, groupId: string, accounts: string[]): Promise<Map<string, Role> | undefined> {
    const [result] = await this.connection.get(app.target).getRoleInGroup(app.credentials, [groupId], accounts);
    if (!result || result.errors.length) {
      if (result?.errors[0]) this.log.warn(vscode.l10n.t('Reading the roles of {0} in {1} failed: {2}', accounts.map(logged).join(', '), groupId, result.errors[0].message));
      return undefined;
    }
    return new Map(result.roles.map((r) => [r.account, r.role]));
  }

  /** The tree, the log, Recent Changes, and (after a confirmed change) a notification. */
  private async finish(app: ChangeApp, change: Pick<RoleChangeEntry, 'kind' | 'groupId' | 'account' | 'before' | 'after'>, outcome: WriteOutcome, seen: Map<string, Role> | undefined, seenValue: string | null, notify: boolean): Promise<void> {
    const verified = change.kind === 'role' ? seenValue === change.after : seenValue === change.account;
    if (seen) await this.results.put([withVerifiedRoles(this.results.get(change.groupId, app.label), change.groupId, app, [...seen].map(([account, role]) => ({ account, role })), Date.now())]);
    const entry = this.recent.add({
      ...change,
      appLabel: app.label,
      sdkAppId: app.sdkAppId,
      applied: outcome.applied,
      verified,
      seen: seenValue,
      time: Date.now(),
      undoable: change.kind === 'role' && verified && (change.before === 'Admin' || change.before === 'Member') && change.before !== change.after,
      ...('error' in outcome && { error: plainError(outcome) }),
    });
    const before = change.before ?? vscode.l10n.t('unknown');
    const at = new Date(entry.time).toISOString();
    this.log.info(
      change.kind === 'owner'
        ? vscode.l10n.t('Role change: app {0} (SDKAppID {1}), group {2}, account {3}, owner {4} → {5}: {6}, at {7}', app.label, app.sdkAppId, change.groupId, logged(change.account), before, logged(change.after), resultWords(entry), at)
        : vscode.l10n.t('Role change: app {0} (SDKAppID {1}), group {2}, account {3}, role {4} → {5}: {6}, at {7}', app.label, app.sdkAppId, change.groupId, logged(change.account), before, change.after, resultWords(entry), at),
    );
    if (notify) this.tell(entry);
  }

  private tell(e: RoleChangeEntry): void {
    const account = plainText(e.account);
    const group = plainText(e.groupId);
    // What the check afterwards shows: a role (in the user's words) or, after a transfer, the owner's account.
    const seen = e.seen === null ? vscode.l10n.t('unknown') : plainText(e.kind === 'owner' ? e.seen : shownRole(e.seen));
    if (e.applied === 'unknown') {
      const message = e.verified
        ? vscode.l10n.t('Chat Roles: no answer came for the change of {0} in {1}, so it was checked again: the change was applied ({2}).', account, group, seen)
        : vscode.l10n.t('Chat Roles: no answer came for the change of {0} in {1}, so it was checked again: the change was not applied (the check shows {2}). Nothing was sent twice.', account, group, seen);
      void vscode.window.showWarningMessage(message);
    } else if (!e.applied) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Chat Roles: the change of {0} in {1} was refused. {2}', account, group, plainText(e.error?.message ?? '')));
    } else if (e.verified) {
      void vscode.window.showInformationMessage(verifiedMessage(e, account, group));
    } else {
      void vscode.window.showWarningMessage(vscode.l10n.t('Chat Roles: the server accepted the change of {0} in {1}, but the check afterwards does not show it (it shows {2}).', account, group, seen));
    }
  }
}

/** A change that the check afterwards confirms, as the notification tells it. */
function verifiedMessage(e: RoleChangeEntry, account: string, group: string): string {
  if (e.kind === 'owner') return vscode.l10n.t('Chat Roles: {0} is now the owner of {1} (verified).', account, group);
  if (e.after === 'Admin') return vscode.l10n.t('Chat Roles: {0} is now Admin in {1} (verified).', account, group);
  if (e.after === 'Member') return vscode.l10n.t('Chat Roles: {0} is now Member in {1} (verified).', account, group);
  return vscode.l10n.t('Chat Roles: {0} is now {1} in {2} (verified).', account, plainText(e.after), group);
}

function plainError(outcome: { error: ChangeError }): ChangeError {
  return { code: outcome.error.code, message: outcome.error.message };
}

function logged(account: string): string {
  return JSON.stringify(clipAccountName(account));
}

function resultWords(e: RoleChangeEntry): string {
  const seen = e.seen === null ? vscode.l10n.t('the check afterwards failed or did not run') : vscode.l10n.t('the check afterwards shows {0}', e.kind === 'owner' ? logged(e.seen) : e.seen);
  if (e.applied === 'unknown') return e.verified ? vscode.l10n.t('no answer (unknown; applied: {0})', seen) : vscode.l10n.t('no answer (unknown; not applied: {0})', seen);
  if (!e.applied) return e.error ? vscode.l10n.t('refused ({0})', String(e.error.code)) : vscode.l10n.t('not sent');
  return e.verified ? vscode.l10n.t('applied and verified') : vscode.l10n.t('accepted but not shown ({0})', seen);
}
