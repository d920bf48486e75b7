// Issue 15 from the rendered workbench, with the packaged .vsix as users get it: right-click a member's row →
// Make Admin → the modal names the app, the group, the account and Member → Admin. Until app profiles hold
// the *role changes allowed* switch, every app is read-only: the modal's offer to turn the switch on ends in a
// clear refusal, nothing is sent, and the tree still shows the role the server reports.
import * as assert from 'assert';
import { DEMO_GROUPS, DEMO_SDK_APP_ID } from '../standin/data/demo-app';
import { useDemoWorkbench } from './demoWorkbench';
import { answer, chooseMenuItem, enterDemoSecretKey, notificationsInCenter, openRolesView, runCommand, treeRow, UI_WAIT_MS } from './person';

const GROUP = DEMO_GROUPS.public;

describe('UI: a role change from the tree', () => {
  const workbench = useDemoWorkbench();

  before(async function () {
    this.timeout(60_000);
    await runCommand(workbench.page, 'Chat Roles: Set Credentials…');
    await enterDemoSecretKey(workbench.page);
  });

  it('Make Admin on a member\'s row confirms in a modal naming app, group, account and before → after; a read-only app refuses', async () => {
    const { page } = workbench;
    await runCommand(page, 'Chat Roles: Check Roles in Group');
    await answer(page, 'Chat Roles: Check Roles in Group', GROUP);
    await answer(page, `accounts to check in ${GROUP}`, 'alice, bob, dave');
    const view = await openRolesView(page);
    const dave = treeRow(view, 'dave');
    await dave.waitFor({ timeout: UI_WAIT_MS });
    assert.strictEqual((await dave.locator('.label-description').innerText()).trim(), 'Member');

    // An admin's row offers Make Member and the transfer, not Make Admin.
    await treeRow(view, 'bob').click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu');
    await menu.waitFor({ timeout: UI_WAIT_MS });
    const adminItems = await menu.getByRole('menuitem').allInnerTexts();
    assert.ok(adminItems.some((t) => t.includes('Make Member')) && adminItems.some((t) => t.includes('Transfer Ownership to This Account')), `an admin's menu: ${adminItems.join(' | ')}`);
    assert.ok(!adminItems.some((t) => t.includes('Make Admin')), `an admin's menu offers Make Admin: ${adminItems.join(' | ')}`);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden', timeout: UI_WAIT_MS });

    await dave.click({ button: 'right' });
    await menu.waitFor({ timeout: UI_WAIT_MS });
    const memberItems = await menu.getByRole('menuitem').allInnerTexts();
    assert.ok(!memberItems.some((t) => t.includes('Make Member')), `a member's menu offers Make Member: ${memberItems.join(' | ')}`);
    await chooseMenuItem(page, 'Make Admin');

    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: UI_WAIT_MS });
    const text = await dialog.innerText();
    for (const part of [`Make dave an admin of group ${GROUP}?`, `SDKAppID ${DEMO_SDK_APP_ID}`, `Group: ${GROUP}`, 'Account: dave', 'Role: Member → Admin', 'Role changes are off for this app']) {
      assert.ok(text.includes(part), `the modal lacks "${part}": ${text}`);
    }
    await dialog.getByRole('button', { name: 'Allow Role Changes and Make Admin' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: UI_WAIT_MS });

    const refusal = await notificationsInCenter(page, /cannot be turned on yet/);
    await refusal.first().waitFor({ timeout: UI_WAIT_MS });
    assert.strictEqual((await treeRow(view, 'dave').locator('.label-description').innerText()).trim(), 'Member', 'a read-only app changed nothing');
  });
});
