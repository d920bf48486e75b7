// Issue 15 from the rendered workbench, with the packaged .vsix as users get it: right-click a member's row →
// Make Admin → the modal names the app, the group, the account and Member → Admin. The app starts read-only
// (role changes are off by default), so the modal offers to allow them in the same step; accepting makes the
// change, the tree shows the role the verifying check saw, and Recent Changes lists the change.
import * as assert from 'assert';
import { DEMO_GROUPS, DEMO_SDK_APP_ID } from '../standin/data/demo-app';
import { useDemoWorkbench } from './demoWorkbench';
import { answer, chooseMenuItem, enterDemoSecretKey, openRolesView, runCommand, treeRow, UI_WAIT_MS } from './person';

const GROUP = DEMO_GROUPS.public;

describe('UI: a role change from the tree', () => {
  const workbench = useDemoWorkbench();

  before(async function () {
    this.timeout(60_000);
    await runCommand(workbench.page, 'Chat Roles: Set Credentials…');
    await enterDemoSecretKey(workbench.page);
  });

  it('Make Admin on a member\'s row confirms in a modal naming app, group, account and before → after, allows role changes, and shows the verified role', async function () {
    this.timeout(120_000);
    const { page } = workbench;
    await runCommand(page, 'Chat Roles: Check Roles in Group');
    await answer(page, 'Chat Roles: Check Roles in Group', GROUP);
    await answer(page, `accounts to check in ${GROUP}`, 'alice, bob, dave');
    const view = await openRolesView(page);
    const daveMember = treeRow(view, 'dave · member');
    await daveMember.waitFor({ timeout: UI_WAIT_MS });
    assert.strictEqual(await treeRow(view, 'Recent Changes').count(), 0, 'Recent Changes shows before any change');

    // An admin's row offers Make Member and the transfer, not Make Admin.
    await treeRow(view, 'bob · admin').click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu');
    await menu.waitFor({ timeout: UI_WAIT_MS });
    const adminItems = await menu.getByRole('menuitem').allInnerTexts();
    assert.ok(adminItems.some((t) => t.includes('Make Member')) && adminItems.some((t) => t.includes('Transfer Ownership to This Account')), `an admin's menu: ${adminItems.join(' | ')}`);
    assert.ok(!adminItems.some((t) => t.includes('Make Admin')), `an admin's menu offers Make Admin: ${adminItems.join(' | ')}`);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden', timeout: UI_WAIT_MS });

    await daveMember.click({ button: 'right' });
    await menu.waitFor({ timeout: UI_WAIT_MS });
    const memberItems = await menu.getByRole('menuitem').allInnerTexts();
    assert.ok(!memberItems.some((t) => t.includes('Make Member')), `a member's menu offers Make Member: ${memberItems.join(' | ')}`);
    await chooseMenuItem(page, 'Make Admin');

    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: UI_WAIT_MS });
    const text = await dialog.innerText();
    for (const part of [`Make dave an admin of group ${GROUP}?`, `App: default (SDKAppID ${DEMO_SDK_APP_ID})`, `Group: ${GROUP}`, 'Account: dave', 'Role: Member → Admin', 'Role changes are off for this app']) {
      assert.ok(text.includes(part), `the modal lacks "${part}": ${text}`);
    }
    await dialog.getByRole('button', { name: 'Allow Role Changes and Make Admin' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: UI_WAIT_MS });

    // The row now shows the role the verifying check saw, sorted with the admins.
    const daveAdmin = treeRow(view, 'dave · admin');
    await daveAdmin.waitFor({ timeout: UI_WAIT_MS });
    assert.strictEqual(await treeRow(view, 'dave · member').count(), 0, 'dave is still listed as a member');
    assert.match((await daveAdmin.getAttribute('aria-label')) ?? '', /^dave is an admin of group /);

    const recent = treeRow(view, 'Recent Changes');
    await recent.waitFor({ timeout: UI_WAIT_MS });
    const change = treeRow(view, 'dave: Member → Admin');
    await change.waitFor({ timeout: UI_WAIT_MS });
    assert.strictEqual((await change.locator('.label-description').innerText()).trim(), `${GROUP} · verified`);

    // dave is an admin now: his menu offers Make Member, not Make Admin.
    await daveAdmin.click({ button: 'right' });
    await menu.waitFor({ timeout: UI_WAIT_MS });
    const newAdminItems = await menu.getByRole('menuitem').allInnerTexts();
    assert.ok(newAdminItems.some((t) => t.includes('Make Member')) && !newAdminItems.some((t) => t.includes('Make Admin')), `the new admin's menu: ${newAdminItems.join(' | ')}`);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden', timeout: UI_WAIT_MS });
  });
});
