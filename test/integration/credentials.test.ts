import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ChatRolesApi } from '../../src/api';
import { TEST_ADMIN, TEST_SDK_APP_ID, TEST_SECRET_KEY } from '../standin/data/test-app';
import { userSig } from '../standin/test-kit';
import { PromptRecorder, answer, extensionApi, resetExtensionState, setTestCredentials, testUserSig, validationText, within } from './support';

describe('credentials', () => {
  let api: ChatRolesApi;

  before(async () => {
    api = await extensionApi();
  });

  afterEach(async () => {
    api.useSecretStorage();
    await resetExtensionState();
  });

  it('stores a valid UserSig given programmatically and shows the app in the status bar', async () => {
    const sig = await setTestCredentials(testUserSig(30 * 86400));
    const stored = await api.services.credentials.get();
    assert.deepStrictEqual(stored, { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, userSig: sig });
    const view = api.statusBarView();
    assert.ok(view.visible);
    assert.match(view.text, new RegExp(`^\\$\\(key\\) default · Chat ${TEST_SDK_APP_ID} · ${TEST_ADMIN} · `));
    assert.strictEqual(view.backgroundColor, undefined, 'a sig valid for 30 days is not flagged');
  });

  it('accepts sdkAppId as a string of digits and a secret key instead of a UserSig', async () => {
    await vscode.commands.executeCommand('chatRoles.setCredentials', { sdkAppId: String(TEST_SDK_APP_ID), identifier: TEST_ADMIN, secretKey: TEST_SECRET_KEY });
    assert.deepStrictEqual(await api.services.credentials.get(), { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, secretKey: TEST_SECRET_KEY });
    assert.doesNotMatch(api.statusBarView().text, /left|expired/);
  });

  const refusals: [string, Record<string, unknown>, RegExp][] = [
    ['a non-numeric SDKAppID', { sdkAppId: '14000x', identifier: TEST_ADMIN, userSig: 'x' }, /digits/],
    ['an identifier over 32 bytes', { sdkAppId: TEST_SDK_APP_ID, identifier: 'a'.repeat(33), userSig: 'x' }, /identifier/i],
    ['a UserSig of another app', { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, userSig: userSig({ sdkAppId: 1400000099 }) }, /1400000099/],
    ['a UserSig of another identifier', { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, userSig: userSig({ identifier: 'bob' }) }, /"bob"/],
    ['an expired UserSig', { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, userSig: userSig({ expireSeconds: 60, issuedAtMs: Date.now() - 3_600_000 }) }, /expired/],
    ['something that is not a UserSig', { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, userSig: 'not-a-usersig' }, /does not decode/],
    ['both a UserSig and a secret key', { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, userSig: testUserSig(), secretKey: TEST_SECRET_KEY }, /exactly one/],
  ];
  for (const [what, arg, message] of refusals) {
    it(`rejects ${what} and stores nothing`, async () => {
      await setTestCredentials();
      const before = await api.services.credentials.get();
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('chatRoles.setCredentials', arg)), message);
      assert.deepStrictEqual(await api.services.credentials.get(), before);
    });
  }

  it('walks the guided input, validating each step as typed', async () => {
    const prompts = new PromptRecorder(api);
    try {
      const done = vscode.commands.executeCommand('chatRoles.setCredentials');
      const app = await prompts.next();
      assert.strictEqual(app.step, 1);
      await answer(app, '14000abc');
      await waitForValidation(app, /digits/);
      await answer(app, String(TEST_SDK_APP_ID));

      const identifier = await prompts.next();
      assert.strictEqual(identifier.value, 'administrator', 'the admin account every app has is offered');
      await answer(identifier, TEST_ADMIN);

      const where = await prompts.next<vscode.QuickPick<vscode.QuickPickItem>>();
      await answer(where, 'Follow the settings', () => where.activeItems[0]?.label === 'Follow the settings');

      const kind = await prompts.next<vscode.QuickPick<vscode.QuickPickItem>>();
      await answer(kind, 'UserSig', () => kind.activeItems[0]?.label === 'UserSig');

      const secret = await prompts.next();
      assert.strictEqual(secret.password, true, 'the UserSig is masked');
      await answer(secret, userSig({ identifier: 'bob' }));
      await waitForValidation(secret, /"bob"/);
      const sig = testUserSig(3 * 86400);
      await answer(secret, sig);
      await within(done, 10_000, 'the guided input to finish');
      assert.deepStrictEqual(await api.services.credentials.get(), { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, userSig: sig });
      assert.deepStrictEqual(api.statusBarView().backgroundColor, new vscode.ThemeColor('statusBarItem.warningBackground'), 'three days left is within the warning window');
    } finally {
      prompts.dispose();
    }
  });

  it('turns the status bar red once the UserSig has expired', async () => {
    await setTestCredentials(testUserSig(3600));
    api.services.statusBar.update(Date.now() + 2 * 3_600_000);
    const view = api.statusBarView();
    assert.match(view.text, /UserSig expired/);
    assert.deepStrictEqual(view.backgroundColor, new vscode.ThemeColor('statusBarItem.errorBackground'));
    api.services.statusBar.update();
  });

  it('clears the credentials, and the status bar item goes', async () => {
    await setTestCredentials();
    await vscode.commands.executeCommand('chatRoles.clearCredentials', { confirm: false });
    assert.strictEqual(await api.services.credentials.get(), undefined);
    assert.strictEqual(api.statusBarView().visible, false);
  });

  it('explains a failing secret storage and its remedy instead of crashing', async () => {
    const broken = {
      get: () => Promise.reject(new Error('Cannot create an item in a locked collection')),
      store: () => Promise.reject(new Error('Cannot create an item in a locked collection')),
      delete: () => Promise.reject(new Error('Cannot create an item in a locked collection')),
    };
    // An app whose secret was stored while the keyring worked: every later read fails with the remedy.
    await setTestCredentials();
    api.useSecretStorage(broken);
    await assert.rejects(Promise.resolve(setTestCredentials()), (err: Error) => /secret storage/.test(err.message) && /keyring/.test(err.message) && /password-store=basic/.test(err.message));
    await assert.rejects(api.services.credentials.get(), /keyring/);
    // A check started by the user reports it too, and the extension keeps working afterwards.
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('chatRoles.checkRoles', { groupIds: ['@TGS#2TESTWORK1'], accounts: ['alice'] })), /keyring/);
    api.useSecretStorage();
    await setTestCredentials();
    assert.ok(await api.services.credentials.get());
  });
});

async function waitForValidation(input: vscode.InputBox, message: RegExp): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!message.test(validationText(input))) {
    if (Date.now() > deadline) throw new Error(`validation message ${message} never appeared (got ${validationText(input)})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
