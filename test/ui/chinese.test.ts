// The UI in Simplified Chinese: the workbench started in zh-cn with the recipe of test/host/displayLanguage.ts
// (no language pack from a registry), the packaged extension installed. The workbench's own strings come
// out in Chinese, and the extension host runs in zh-cn: VS Code hands the extension its zh-cn bundle and
// its package.nls.zh-cn.json. A person drives it in Chinese (the palette's and the menus' Chinese titles)
// and reads Chinese, never the English fallback, in the tree, a diagnostic, the hovers, the credentials
// prompt and the notifications. Every expected text is looked up in the bundles the extension ships
// (./translations.ts), so this test follows the translation.
// The tests run in order on one workbench, as one session of a person: credentials first, then checks.
// Two scenes are the README's screenshots in Chinese (media/zh-cn/): the tree, and the editor with a missing
// group's squiggle and hover.
import * as assert from 'assert';
import type { Page } from 'playwright-core';
import { DEMO_ADMIN, DEMO_GROUPS, DEMO_MISSING_GROUP, DEMO_SDK_APP_ID } from '../standin/data/demo-app';
import { useDemoWorkbench } from './demoWorkbench';
import {
  answer,
  chooseMenuItem,
  clickToken,
  closeNotificationsCenter,
  editorToken,
  enterDemoSecretKey,
  hoverOver,
  notificationsInCenter,
  openFile,
  openRolesView,
  quickInput,
  rightClickToken,
  runCommand,
  treeRow,
  UI_WAIT_MS,
  waitForQuickInput,
  type CredentialsInputWords,
  type PageElement,
} from './person';
import { assertChinese, shippedTranslations } from './translations';

/** Tencent's Chinese error-code list: the 10010 link for a zh-cn display language (src/chat/docs.ts). */
const CHINESE_ERROR_CODES_PAGE = 'https://cloud.tencent.com/document/product/269/1671';
const SOURCE = 'src/groups.ts';
/** A refusal of the credentials that the next check does not remember (src/chat/auth/credential-gate.ts). */
const IP_NOT_ALLOWED = 60021;
/** The catalogue's advice for 10010 (src/chat/errors.ts). */
const GROUP_NOT_FOUND_ADVICE = 'The group does not exist or was disbanded. Check the group ID and that the app (SDKAppID) and region are the ones the group lives in.';
const GHOSTS = Array.from({ length: 11 }, (_, i) => `ghost${i + 1}`);

const zh = shippedTranslations('zh-cn');

/** The app the first Set Credentials creates (DEFAULT_APP of src/apps/profile.ts). */
const DEFAULT_APP = 'default';

/** The guided Set Credentials input, in the words the zh-cn user reads; `again` once the app exists. */
function credentialsWords(again = false): CredentialsInputWords {
  return {
    title: again ? zh.t('Chat Roles: Set Credentials (app {0})', DEFAULT_APP) : zh.t('Chat Roles: Set Credentials'),
    followSettings: zh.t('Follow the settings'),
    secretKey: zh.t('Secret key'),
    statusBar: zh.t('{0} · Chat {1} · {2}', DEFAULT_APP, DEMO_SDK_APP_ID, DEMO_ADMIN),
  };
}

/** Right-click a group ID in the demo source → 查询群内角色 (the context menu's Chinese title). */
async function checkFromEditor(page: Page, groupId: string): Promise<void> {
  await openFile(page, SOURCE);
  await rightClickToken(page, groupId);
  await chooseMenuItem(page, zh.manifest('command.checkRoles.title'));
}

/** The accounts step of a check, answered. */
function answerAccounts(page: Page, groupId: string, accounts: string): Promise<void> {
  return answer(page, zh.t('Chat Roles: accounts to check in {0}', groupId), accounts);
}

/** The hover the workbench shows once the mouse rests on `target`, holding `text`. */
async function hoverShowing(page: Page, target: Parameters<typeof hoverOver>[1], text: string) {
  await hoverOver(page, target);
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: text }).first();
  await hover.waitFor({ timeout: UI_WAIT_MS }).catch(async (e: Error) => {
    const shown = await page.locator('.monaco-hover:not(.hidden)').allInnerTexts().catch(() => []);
    throw new Error(`${e.message}\nhovers shown: ${shown.join(' | ') || '(none)'}`);
  });
  return hover;
}

describe('UI: the workbench in Simplified Chinese', () => {
  const workbench = useDemoWorkbench({ displayLanguage: 'zh-cn' });

  it('shows the workbench\'s own strings in Chinese', async () => {
    const explorer = workbench.page.locator('.part.activitybar li[role="tab"] a.action-label[aria-label^="资源管理器"]');
    await explorer.waitFor({ timeout: UI_WAIT_MS });
    assert.strictEqual(await explorer.count(), 1);
  });

  it('runs the extension host in zh-cn: its log names the display language (Chat Roles: 显示日志)', async () => {
    const { page } = workbench;
    await runCommand(page, zh.command('showLog'));
    const expected = zh.t('Chat Roles started; display language: {0}.', 'zh-cn');
    const line = page.locator('.part.panel .view-line', { hasText: expected });
    await line.first().waitFor({ timeout: UI_WAIT_MS }).catch(async (e: Error) => {
      throw new Error(`${e.message}\nthe panel shows: ${await page.locator('.part.panel').innerText().catch(() => '(nothing)')}`);
    });
    // vscode.env.language, as the extension host read it.
    assert.match((await line.first().innerText()).replace(/\u00a0/g, ' '), /\bzh-cn\b/);
    await page.keyboard.press('Control+J'); // the panel closes again
    await page.locator('.part.panel').waitFor({ state: 'hidden', timeout: UI_WAIT_MS });
  });

  it('a check without credentials warns in Chinese; its button opens the credentials prompt in Chinese', async () => {
    const { page } = workbench;
    await checkFromEditor(page, DEMO_GROUPS.public);
    const warning = zh.t('Chat Roles needs the credentials of your Chat app before it can check roles.');
    const entries = await notificationsInCenter(page, warning);
    await entries.first().waitFor({ timeout: UI_WAIT_MS });
    assertChinese(await entries.first().innerText(), 'Chat Roles needs the credentials of your Chat app before it can check roles.', 'the warning');
    await entries.first().getByRole('button', { name: zh.t('Set Credentials…') }).click();

    // The prompt: its title, the step's prompt, and the placeholders of the picks.
    const words = credentialsWords();
    const first = await waitForQuickInput(page, words.title);
    const title = await first.locator('.quick-input-title').innerText();
    assertChinese(title, 'Chat Roles: Set Credentials (1/5)', 'the prompt\'s title');
    const message = zh.t('The SDKAppID of your Chat app (Chat console → Applications).');
    await first.locator('.quick-input-message', { hasText: message }).waitFor({ timeout: UI_WAIT_MS });
    assertChinese(await first.locator('.quick-input-message').innerText(), 'The SDKAppID of your Chat app (Chat console → Applications).', 'the prompt');
    await enterDemoSecretKey(page, {
      ...words,
      // Steps 3 and 4 are picks: their placeholders say what to choose.
      onStep: async (step) => {
        const english = step === 3 ? `Where does app ${DEMO_SDK_APP_ID} live? Requests go to this region's domain.` : step === 4 ? 'How should Chat Roles sign its requests?' : undefined;
        if (!english) return;
        const expected = step === 3 ? zh.t("Where does app {0} live? Requests go to this region's domain.", DEMO_SDK_APP_ID) : zh.t('How should Chat Roles sign its requests?');
        const placeholder = (await quickInput(page).locator('input:focus').getAttribute('placeholder')) ?? '';
        assert.strictEqual(placeholder, expected, `the placeholder of step ${step}`);
        assertChinese(placeholder, english, `the placeholder of step ${step}`);
      },
    });
    // The check goes on once the credentials are stored: its accounts step reads in Chinese too.
    const accountsTitle = zh.t('Chat Roles: accounts to check in {0}', DEMO_GROUPS.public);
    const accounts = await waitForQuickInput(page, accountsTitle);
    assertChinese(await accounts.locator('.quick-input-title').innerText(), `Chat Roles: accounts to check in ${DEMO_GROUPS.public}`, 'the accounts step');
    await answerAccounts(page, DEMO_GROUPS.public, 'leckie');
    await treeRow(await openRolesView(page), DEMO_GROUPS.public).waitFor({ timeout: UI_WAIT_MS });
    await closeNotificationsCenter(page);
  });

  it('a check the server refuses raises an error notification in Chinese', async () => {
    const { page, standIn } = workbench;
    standIn.addFault({ fault: { kind: 'errorCode', code: IP_NOT_ALLOWED }, api: 'get_role_in_group', groupId: DEMO_GROUPS.public, times: 1 });
    await checkFromEditor(page, DEMO_GROUPS.public);
    await answerAccounts(page, DEMO_GROUPS.public, 'leckie');

    const title = zh.t('Source IP not allowed');
    const entries = await notificationsInCenter(page, title);
    await entries.first().waitFor({ timeout: UI_WAIT_MS });
    const text = await entries.first().innerText();
    assert.ok(text.includes(zh.t("The app restricts REST calls by IP and this machine's address is not on the list; update the allowlist in the Chat console.")), text);
    assertChinese(text, 'Source IP not allowed', 'the error notification');
    // Its fix, in Chinese, sets the credentials again (which also clears the refusal from the status bar).
    await entries.first().getByRole('button', { name: zh.t('Set Credentials…') }).click();
    await enterDemoSecretKey(page, credentialsWords(true));
    await closeNotificationsCenter(page);
  });

  it('reads the tree in Chinese: role words in the rows, the summary, the fold 非群成员', async function () {
    this.timeout(120_000);
    const { page } = workbench;
    await runCommand(page, zh.command('clearResults'));
    await checkFromEditor(page, DEMO_GROUPS.work);
    await answerAccounts(page, DEMO_GROUPS.work, ['wesley', ...GHOSTS, 'peter', 'alice', 'leckie'].join(', '));

    const view = await openRolesView(page);
    const group = treeRow(view, DEMO_GROUPS.work);
    await group.waitFor({ timeout: UI_WAIT_MS });
    const description = (await group.locator('.label-description').innerText()).trim();
    assertChinese(description, "1 owner · 1 admin · 1 member · 12 not in group · Work · “Leckie's work group” · 4 in total", 'the group row\'s description');
    const counts = [zh.t('1 owner'), zh.t('1 admin'), zh.t('1 member'), zh.t('{0} not in group', 12), zh.t({ message: 'Work', comment: ['group type'] })];
    assert.ok(description.startsWith(counts.join(' · ')), `the group row's description: ${description}`);
    assert.ok(description.endsWith(zh.t('{0} in total', 4)), `the group row's description: ${description}`);
    const foldLabel = zh.t('Not in group ({0})', 12);
    const fold = treeRow(view, foldLabel);
    await fold.waitFor({ timeout: UI_WAIT_MS });
    assert.ok(foldLabel.startsWith('非群成员'), foldLabel);

    const rows = await view.locator('.monaco-list-row[aria-level="2"]').evaluateAll((elements: PageElement[]) =>
      elements.map((e) => [e.querySelector('.label-name')?.textContent?.trim() ?? '', e.getAttribute('aria-label') ?? '']),
    );
    const role = (account: string, word: string) => `${account} · ${zh.t(word)}`;
    assert.deepStrictEqual(
      rows.map(([name]) => name),
      [role('leckie', 'owner'), role('alice', 'admin'), role('peter', 'member'), foldLabel, zh.t('Owner & Admins')],
    );
    assert.strictEqual(rows[1][0], 'alice · 管理员');
    assertChinese(rows[1][1], `alice is an admin of group ${DEMO_GROUPS.work}`, 'the account row\'s aria-label');

    await fold.click();
    await treeRow(view, role('wesley', 'not in group')).waitFor({ timeout: UI_WAIT_MS });
    // For the screenshot (media/zh-cn/tree.png, as media/tree.png): an account selected.
    await treeRow(view, role('peter', 'member')).click();
  });

  it('reads a hover, a diagnostic and an error row in Chinese; a 10010 links Tencent\'s Chinese docs', async function () {
    this.timeout(120_000);
    const { page } = workbench;
    await runCommand(page, zh.command('clearResults'));
    await checkFromEditor(page, DEMO_GROUPS.work);
    await answerAccounts(page, DEMO_GROUPS.work, 'leckie, alice, peter, wesley');
    const view = await openRolesView(page);
    await treeRow(view, `alice · ${zh.t('admin')}`).waitFor({ timeout: UI_WAIT_MS });

    // The hover on a checked group ID: its roles in Chinese. A left click first, as a person would: after the
    // context menu the editor takes the mouse for still pressed, and shows no hover until the next click.
    await clickToken(page, DEMO_GROUPS.work);
    const roles = await hoverShowing(page, editorToken(page, DEMO_GROUPS.work), `alice: ${zh.t('admin')}`);
    assertChinese(await roles.innerText(), 'Chat Roles — 4 checked', 'the group ID\'s hover');
    await page.mouse.move(0, 0);

    await checkFromEditor(page, DEMO_MISSING_GROUP);
    await answerAccounts(page, DEMO_MISSING_GROUP, 'leckie');

    // The error row of the tree and its tooltip, with the advice and the docs link in Chinese.
    const group = treeRow(view, DEMO_MISSING_GROUP);
    await group.waitFor({ timeout: UI_WAIT_MS });
    const error = treeRow(view, `10010 ${zh.t('Group not found')}`);
    if (!(await error.isVisible())) await group.click();
    await error.waitFor({ timeout: UI_WAIT_MS });
    const tooltip = await hoverShowing(page, error, zh.t(GROUP_NOT_FOUND_ADVICE));
    const links = await tooltip.locator('a').evaluateAll((anchors) =>
      (anchors as unknown as PageElement[]).map((a) => a.getAttribute('data-href') ?? a.getAttribute('href')),
    );
    assert.ok(links.includes(CHINESE_ERROR_CODES_PAGE), `links in the tooltip: ${links.join(', ')}`);
    await page.mouse.move(0, 0);

    // The diagnostic in the Problems panel (its title 问题 is the workbench's, from the recipe).
    await page.keyboard.press('Control+Shift+M');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'Chat Roles' });
    await problem.first().waitFor({ timeout: UI_WAIT_MS });
    const problemText = await problem.first().innerText();
    assert.ok(problemText.includes(zh.t('Group not found')), problemText);
    assertChinese(problemText, 'Group not found (10010): The group does not exist or was disbanded.', 'the Problems entry');

    // Last, so that the screenshot (media/zh-cn/screenshot.png, as media/screenshot.png) shows it: the
    // squiggle's hover, the diagnostic in Chinese.
    await openFile(page, SOURCE);
    const squiggle = page.locator('.editor-instance .squiggly-error');
    await squiggle.first().waitFor({ timeout: UI_WAIT_MS });
    await clickToken(page, DEMO_MISSING_GROUP);
    const hover = await hoverShowing(page, squiggle.first(), zh.t('Group not found'));
    assertChinese(await hover.innerText(), 'Group not found (10010): The group does not exist or was disbanded.', 'the squiggle\'s hover');
  });
});
