// What a person does in the workbench, with keyboard and mouse: open a file, run a command from the
// palette, answer the quick input, right-click a word, read the tree, the Problems panel, a hover.
// Every wait is bounded; none is a fixed sleep.
import type { Locator, Page } from 'playwright-core';
import { DEMO_ADMIN, DEMO_SDK_APP_ID, DEMO_SECRET_KEY } from '../standin/data/demo-app';

/** Long enough for a cold extension host on 2 cores, short enough to fail well inside mocha's timeout. */
export const UI_WAIT_MS = 20_000;

export const CHAT_ROLES_TAB = '.part.activitybar li[role="tab"]:has(a.action-label[aria-label="Chat Roles"])';

export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/** Waits until the quick input shows `title` (e.g. a step of a guided input) with its box focused. */
export async function waitForQuickInput(page: Page, title: string | RegExp): Promise<Locator> {
  const widget = quickInput(page);
  await widget.locator('.quick-input-title', { hasText: title }).waitFor({ timeout: UI_WAIT_MS });
  await widget.locator('input:focus').waitFor({ timeout: UI_WAIT_MS });
  return widget;
}

/** Replaces the box's text (as a paste does) and presses Enter. */
export async function answer(page: Page, title: string | RegExp, value: string): Promise<void> {
  const widget = await waitForQuickInput(page, title);
  await widget.locator('input:focus').fill(value);
  await page.keyboard.press('Enter');
}

/** Picks the quick pick row labelled `label` with the arrow keys and Enter. */
export async function pick(page: Page, title: string | RegExp, label: string): Promise<void> {
  const widget = await waitForQuickInput(page, title);
  const row = widget.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: label }) });
  await row.waitFor({ timeout: UI_WAIT_MS });
  for (let i = 0; i < 20 && !(await row.getAttribute('class'))?.includes('focused'); i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

/** F1, type the command's title, Enter on the exact entry. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const widget = quickInput(page);
  await widget.locator('input:focus').waitFor({ timeout: UI_WAIT_MS });
  await page.keyboard.type(title);
  const entry = widget.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await entry.waitFor({ timeout: UI_WAIT_MS }).catch(async (e: Error) => {
    throw new Error(`${e.message}\nthe palette shows: ${await widget.innerText().catch(() => '(nothing)')}`);
  });
  await page.keyboard.press('Enter');
}

/** Ctrl+P, the file's path, Enter; resolves when its editor tab is active. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const widget = quickInput(page);
  await widget.locator('input:focus').waitFor({ timeout: UI_WAIT_MS });
  await page.keyboard.type(relativePath);
  const name = relativePath.split('/').pop()!;
  await widget.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: UI_WAIT_MS });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: UI_WAIT_MS });
  await page.locator('.editor-instance .monaco-editor.focused').waitFor({ timeout: UI_WAIT_MS });
}

/** The rendered token of the active editor whose text contains `text` (a string literal, say). */
export function editorToken(page: Page, text: string): Locator {
  return page.locator('.editor-instance .view-line span[class^="mtk"]', { hasText: text }).first();
}

/** Clicks inside the token (the cursor lands in it), then opens the editor's context menu there. */
export async function rightClickToken(page: Page, text: string): Promise<void> {
  const token = editorToken(page, text);
  await token.waitFor({ timeout: UI_WAIT_MS });
  await token.click();
  await token.click({ button: 'right' });
  await page.locator('.context-view .monaco-menu').waitFor({ timeout: UI_WAIT_MS });
}

export async function chooseMenuItem(page: Page, label: string): Promise<void> {
  await page.locator('.context-view .monaco-menu').getByRole('menuitem', { name: label, exact: true }).click();
}

/** The Chat Roles sidebar (opened from its activity bar tab if needed). */
export async function openRolesView(page: Page): Promise<Locator> {
  const view = page.locator('.part.sidebar');
  const open = view.locator('.composite.title', { hasText: /chat roles/i });
  if (!(await open.isVisible())) await page.locator(CHAT_ROLES_TAB).click();
  await open.waitFor({ timeout: UI_WAIT_MS });
  return view;
}

/** The roles tree's row whose label is `label` (a group ID or an account). */
export function treeRow(view: Locator, label: string): Locator {
  return view.locator('.monaco-list-row', { has: view.page().locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) });
}

export function statusBarItem(page: Page, text: string | RegExp): Locator {
  return page.locator('.part.statusbar .statusbar-item', { hasText: text });
}

export function notification(page: Page, text: string | RegExp): Locator {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text });
}

/** Hovers the middle of an element the editor draws under its text (a squiggle), as a mouse would. */
export async function hoverOver(page: Page, target: Locator): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error('nothing to hover: the element is not visible');
  await page.mouse.move(box.x + box.width / 2, box.y - 40, { steps: 2 });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
}

/** Ctrl+. at the cursor; resolves to the labels the quick fix menu offers. */
export async function quickFixLabels(page: Page): Promise<string[]> {
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget .monaco-list').first();
  await menu.waitFor({ timeout: UI_WAIT_MS });
  const labels = await menu.locator('.monaco-list-row.action .title').allInnerTexts();
  await page.keyboard.press('Escape');
  return labels.map((l) => l.trim());
}

/**
 * The guided Set Credentials input, once it is open, answered as the demo README says: type the
 * SDKAppID, keep the identifier, choose Secret key, paste the key.
 */
export async function enterDemoSecretKey(page: Page): Promise<void> {
  await answer(page, /Set Credentials.*1\/4/, String(DEMO_SDK_APP_ID));
  const identifier = await waitForQuickInput(page, /2\/4/);
  if ((await identifier.locator('input:focus').inputValue()) !== DEMO_ADMIN) throw new Error(`the identifier step is not prefilled with ${DEMO_ADMIN}`);
  await page.keyboard.press('Enter');
  await pick(page, /3\/4/, 'Secret key');
  await answer(page, /4\/4/, DEMO_SECRET_KEY);
  await statusBarItem(page, `Chat ${DEMO_SDK_APP_ID}`).waitFor({ timeout: UI_WAIT_MS });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
