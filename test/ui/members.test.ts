// Issue 14 in the workbench: expand a checked group's Owner & Admins row and read its rows; right-click an
// account row → Show Groups of Account, and read the account's groups with the role it has in each.
import * as assert from 'assert';
import { DEMO_GROUPS } from '../standin/data/demo-app';
import { useDemoWorkbench } from './demoWorkbench';
import { answer, chooseMenuItem, enterDemoSecretKey, openFile, openRolesView, rightClickToken, runCommand, treeRow, UI_WAIT_MS } from './person';

const SOURCE = 'src/groups.ts';

describe('UI: owner and admins, and an account\'s groups', () => {
  const workbench = useDemoWorkbench();

  before(async function () {
    this.timeout(60_000);
    await runCommand(workbench.page, 'Chat Roles: Set Credentials…');
    await enterDemoSecretKey(workbench.page);
  });

  it('expands Owner & Admins under a checked group, then shows the groups of an account from its row', async () => {
    const { page } = workbench;
    await openFile(page, SOURCE);
    await rightClickToken(page, DEMO_GROUPS.work);
    await chooseMenuItem(page, 'Check Roles in Group');
    await answer(page, `accounts to check in ${DEMO_GROUPS.work}`, 'peter');

    const view = await openRolesView(page);
    const group = treeRow(view, DEMO_GROUPS.work);
    await group.waitFor({ timeout: UI_WAIT_MS });
    assert.match(await group.innerText(), /1 member · Work · “Leckie's work group” · 4 in total/);

    // Collapsed at first; a click expands it and lists the owner and the admin, each with its role.
    await treeRow(view, 'Owner & Admins').click();
    const owner = treeRow(view, 'leckie');
    await owner.waitFor({ timeout: UI_WAIT_MS });
    assert.strictEqual((await owner.locator('.label-description').innerText()).trim(), 'owner · Card of leckie');
    assert.strictEqual((await owner.locator('.codicon-star-full').count()), 1, 'the owner has the owner icon');
    const admin = treeRow(view, 'alice');
    await admin.waitFor({ timeout: UI_WAIT_MS });
    assert.strictEqual((await admin.locator('.label-description').innerText()).trim(), 'admin');

    // Right-click the checked account's row → Show Groups of Account → an account node with its groups.
    await treeRow(view, 'peter · member').first().click({ button: 'right' });
    await chooseMenuItem(page, 'Show Groups of Account');
    const apollo = treeRow(view, DEMO_GROUPS.custom);
    await apollo.waitFor({ timeout: UI_WAIT_MS });
    assert.strictEqual((await apollo.locator('.label-description').innerText()).trim(), 'owner · Work · “Project Apollo”');
    const meeting = treeRow(view, DEMO_GROUPS.meeting);
    assert.strictEqual((await meeting.locator('.label-description').innerText()).trim(), 'member · Meeting · “Weekly sync”');
    const account = view.locator('.monaco-list-row', { hasText: '4 groups' });
    assert.match(await account.innerText(), /peter/);
  });
});
