// The Get Started walkthrough as a new user meets it: opened from the empty Roles view's link, each
// step's own button pressed, what it asks for done, and the step's check mark read from the page. The
// walkthrough's images (media/walkthrough/*.png) are cropped from these moments: each test saves its crop
// as walkthrough-<step>.png next to the run's screenshots.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { DEMO_GROUPS, DEMO_MISSING_GROUP } from '../standin/data/demo-app';
import { useDemoWorkbench } from './demoWorkbench';
import { chooseMenuItem, enterDemoSecretKey, openRolesView, treeRow, UI_WAIT_MS, waitForQuickInput } from './person';

const WALKTHROUGH = 'chat-roles.chat-roles#getStarted';
const STEPS = ['setCredentials', 'checkFromSelection', 'readResults', 'workOffline'];

function step(page: Page, id: string): Locator {
  return page.locator(`.getting-started-step[data-step-id="${WALKTHROUGH}#${id}"]`);
}

/** The step's check mark, as the page draws it (a checkbox role with aria-checked). */
function checkMark(page: Page, id: string): Locator {
  return page.locator(`[data-done-step-id="${WALKTHROUGH}#${id}"]`);
}

async function waitUntilDone(page: Page, id: string): Promise<void> {
  await showWalkthrough(page);
  await page.locator(`[data-done-step-id="${WALKTHROUGH}#${id}"][aria-checked="true"]`).waitFor({ timeout: UI_WAIT_MS });
}

/** Brings the walkthrough's editor tab (titled Welcome) to the front. */
async function showWalkthrough(page: Page): Promise<void> {
  if (await step(page, STEPS[0]).isVisible()) return;
  // The pointer moves off the last button first: the hover it left open would take the click.
  await page.mouse.move(640, 790);
  await page.keyboard.press('Escape');
  await page.locator('.tabs-container .tab', { hasText: 'Welcome' }).click({ timeout: UI_WAIT_MS });
  await step(page, STEPS[0]).waitFor({ timeout: UI_WAIT_MS });
}

/** Expands the step (a click on its title) and presses its button labelled `label`. */
async function pressStepButton(page: Page, id: string, label: string): Promise<void> {
  await showWalkthrough(page);
  const target = step(page, id);
  if ((await target.getAttribute('aria-expanded')) !== 'true') await target.locator('.step-title').click();
  await target.locator('.button-container').getByRole('button', { name: label, exact: true }).click({ timeout: UI_WAIT_MS });
}

/** Saves the part of the page inside `box` (plus a margin) as walkthrough-<name>.png, for media/walkthrough/. */
async function saveImage(page: Page, name: string, box: { x: number; y: number; width: number; height: number }): Promise<void> {
  const dir = process.env.CHAT_ROLES_UI_SCREENSHOTS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const x = Math.max(0, box.x - 12);
  const y = Math.max(0, box.y - 12);
  const clip = { x, y, width: Math.min(viewport.width - x, box.width + 24), height: Math.min(viewport.height - y, box.height + 24) };
  await page.screenshot({ path: path.join(dir, `walkthrough-${name}.png`), clip });
}

async function boxOf(target: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await target.boundingBox();
  if (!box) throw new Error('the element is not on screen');
  return box;
}

describe('UI: the Get Started walkthrough', () => {
  const workbench = useDemoWorkbench();

  it('opens from the link in the empty Roles view, with its four steps still to do', async () => {
    const { page } = workbench;
    const view = await openRolesView(page);
    await view.locator('.welcome-view-content').getByRole('button', { name: 'Get Started walkthrough' }).click({ timeout: UI_WAIT_MS });
    await page.locator('h2.category-title', { hasText: 'Get Started with Chat Roles' }).waitFor({ timeout: UI_WAIT_MS });
    for (const id of STEPS) assert.strictEqual(await checkMark(page, id).getAttribute('aria-checked'), 'false', `${id} starts done`);
  });

  it('Add your credentials: its button opens the guided input, and the step checks itself once they are set', async () => {
    const { page } = workbench;
    await pressStepButton(page, 'setCredentials', 'Set Credentials…');
    const input = await waitForQuickInput(page, /Set Credentials.*1\/5/);
    await saveImage(page, 'credentials', await boxOf(input));
    await enterDemoSecretKey(page);
    await waitUntilDone(page, 'setCredentials');
  });

  it('Check a group from a selection: the sample opens untitled; Select All, context menu, both groups are checked', async () => {
    const { page } = workbench;
    await pressStepButton(page, 'checkFromSelection', 'Open Sample Request');
    await page.locator('.tabs-container .tab.active', { hasText: 'Untitled' }).waitFor({ timeout: UI_WAIT_MS });
    const editor = page.locator('.editor-instance .monaco-editor.focused');
    await editor.waitFor({ timeout: UI_WAIT_MS });
    // Measured now: the context menu takes the focus, and with it the editor's .focused.
    const editorBox = await boxOf(editor);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Shift+F10');
    const menu = page.locator('.context-view .monaco-menu');
    await menu.getByRole('menuitem', { name: 'Check Roles in Group', exact: true }).waitFor({ timeout: UI_WAIT_MS });
    const menuBox = await boxOf(menu);
    const right = Math.max(menuBox.x + menuBox.width, editorBox.x + 560);
    await saveImage(page, 'check', { x: editorBox.x, y: editorBox.y, width: right - editorBox.x, height: Math.max(menuBox.y + menuBox.height, editorBox.y + 200) - editorBox.y });
    await chooseMenuItem(page, 'Check Roles in Group');

    // No accounts prompt: the selected body's User_Account list is used for both group IDs.
    const view = await openRolesView(page);
    await treeRow(view, DEMO_GROUPS.work).waitFor({ timeout: UI_WAIT_MS });
    assert.match(await treeRow(view, DEMO_GROUPS.work).innerText(), /1 owner · 1 member · 1 not in group/);
    await treeRow(view, DEMO_MISSING_GROUP).waitFor({ timeout: UI_WAIT_MS });
    await page.locator('.editor-instance .squiggly-error').first().waitFor({ timeout: UI_WAIT_MS });
    const sidebar = await boxOf(page.locator('.part.sidebar'));
    await saveImage(page, 'results', { x: sidebar.x, y: sidebar.y, width: 860, height: 360 });
    await waitUntilDone(page, 'checkFromSelection');
  });

  it('Read the tree and the diagnostic: Show Problems lists the missing group, and the step checks itself', async () => {
    const { page } = workbench;
    await pressStepButton(page, 'readResults', 'Show Problems');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: DEMO_MISSING_GROUP });
    await problem.first().waitFor({ timeout: UI_WAIT_MS });
    assert.match(await problem.first().innerText(), /10010/);
    await waitUntilDone(page, 'readResults');
  });

  it('Work offline with the stand-in: Set the Endpoint opens the setting, and the step checks itself once it changes', async () => {
    const { page } = workbench;
    await pressStepButton(page, 'workOffline', 'Set the Endpoint');
    const settings = page.locator('.settings-editor');
    const box = settings.locator('.setting-item-contents', { hasText: 'custom origin' }).locator('input').first();
    await box.waitFor({ timeout: UI_WAIT_MS });
    await box.fill('http://127.0.0.1:8124');
    await page.keyboard.press('Tab');
    const body = await boxOf(settings);
    const header = await boxOf(settings.locator('.settings-header'));
    await saveImage(page, 'offline', { x: body.x, y: header.y, width: Math.min(body.width, 880), height: 230 });
    await waitUntilDone(page, 'workOffline');
  });
});
