// Issue 12 from the rendered workbench: two apps, the same group checked in each, switching with one click on
// the status bar item. The demo stand-in plays one Chat app (one SDKAppID, one key), so the second app is a
// second label for the same SDKAppID and key, signing as the demo's other admin (demo_ops): what tells the
// apps apart on screen is the label, the admin in the status bar, and which app node is marked active.
import * as assert from 'assert';
import type { Page } from 'playwright-core';
import { DEMO_GROUPS, DEMO_SDK_APP_ID, DEMO_SECRET_KEY } from '../standin/data/demo-app';
import { useDemoWorkbench } from './demoWorkbench';
import { answer, enterDemoSecretKey, openRolesView, pick, runCommand, statusBarItem, treeRow, UI_WAIT_MS, waitForQuickInput, type PageElement } from './person';

const GROUP = DEMO_GROUPS.public;
const SECOND_APP = 'staging';
const SECOND_ADMIN = 'demo_ops';

async function checkGroup(page: Page): Promise<void> {
  await runCommand(page, 'Chat Roles: Check Roles in Group');
  await answer(page, 'Chat Roles: Check Roles in Group', GROUP);
  await answer(page, `accounts to check in ${GROUP}`, 'alice, dave');
}

/** The status bar's app item, clicked as a person does: it opens the app picker. */
async function openAppPicker(page: Page, showing: string): Promise<void> {
  await statusBarItem(page, showing).click();
  await waitForQuickInput(page, 'Chat Roles: Switch App');
}

async function quickInputClosed(page: Page): Promise<void> {
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_WAIT_MS });
}

describe('UI: switching apps from the status bar', () => {
  const workbench = useDemoWorkbench();

  before(async function () {
    this.timeout(60_000);
    // The first app: Set Credentials… with no app yet makes `default`.
    await runCommand(workbench.page, 'Chat Roles: Set Credentials…');
    await enterDemoSecretKey(workbench.page);
  });

  it('adds a second app, switches to it with the status bar item, and shows each app\'s result under its app node', async function () {
    this.timeout(150_000);
    const { page } = workbench;
    const firstStatus = `default · Chat ${DEMO_SDK_APP_ID} · administrator`;
    await statusBarItem(page, firstStatus).waitFor({ timeout: UI_WAIT_MS });

    await checkGroup(page);
    const view = await openRolesView(page);
    const groups = treeRow(view, GROUP);
    await groups.first().waitFor({ timeout: UI_WAIT_MS });
    // One app's results: no app nodes, the group at the top.
    assert.strictEqual(await groups.first().getAttribute('aria-level'), '1', 'with one app, the group is not at the top');
    assert.strictEqual(await treeRow(view, 'default').count(), 0, 'an app node shows with results of one app only');

    // Add App… from the status bar's picker; adding does not switch.
    await openAppPicker(page, firstStatus);
    await pick(page, 'Chat Roles: Switch App', 'Add App…');
    await answer(page, /Add App.*1\/6/, SECOND_APP);
    await answer(page, /2\/6/, String(DEMO_SDK_APP_ID));
    await answer(page, /3\/6/, SECOND_ADMIN);
    await pick(page, /4\/6/, 'Follow the settings');
    await pick(page, /5\/6/, 'Secret key');
    await answer(page, /6\/6/, DEMO_SECRET_KEY);
    await quickInputClosed(page);
    assert.strictEqual(await statusBarItem(page, firstStatus).count(), 1, 'adding an app switched away from the active one');

    // One click on the status bar item, one pick: app B is active.
    await openAppPicker(page, firstStatus);
    // Each row's first .label-name is its label (its detail line has one too).
    const rows = await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').evaluateAll((elements: PageElement[]) => elements.map((e) => e.querySelector('.label-name')?.textContent?.trim() ?? ''));
    assert.deepStrictEqual(rows, ['default', SECOND_APP, 'Add App…', 'Manage Apps…'], 'the app picker\'s rows');
    await pick(page, 'Chat Roles: Switch App', SECOND_APP);
    const secondStatus = statusBarItem(page, `${SECOND_APP} · Chat ${DEMO_SDK_APP_ID} · ${SECOND_ADMIN}`);
    await secondStatus.waitFor({ timeout: UI_WAIT_MS });
    assert.strictEqual(await statusBarItem(page, /default · Chat/).count(), 0, 'the status bar still shows the first app');

    await checkGroup(page);
    // Two apps' results: an app node for each at the top, each with its own record of the group below it.
    await treeRow(view, SECOND_APP).waitFor({ timeout: UI_WAIT_MS });
    await view.locator('.monaco-list-row[aria-level="2"]', { hasText: GROUP }).nth(1).waitFor({ timeout: UI_WAIT_MS });
    const tree = await view.locator('.monaco-list-row').evaluateAll((elements: PageElement[]) =>
      elements.map((e) => ({
        level: e.getAttribute('aria-level') ?? '',
        name: e.querySelector('.label-name')?.textContent?.trim() ?? '',
        description: e.querySelector('.label-description')?.textContent?.trim() ?? '',
      })),
    );
    const tops = tree.filter((r) => r.level === '1');
    // The app of the newest result first, as groups are listed newest first.
    assert.deepStrictEqual(
      tops.map((r) => [r.name, r.description]),
      [
        [SECOND_APP, `SDKAppID ${DEMO_SDK_APP_ID} · 1 group(s) · active`],
        ['default', `SDKAppID ${DEMO_SDK_APP_ID} · 1 group(s)`],
      ],
      `the top of the tree: ${JSON.stringify(tree)}`,
    );
    // Each app node is followed by its group, one level down.
    for (const app of ['default', SECOND_APP]) {
      const at = tree.findIndex((r) => r.level === '1' && r.name === app);
      assert.deepStrictEqual([tree[at + 1]?.level, tree[at + 1]?.name], ['2', GROUP], `the row under app ${app}: ${JSON.stringify(tree)}`);
    }
  });
});
