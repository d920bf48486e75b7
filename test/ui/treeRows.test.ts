// Reading a checked group in the rendered tree (issue 13, items 2, 3 and 7): rows sorted by role with the
// role in the label, accounts not in the group folded, the short summary as the group's description,
// aria-labels in words, and the context menus of account, error and group rows.
import * as assert from 'assert';
import type { Page } from 'playwright-core';
import { DEMO_GROUPS } from '../standin/data/demo-app';
import { useDemoWorkbench } from './demoWorkbench';
import { answer, chooseMenuItem, enterDemoSecretKey, openFile, openRolesView, rightClickToken, runCommand, treeRow, UI_WAIT_MS, type PageElement } from './person';

const GHOSTS = Array.from({ length: 11 }, (_, i) => `ghost${i + 1}`);

/** The labels of a context menu opened on a tree row, then the menu closed again. */
async function contextMenuOf(page: Page, row: ReturnType<typeof treeRow>): Promise<string[]> {
  await row.click({ button: 'right' });
  const menu = page.locator('.context-view .monaco-menu');
  await menu.waitFor({ timeout: UI_WAIT_MS });
  const labels = (await menu.getByRole('menuitem').allInnerTexts()).map((t) => t.split('\n')[0].trim());
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'hidden', timeout: UI_WAIT_MS });
  return labels;
}

describe('UI: reading the roles tree', () => {
  const workbench = useDemoWorkbench();

  before(async function () {
    this.timeout(60_000);
    await runCommand(workbench.page, 'Chat Roles: Set Credentials…');
    await enterDemoSecretKey(workbench.page);
  });

  it('sorts rows by role, folds accounts not in the group, keeps the summary short, and offers row actions', async function () {
    this.timeout(120_000);
    const { page } = workbench;
    await openFile(page, 'src/groups.ts');
    await rightClickToken(page, DEMO_GROUPS.work);
    await chooseMenuItem(page, 'Check Roles in Group');
    await answer(page, `accounts to check in ${DEMO_GROUPS.work}`, ['wesley', ...GHOSTS, 'peter', 'alice', 'leckie'].join(', '));

    const view = await openRolesView(page);
    const group = treeRow(view, DEMO_GROUPS.work);
    await group.waitFor({ timeout: UI_WAIT_MS });
    assert.strictEqual((await group.locator('.label-description').innerText()).trim(), "1 owner · 1 admin · 1 member · 12 not in group · Work · “Leckie's work group” · 4 in total");
    const fold = treeRow(view, 'Not in group (12)');
    await fold.waitFor({ timeout: UI_WAIT_MS });
    assert.strictEqual(await fold.getAttribute('aria-expanded'), 'false', 'the fold starts collapsed');

    const rows = await view.locator('.monaco-list-row[aria-level="2"]').evaluateAll((elements: PageElement[]) =>
      elements.map((e) => [e.querySelector('.label-name')?.textContent?.trim() ?? '', e.getAttribute('aria-label') ?? '']),
    );
    assert.deepStrictEqual(
      rows.map(([name]) => name),
      ['leckie · owner', 'alice · admin', 'peter · member', 'Not in group (12)', 'Owner & Admins'],
    );
    assert.match(rows[1][1], new RegExp(`^alice is an admin of group ${DEMO_GROUPS.work.replace(/[#$]/g, '\\$&')}, checked `));

    await fold.click();
    await treeRow(view, 'wesley · not in group').waitFor({ timeout: UI_WAIT_MS });
    assert.match((await treeRow(view, 'wesley · not in group').getAttribute('aria-label')) ?? '', /^wesley is not in group /);

    const accountMenu = await contextMenuOf(page, treeRow(view, 'alice · admin'));
    for (const item of ['Check in Another Group…', 'Copy Account']) assert.ok(accountMenu.includes(item), `account menu: ${accountMenu.join(' | ')}`);
    const groupMenu = await contextMenuOf(page, group);
    for (const item of ['Copy as Markdown Table', 'Copy as JSON', 'Copy as CSV']) assert.ok(groupMenu.includes(item), `group menu: ${groupMenu.join(' | ')}`);
    // For the screenshot (media/tree.png): an account selected, so the group row shows its whole summary.
    await treeRow(view, 'peter · member').click();
  });
});
