// Flows 2 and 3: right-click a group ID in a demo source file → Check Roles in Group → the tree shows
// each account's role; a group ID that does not exist gets a squiggle, a Problems entry, a hover and
// the documented quick fixes.
import * as assert from 'assert';
import { DEMO_GROUPS, DEMO_MISSING_GROUP } from '../standin/data/demo-app';
import { useDemoWorkbench } from './demoWorkbench';
import {
  answer,
  chooseMenuItem,
  clickToken,
  editorToken,
  enterDemoSecretKey,
  hoverOver,
  openFile,
  openRolesView,
  quickFixLabels,
  rightClickToken,
  runCommand,
  treeRow,
  UI_WAIT_MS,
} from './person';

const SOURCE = 'src/groups.ts';

describe('UI: checking roles from the editor', () => {
  const workbench = useDemoWorkbench();

  before(async function () {
    this.timeout(60_000);
    await runCommand(workbench.page, 'Chat Roles: Set Credentials…');
    await enterDemoSecretKey(workbench.page);
  });

  it('right-click a group ID → Check Roles in Group → accounts → the tree shows each role', async () => {
    const { page } = workbench;
    await openFile(page, SOURCE);
    await rightClickToken(page, DEMO_GROUPS.work);
    await chooseMenuItem(page, 'Check Roles in Group');
    await answer(page, `accounts to check in ${DEMO_GROUPS.work}`, 'leckie, alice, peter, wesley');

    const view = await openRolesView(page);
    const group = treeRow(view, DEMO_GROUPS.work);
    await group.waitFor({ timeout: UI_WAIT_MS });
    assert.match(await group.innerText(), /1 owner · 1 admin · 1 member · 1 not in group/);
    for (const row of ['leckie · owner', 'alice · admin', 'peter · member', 'wesley · not in group']) await treeRow(view, row).waitFor({ timeout: UI_WAIT_MS });
  });

  it('a missing group gets a squiggle, a Problems entry, a hover and the documented quick fixes', async () => {
    const { page } = workbench;
    await openFile(page, SOURCE);
    await rightClickToken(page, DEMO_MISSING_GROUP);
    await chooseMenuItem(page, 'Check Roles in Group');
    await answer(page, `accounts to check in ${DEMO_MISSING_GROUP}`, 'leckie');

    // The squiggle sits on the ID's line, under the ID.
    const squiggle = page.locator('.editor-instance .squiggly-error');
    await squiggle.first().waitFor({ timeout: UI_WAIT_MS });
    const token = await editorToken(page, DEMO_MISSING_GROUP).boundingBox();
    const mark = await squiggle.first().boundingBox();
    assert.ok(token && mark, 'the ID or its squiggle is not on screen');
    assert.ok(Math.abs(mark.y - token.y) < token.height, 'the squiggle is not on the line of the missing ID');
    assert.ok(mark.x >= token.x - 1 && mark.x + mark.width <= token.x + token.width + 1, 'the squiggle is not under the missing ID');

    await page.keyboard.press('Control+Shift+M');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'Chat Roles' });
    await problem.first().waitFor({ timeout: UI_WAIT_MS });
    const problemText = await problem.first().innerText();
    assert.match(problemText, /10010/);
    assert.match(problemText, /not exist|not found/i);

    // Ctrl+. with the cursor on the ID, back in the editor.
    await clickToken(page, DEMO_MISSING_GROUP);
    const fixes = await quickFixLabels(page);
    assert.ok(fixes.includes('Open documentation for 10010'), `quick fixes: ${fixes.join(' | ')}`);
    assert.ok(!fixes.includes('Set Credentials…'), 'a missing group is not a credential problem');

    // Last, so that the screenshot shows it: hovering the squiggle shows the message.
    await hoverOver(page, squiggle.first());
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: '10010' });
    await hover.first().waitFor({ timeout: UI_WAIT_MS });
    assert.match(await hover.first().innerText(), /does not exist|disbanded/i);
  });
});
