// Shared helpers of the extension's integration tests (run inside the real extension host).
import * as vscode from 'vscode';
import type { ChatRolesApi } from '../../src/api';
import { chatRolesExtension } from '../host/extensionUnderTest';
import { TEST_ADMIN, TEST_DATA_FILE, TEST_SDK_APP_ID } from '../standin/data/test-app';
import { startStandIn, type StandIn } from '../standin/server';
import { fixtureValues } from '../standin/fixture';
import { userSig } from '../standin/test-kit';
import { UnhandledWatch, withUserSettings } from './hardeningKit';

export { waitFor } from '../host/extensionUnderTest';

export async function extensionApi(): Promise<ChatRolesApi> {
  const ext = chatRolesExtension() as vscode.Extension<ChatRolesApi | undefined>;
  const api = ext.isActive ? ext.exports : await ext.activate();
  // activate() returns the test API only in ExtensionMode.Test (extensionDevelopmentPath + extensionTestsPath).
  if (!api) throw new Error('the extension returned no test API: the host does not run it in ExtensionMode.Test');
  return api;
}

/** Rejects after `ms` so no test can hang on a promise that never settles. */
export function within<T>(promise: Thenable<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    Promise.resolve(promise).then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the stand-in (no rate limit) and points the user-level chatRoles.endpoint at it. */
export async function startTestServer(): Promise<StandIn> {
  const server = await startStandIn({ data: TEST_DATA_FILE, requestsPerSecond: false });
  await vscode.workspace.getConfiguration('chatRoles').update('endpoint', server.url, vscode.ConfigurationTarget.Global);
  return server;
}

export async function stopTestServer(server: StandIn | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('chatRoles').update('endpoint', undefined, vscode.ConfigurationTarget.Global);
  await server?.close();
}

/** A valid UserSig for the test app's admin, from Tencent's own generator. */
export function testUserSig(expireSeconds = 86400): string {
  return userSig({ expireSeconds });
}

/** Stores credentials the programmatic way; returns the UserSig. */
export async function setTestCredentials(sig = testUserSig()): Promise<string> {
  await vscode.commands.executeCommand('chatRoles.setCredentials', { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, userSig: sig });
  return sig;
}

export async function resetExtensionState(): Promise<void> {
  await vscode.commands.executeCommand('chatRoles.clearResults');
  await vscode.commands.executeCommand('chatRoles.clearCredentials', { confirm: false });
}

export interface CheckJson {
  groups: {
    groupId: string;
    roles: { account: string; role: string }[];
    error?: { code: number | string; message: string; accounts: string[] };
    errors?: { code: number | string; message: string; accounts: string[] }[];
    type?: string;
    name?: string;
    memberCount?: number;
  }[];
}

export function checkRoles(groupIds: string[], accounts: string[]): Promise<CheckJson> {
  return within(vscode.commands.executeCommand<CheckJson>('chatRoles.checkRoles', { groupIds, accounts }), 30_000, 'chatRoles.checkRoles');
}

/** What openEditor last opened under each untitled name: the content asked for and the text it had. */
const lastOpened = new Map<string, { content: string; text: string }>();

/**
 * Opens an untitled document with the content in an editor. VS Code names untitled documents Untitled-1, -2…
 * again once they are closed, and a new one restores the backup of an earlier one of that name if the
 * discarding of that backup (on revert) has not finished yet; such a document is closed and opened again.
 */
export async function openEditor(content: string, language = 'typescript'): Promise<vscode.TextEditor> {
  for (let attempt = 1; ; attempt++) {
    const document = await vscode.workspace.openTextDocument({ language, content });
    const editor = await vscode.window.showTextDocument(document);
    const name = document.uri.toString();
    const earlier = lastOpened.get(name);
    if (earlier === undefined || earlier.content === content || earlier.text !== document.getText()) {
      lastOpened.set(name, { content, text: document.getText() });
      return editor;
    }
    if (attempt === 10) throw new Error(`${name} keeps opening with the text of an earlier document`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await sleep(200);
  }
}

/** The range of the n-th occurrence (0-based) of `needle` in the document. */
export function rangeOf(document: vscode.TextDocument, needle: string, nth = 0): vscode.Range {
  const text = document.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" occurs fewer than ${nth + 1} times`);
  }
  return new vscode.Range(document.positionAt(at), document.positionAt(at + needle.length));
}

/** Closes every editor, discarding unsaved untitled text (closeAllEditors would ask to save it). */
export async function closeAllEditors(): Promise<void> {
  for (let i = 0; i < 50 && vscode.window.tabGroups.all.some((g) => g.tabs.length > 0); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

/** VS Code's LogLevel.Trace. */
const TRACE_LOG_LEVEL = 1;

/** What a suite's hooks set up: the extension's API and the stand-in that chatRoles.endpoint points at. */
export interface StandInSuite {
  readonly api: ChatRolesApi;
  readonly server: StandIn;
}

/** A StandInSuite that also records the prompts of each test. */
export interface CheckSuite extends StandInSuite {
  readonly prompts: PromptRecorder;
}

/** What useStandIn() sets up besides the extension's API and the stand-in. */
export interface StandInSuiteOptions {
  /** Turn every log (the extension's and VS Code's own) to trace level before all. */
  traceLogs?: boolean;
  /** chatRoles user settings (keys without the prefix) set before all and restored after all. */
  userSettings?: Record<string, unknown>;
  /** Store the test credentials once before all; or before each test, resetting the extension's state after it. */
  credentials?: 'once' | 'each';
  /** Clear the stand-in's records and faults before each test, and its faults after it. */
  resetEach?: boolean;
  /** Fail a test that leaves an unhandled rejection (seen until 50 ms after it ends). */
  watchUnhandled?: boolean;
}

/**
 * Registers the hooks of a suite against the stand-in (call it inside describe()). Before all: activate the
 * extension, turn the logs to trace level, start the stand-in, set the user settings and credentials, as
 * the options ask; before and after each test: what the options ask. After all: close the editors, restore
 * the user settings, stop the stand-in and reset the extension's state.
 */
export function useStandIn(options: StandInSuiteOptions = {}): StandInSuite {
  let api: ChatRolesApi | undefined;
  let server: StandIn | undefined;
  let userSettings: { restore(): Promise<void> } | undefined;
  let unhandled: UnhandledWatch | undefined;
  before(async () => {
    api = await extensionApi();
    if (options.traceLogs) {
      await vscode.commands.executeCommand('workbench.action.setDefaultLogLevel', TRACE_LOG_LEVEL);
      await vscode.commands.executeCommand('workbench.action.setDefaultLogLevel', TRACE_LOG_LEVEL, 'chat-roles.chat-roles');
    }
    server = await startTestServer();
    if (options.userSettings) userSettings = await withUserSettings(options.userSettings);
    if (options.credentials === 'once') await setTestCredentials();
  });
  after(async () => {
    await closeAllEditors();
    await userSettings?.restore();
    await stopTestServer(server);
    await resetExtensionState();
  });
  beforeEach(async () => {
    if (options.credentials === 'each') await setTestCredentials();
    if (options.resetEach) {
      server?.resetRecords();
      server?.clearFaults();
    }
    if (options.watchUnhandled) unhandled = new UnhandledWatch();
  });
  afterEach(async () => {
    if (options.resetEach) server?.clearFaults();
    if (unhandled) {
      const watch = unhandled;
      unhandled = undefined;
      try {
        await sleep(50);
        watch.assertNone('this test');
      } finally {
        watch.dispose();
      }
    }
    if (options.credentials === 'each') await resetExtensionState();
  });
  return fixtureValues<StandInSuite>({ api: () => api, server: () => server });
}

/**
 * useStandIn() with credentials and a reset around each test, plus the check tests' own hooks. Before
 * each: start recording prompts. After each: hide a prompt left open, stop recording and close the
 * editors, then what useStandIn() does after each test.
 */
export function useCheckSuite(): CheckSuite {
  let prompts: PromptRecorder | undefined;
  // Registered before useStandIn()'s hooks so it runs first after each test: a prompt is gone before the
  // extension's state is reset.
  afterEach(async () => {
    standIn.api.currentPrompt()?.hide();
    prompts?.dispose();
    await closeAllEditors();
  });
  const standIn = useStandIn({ credentials: 'each', resetEach: true });
  beforeEach(() => {
    prompts = new PromptRecorder(standIn.api);
  });
  return fixtureValues<CheckSuite>({ api: () => standIn.api, server: () => standIn.server, prompts: () => prompts });
}

/** Records every prompt the extension shows, so a test can answer them in order. */
export class PromptRecorder implements vscode.Disposable {
  private readonly shown: vscode.QuickInput[] = [];
  private taken = 0;
  private readonly listener: vscode.Disposable;

  constructor(api: ChatRolesApi) {
    this.listener = api.onDidShowPrompt((p) => this.shown.push(p));
  }

  /** How many prompts were shown so far. */
  get count(): number {
    return this.shown.length;
  }

  async next<T extends vscode.QuickInput = vscode.InputBox>(timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    while (this.shown.length <= this.taken) {
      if (Date.now() > deadline) throw new Error(`no prompt appeared within ${timeoutMs} ms`);
      await sleep(20);
    }
    return this.shown[this.taken++] as T;
  }

  dispose(): void {
    this.listener.dispose();
  }
}

/**
 * Types into a prompt and presses Enter: sets the value, then runs the workbench's own accept command.
 * A quick pick echoes the new value back (onDidChangeValue), so we wait for that and for `ready` (e.g.
 * the wanted item is active). An input box in this host does not echo a value set by the extension, so
 * its "as typed" validation is seen on Enter, where the prompt checks the value again.
 */
export async function answer(input: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>, value: string, ready: () => boolean = () => true): Promise<void> {
  const isPick = 'items' in input;
  if (input.value !== value) {
    const echoed = new Promise<void>((resolve) => {
      const d = input.onDidChangeValue((v) => {
        if (v === value) {
          d.dispose();
          resolve();
        }
      });
    });
    input.value = value;
    if (isPick) await within(echoed, 5000, `the quick pick to show "${value.slice(0, 20)}"`);
    else await sleep(100);
  }
  const deadline = Date.now() + 5000;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error('the prompt never became ready to accept');
    await sleep(20);
  }
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
}

/** Answers an accounts quick pick with a typed list. */
export function answerAccounts(pick: vscode.QuickPick<vscode.QuickPickItem>, accounts: string[]): Promise<void> {
  const wanted = accounts.join(',');
  return answer(pick, accounts.join(', '), () => {
    const active = pick.activeItems[0] as { accounts?: string[]; typed?: boolean } | undefined;
    return active?.typed === true && (active.accounts ?? []).join(',') === wanted;
  });
}

/** The text of an input box's validation message, set as a string or as { message, severity }. */
export function validationText(box: vscode.InputBox): string {
  const shown = box.validationMessage;
  return typeof shown === 'string' ? shown : (shown?.message ?? '');
}
