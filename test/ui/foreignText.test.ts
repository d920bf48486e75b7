// Issue 10 (items 1–2) and issue 11 §5, read from the rendered workbench: a group ID, accounts, an admin
// identifier and a server message that hold Markdown links, images, bare URLs and $(icon) syntax never
// become an <a>, an <img> or an icon — in the notification center, the editor hover, tree tooltips and the
// status bar — and the tree's rows carry aria-labels that read as sentences.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { DEMO_DATA_FILE, DEMO_SDK_APP_ID, DEMO_SECRET_KEY } from '../standin/data/demo-app';
import { HOSTILE_ACCOUNTS, HOSTILE_GROUP, HOSTILE_GROUP_ID as GROUP } from '../standin/data/hostile';
import type { SeedData } from '../standin/server';
import { useDemoWorkbench } from './demoWorkbench';
import { answer, hoverOver, notificationsInCenter, openFile, openRolesView, type PageElement, pick, runCommand, statusBarItem, treeRow, UI_WAIT_MS } from './person';

/** The hostile group's accounts and one more, a bare URL, that is in no group. */
const ACCOUNTS = { ...HOSTILE_ACCOUNTS, bare: 'https://e.org/bare' };
/** An App admin identifier, kept in stored state and shown in the status bar and notifications. */
const IDENTIFIER = 'o$(x)[O](command:z)https://e.org';
/** A server's ErrorInfo, shown in the error row's tooltip. */
const SERVER_INFO = 'see [Fix sig](https://e.org) ![](https://e.org/p.png) $(x) https://e.org/bare';
/** An unknown server code: its message quotes the ErrorInfo. */
const SERVER_CODE = 19999;
const BODY_FILE = 'hostile.json';

/**
 * Everything foreign text could turn into inside rendered text: links, images, and the icon `$(x)` would
 * draw. The workbench's own buttons and toolbars (anchors too, in places) are not text.
 */
async function markupIn(area: Locator): Promise<string[]> {
  const links = await area
    .locator('a')
    .evaluateAll((as: PageElement[]) =>
      as.filter((a) => !a.closest('.monaco-action-bar, .monaco-button, .monaco-toolbar')).map((a) => `<a href="${a.getAttribute('href') ?? ''}">${a.textContent ?? ''}</a>`),
    );
  const images = await area.locator('img').evaluateAll((is: PageElement[]) => is.map((i) => `<img src="${i.getAttribute('src') ?? ''}">`));
  const icons = await area.locator('.codicon-x').count();
  return [...links, ...images, ...(icons ? [`${icons} × .codicon-x`] : [])];
}

/** The hover the mouse brings up over `target` whose text includes `text`. */
async function hoverShowing(page: Page, target: Locator, text: string): Promise<Locator> {
  await hoverOver(page, target);
  const hover = page.locator('.workbench-hover, .monaco-hover:not(.hidden)', { hasText: text }).first();
  await hover.waitFor({ timeout: UI_WAIT_MS });
  return hover;
}

async function checkBodyFromEditor(page: Page): Promise<void> {
  await openFile(page, BODY_FILE);
  await page.keyboard.press('Control+A');
  await runCommand(page, 'Chat Roles: Check Roles in Group');
}

describe('UI: foreign text stays text, and the tree reads as sentences', () => {
  const workbench = useDemoWorkbench();

  before(async function () {
    this.timeout(90_000);
    const { page, standIn, workspace } = workbench;
    const demo = JSON.parse(fs.readFileSync(DEMO_DATA_FILE, 'utf8')) as SeedData;
    standIn.setData({
      app: { ...demo.app, admins: [...demo.app.admins, IDENTIFIER] },
      users: [...demo.users, IDENTIFIER, ...Object.values(ACCOUNTS)],
      groups: [...demo.groups, HOSTILE_GROUP],
    });
    fs.writeFileSync(path.join(workspace, BODY_FILE), JSON.stringify({ GroupId: GROUP, User_Account: Object.values(ACCOUNTS) }, null, 2) + '\n');

    await runCommand(page, 'Chat Roles: Set Credentials…');
    await answer(page, /1\/5/, String(DEMO_SDK_APP_ID));
    await answer(page, /2\/5/, IDENTIFIER);
    await pick(page, /3\/5/, 'Follow the settings');
    await pick(page, /4\/5/, 'Secret key');
    await answer(page, /5\/5/, DEMO_SECRET_KEY);
    await statusBarItem(page, `Chat ${DEMO_SDK_APP_ID}`).waitFor({ timeout: UI_WAIT_MS });
  });

  it('a stored identifier: no link in the notification center, no icon in the status bar', async () => {
    const { page } = workbench;
    const stored = await notificationsInCenter(page, /credentials stored/);
    await stored.first().waitFor({ timeout: UI_WAIT_MS });
    assert.deepStrictEqual(await markupIn(page.locator('.notifications-center')), []);
    await page.keyboard.press('Escape');
    const item = statusBarItem(page, `Chat ${DEMO_SDK_APP_ID}`);
    assert.strictEqual(await item.locator('.codicon-x').count(), 0, 'the identifier drew an icon in the status bar');
    const tooltip = await hoverShowing(page, item, 'admin identifier');
    assert.deepStrictEqual(await markupIn(tooltip), []);
    assert.ok((await tooltip.innerText()).includes(IDENTIFIER), `the tooltip does not quote the identifier: ${await tooltip.innerText()}`);
  });

  it("a server's message: the error row's tooltip shows it as text; its aria-label says code and meaning", async function () {
    this.timeout(120_000); // a check, then tree rows and hovers, on a busy machine
    const { page, standIn } = workbench;
    standIn.addFault({ fault: { kind: 'errorCode', code: SERVER_CODE, info: SERVER_INFO }, api: 'get_role_in_group', groupId: GROUP, times: 1 });
    await checkBodyFromEditor(page);

    const view = await openRolesView(page);
    const row = treeRow(view, `${SERVER_CODE} Chat error ${SERVER_CODE}`);
    await row.waitFor({ timeout: UI_WAIT_MS });
    assert.strictEqual(
      await row.getAttribute('aria-label'),
      `Warning ${SERVER_CODE}, Chat error ${SERVER_CODE}, for 4 accounts in group ${GROUP}. Opens the documentation.`,
    );
    const tooltip = await hoverShowing(page, row, 'The server said');
    // The one link a tooltip may hold is ours: Tencent's documentation.
    const markup = (await markupIn(tooltip)).filter((m) => !/^<a href="https:\/\/www\.tencentcloud\.com\/[^"]*">Documentation<\/a>$/.test(m));
    assert.deepStrictEqual(markup, []);
    assert.ok((await tooltip.innerText()).includes(SERVER_INFO), `the tooltip does not quote the server: ${await tooltip.innerText()}`);
  });

  it('a group ID and accounts: progress, editor hover and tree show them as text; rows read as sentences', async function () {
    this.timeout(120_000); // a check, then tree rows and hovers, on a busy machine
    const { page, standIn } = workbench;
    // Slow enough to read the progress notification while the check runs.
    standIn.addFault({ fault: { kind: 'delay', ms: 8000 }, api: 'get_role_in_group', groupId: GROUP, times: 1 });
    await checkBodyFromEditor(page);

    const progress = await notificationsInCenter(page, /Checking roles in/);
    await progress.first().waitFor({ timeout: UI_WAIT_MS });
    assert.ok((await progress.first().innerText()).includes('Checking roles in [Open]'), await progress.first().innerText());
    assert.deepStrictEqual(await markupIn(page.locator('.notifications-center')), []);
    await page.keyboard.press('Escape');

    const view = await openRolesView(page);
    const admin = treeRow(view, `${ACCOUNTS.admin} · admin`);
    await admin.waitFor({ timeout: UI_WAIT_MS });
    assert.strictEqual(await admin.getAttribute('aria-label'), `${ACCOUNTS.admin} is an admin of group ${GROUP}, checked less than a minute ago`);
    assert.strictEqual(await treeRow(view, `${ACCOUNTS.bare} · not in group`).getAttribute('aria-label'), `${ACCOUNTS.bare} is not in group ${GROUP}, checked less than a minute ago`);
    const group = treeRow(view, GROUP);
    // The roles, then the group's facts (its hostile name made inert), then the time.
    const groupLabel = (await group.getAttribute('aria-label')) ?? '';
    assert.ok(groupLabel.startsWith(`Group ${GROUP}: 4 checked, 1 owner, 1 admin, 1 member, 1 not in group, Work, “`), groupLabel);
    assert.ok(groupLabel.endsWith('”, 3 in total; checked less than a minute ago'), groupLabel);
    const groupTooltip = await hoverShowing(page, group, 'checked');
    assert.deepStrictEqual(await markupIn(groupTooltip), []);
    assert.ok((await groupTooltip.innerText()).includes(GROUP), await groupTooltip.innerText());

    await openFile(page, BODY_FILE);
    const id = page.locator('.editor-instance .view-line span[class^="mtk"]', { hasText: 'command:chatRoles.clearCredentials' }).first();
    const hover = await hoverShowing(page, id, 'Chat Roles');
    assert.deepStrictEqual(await markupIn(hover), []);
    const shown = await hover.innerText();
    for (const account of Object.values(ACCOUNTS)) assert.ok(shown.includes(account), `the hover does not show ${account} as text: ${shown}`);
  });
});
