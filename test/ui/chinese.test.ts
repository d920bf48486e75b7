// The UI in Simplified Chinese: the workbench started in zh-cn with the recipe of test/host/displayLanguage.ts
// (no language pack from a registry), the packaged extension installed. The workbench's own strings come
// out in Chinese, and the extension host runs in zh-cn: VS Code hands the extension its zh-cn bundle (the
// error catalogue reads in Chinese) and vscode.env.language picks Tencent's Chinese docs.
import * as assert from 'assert';
import { DEMO_MISSING_GROUP } from '../standin/data/demo-app';
import { useDemoWorkbench } from './demoWorkbench';
import { answer, chooseMenuItem, enterDemoSecretKey, hoverOver, openFile, openRolesView, rightClickToken, runCommand, treeRow, UI_WAIT_MS, type PageElement } from './person';

/** Tencent's Chinese error-code list: the 10010 link for a zh-cn display language (src/chat/docs.ts). */
const CHINESE_ERROR_CODES_PAGE = 'https://cloud.tencent.com/document/product/269/1671';

describe('UI: the workbench in Simplified Chinese', () => {
  const workbench = useDemoWorkbench({ displayLanguage: 'zh-cn' });

  it('shows the workbench\'s own strings in Chinese', async () => {
    const explorer = workbench.page.locator('.part.activitybar li[role="tab"] a.action-label[aria-label^="资源管理器"]');
    await explorer.waitFor({ timeout: UI_WAIT_MS });
    assert.strictEqual(await explorer.count(), 1);
  });

  it('runs the extension in zh-cn: a 10010 reads in Chinese and links Tencent\'s Chinese docs', async () => {
    const { page } = workbench;
    await runCommand(page, 'Chat Roles: Set Credentials…');
    await enterDemoSecretKey(page);
    await openFile(page, 'src/groups.ts');
    await rightClickToken(page, DEMO_MISSING_GROUP);
    await chooseMenuItem(page, 'Check Roles in Group');
    await answer(page, `accounts to check in ${DEMO_MISSING_GROUP}`, 'leckie');

    const view = await openRolesView(page);
    const group = treeRow(view, DEMO_MISSING_GROUP);
    await group.waitFor({ timeout: UI_WAIT_MS });
    const error = treeRow(view, '10010 群组不存在');
    if (!(await error.isVisible())) await group.click();
    await error.waitFor({ timeout: UI_WAIT_MS });

    // Last, so that the screenshot shows it: the error's tooltip, with the advice and the docs link.
    await hoverOver(page, error);
    const tooltip = page.locator('.monaco-hover:not(.hidden)', { hasText: '群组不存在或已被解散' });
    await tooltip.first().waitFor({ timeout: UI_WAIT_MS });
    const links = await tooltip.first().locator('a').evaluateAll((anchors) =>
      (anchors as unknown as PageElement[]).map((a) => a.getAttribute('data-href') ?? a.getAttribute('href')),
    );
    assert.ok(links.includes(CHINESE_ERROR_CODES_PAGE), `links in the tooltip: ${links.join(', ')}`);
  });
});
