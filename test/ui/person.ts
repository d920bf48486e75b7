// What a person does in the workbench, with keyboard and mouse: open a file, run a command from the
// palette, answer the quick input, right-click a word, read the tree, the Problems panel, a hover.
// Every wait is bounded; none is a fixed sleep.
import type { Locator, Page } from 'playwright-core';
import { DEMO_ADMIN, DEMO_SDK_APP_ID, DEMO_SECRET_KEY } from '../standin/data/demo-app';

/** Long enough for a cold extension host on 2 cores, short enough to fail well inside mocha's timeout. */
export const UI_WAIT_MS = 20_000;

/** The little of a DOM element that callbacks run in the page use (this program is typed for Node, without the DOM). */
export interface PageElement {
  readonly textContent: string | null;
  closest(selector: string): PageElement | null;
  querySelector(selector: string): PageElement | null;
  getAttribute(name: string): string | null;
}

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

/** Presses `key` to open a quick input (F1, Ctrl+P), types `text`, and presses Enter once a row shows `row`. */
async function typeIntoQuickOpen(page: Page, key: string, text: string, row: string): Promise<void> {
  await page.keyboard.press(key);
  const widget = quickInput(page);
  await widget.locator('input:focus').waitFor({ timeout: UI_WAIT_MS });
  await page.keyboard.type(text);
  const entry = widget.locator('.quick-input-list .monaco-list-row', { hasText: row }).first();
  await entry.waitFor({ timeout: UI_WAIT_MS }).catch(async (e: Error) => {
    throw new Error(`${e.message}\nthe quick input shows: ${await widget.innerText().catch(() => '(nothing)')}`);
  });
  await page.keyboard.press('Enter');
}

/** F1, type the command's title, Enter on the exact entry. */
export function runCommand(page: Page, title: string): Promise<void> {
  return typeIntoQuickOpen(page, 'F1', title, title);
}

/** Ctrl+P, the file's path, Enter; resolves when its editor tab is active. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  const name = relativePath.split('/').pop()!;
  await typeIntoQuickOpen(page, 'Control+P', relativePath, name);
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: UI_WAIT_MS });
  await page.locator('.editor-instance .monaco-editor.focused').waitFor({ timeout: UI_WAIT_MS });
}

/** The rendered token of the active editor whose text contains `text` (a string literal, say). */
export function editorToken(page: Page, text: string): Locator {
  return page.locator('.editor-instance .view-line span[class^="mtk"]', { hasText: text }).first();
}

/**
 * Clicks the middle of a token with the mouse (a right-click opens the context menu there). Not
 * locator.click(): its scroll-into-view shifts the editor's DOM under Monaco's own scrolling. While a
 * file is still opening (fonts measured, semantic tokens redrawn) a click can put the cursor elsewhere
 * on the line, as a person sometimes sees: then the click is repeated, a few times at most.
 */
export async function clickToken(page: Page, text: string, button: 'left' | 'right' = 'left'): Promise<void> {
  const token = editorToken(page, text);
  await token.waitFor({ timeout: UI_WAIT_MS });
  await page.evaluate('document.fonts.ready.then(() => undefined)');
  const menu = page.locator('.context-view .monaco-menu');
  // Where the cursor must land, read as a person reads it: "Ln x, Col y" in the status bar.
  const lineText = (await token.evaluate((e: PageElement) => e.closest('.view-line')?.textContent ?? '')).replace(/\u00a0/g, ' ');
  const first = lineText.indexOf(text) + 1;
  const columns = Array.from({ length: text.length + 1 }, (_, i) => first + i).join('|');
  const landed = statusBarItem(page, new RegExp(`^Ln \\d+, Col (${columns})$`));
  for (let attempt = 1; ; attempt++) {
    const box = await stableBox(page, token);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { button });
    if (button === 'right') await menu.waitFor({ timeout: UI_WAIT_MS });
    try {
      await landed.waitFor({ timeout: 2000 });
      return;
    } catch (e) {
      if (attempt === 5) throw new Error(`clicking ${text} never put the cursor in it: ${(e as Error).message}`, { cause: e });
    }
    if (button === 'right') {
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'hidden', timeout: UI_WAIT_MS });
    }
  }
}

function nextFrames(page: Page): Promise<unknown> {
  // Runs in the browser, where requestAnimationFrame exists (this file is type-checked for Node).
  return page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
}

type Box = NonNullable<Awaited<ReturnType<Locator['boundingBox']>>>;

/** The element's box once it stays put for two frames (a file just opened is still being laid out). */
async function stableBox(page: Page, target: Locator): Promise<Box> {
  let last = await target.boundingBox();
  for (let i = 0; i < 50; i++) {
    await nextFrames(page);
    const box = await target.boundingBox();
    if (box && last && box.x === last.x && box.y === last.y && box.width === last.width) return box;
    last = box;
  }
  throw new Error('the element never stopped moving');
}

/** Clicks inside the token (the cursor lands in it), then opens the editor's context menu there. */
export async function rightClickToken(page: Page, text: string): Promise<void> {
  await clickToken(page, text);
  await clickToken(page, text, 'right');
}

/**
 * Clicks a context menu item. The editor's menu is re-rendered while language features come in, and
 * a click that lands during that is lost: then the menu is still open and the click is repeated.
 */
export async function chooseMenuItem(page: Page, label: string): Promise<void> {
  const menu = page.locator('.context-view .monaco-menu');
  for (let attempt = 1; ; attempt++) {
    await menu.getByRole('menuitem', { name: label, exact: true }).click({ timeout: UI_WAIT_MS });
    try {
      await menu.waitFor({ state: 'hidden', timeout: 3000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
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

/** A toast. Only where the smoke-test driver is off: with it on, the workbench shows no toasts at all. */
export function notification(page: Page, text: string | RegExp): Locator {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text });
}

/**
 * Opens the notification center from the status bar's bell and returns its entries matching `text`.
 * UI tests look here because the test workbench runs with the smoke-test driver, which hides toasts.
 */
export async function notificationsInCenter(page: Page, text: string | RegExp): Promise<Locator> {
  const center = page.locator('.notifications-center');
  if (!(await center.isVisible())) {
    await page.locator('.part.statusbar .statusbar-item[aria-label*="Notifications"]').first().click();
    // Off the bell: its tooltip would stay up and cover the entries' buttons.
    await page.mouse.move(0, 0);
  }
  await center.waitFor({ timeout: UI_WAIT_MS });
  return center.locator('.notification-list-item', { hasText: text });
}

/** Closes the notification center (its header's Hide button) if it is open, so it covers nothing. */
export async function closeNotificationsCenter(page: Page): Promise<void> {
  const center = page.locator('.notifications-center');
  if (!(await center.isVisible())) return;
  await center.locator('.notifications-center-header .codicon-notifications-hide').click();
  await center.waitFor({ state: 'hidden', timeout: UI_WAIT_MS });
}

/** Hovers the middle of an element the editor draws under its text (a squiggle), as a mouse would. */
export async function hoverOver(page: Page, target: Locator): Promise<void> {
  const box = await stableBox(page, target);
  await page.mouse.move(box.x + box.width / 2, box.y - 40, { steps: 2 });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
}

/**
 * Ctrl+. at the cursor; resolves to the labels the quick fix menu offers. The key is pressed again when no
 * menu follows (seen once in a clean-clone run: the lightbulb was shown, the press was lost), within the
 * same overall wait.
 */
export async function quickFixLabels(page: Page): Promise<string[]> {
  const menu = page.locator('.action-widget .monaco-list').first();
  const tries = 3;
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    try {
      await menu.waitFor({ timeout: UI_WAIT_MS / tries });
      break;
    } catch (err) {
      if (attempt >= tries) throw err;
    }
  }
  const labels = await menu.locator('.monaco-list-row.action .title').allInnerTexts();
  await page.keyboard.press('Escape');
  return labels.map((l) => l.trim());
}

/** The words of the guided Set Credentials input that a person goes by: its title and the two choices. */
export interface CredentialsInputWords {
  /** The input's title, without the step ("Chat Roles: Set Credentials"). */
  title: string;
  followSettings: string;
  secretKey: string;
  /** What the status bar item shows once the credentials are stored (English: "Chat 1400000042"). */
  statusBar: string;
  /** Called once each step (1–5) is showing, before it is answered: a test reads the step there. */
  onStep?: (step: number) => Promise<void>;
}

const ENGLISH_CREDENTIALS_INPUT: CredentialsInputWords = {
  title: 'Set Credentials',
  followSettings: 'Follow the settings',
  secretKey: 'Secret key',
  statusBar: `Chat ${DEMO_SDK_APP_ID}`,
};

/**
 * The guided Set Credentials input, once it is open, answered as the demo README says: type the
 * SDKAppID, keep the identifier, follow the settings, choose Secret key, paste the key. `words` are the
 * input's words in the display language (English by default).
 */
export async function enterDemoSecretKey(page: Page, words: CredentialsInputWords = ENGLISH_CREDENTIALS_INPUT): Promise<void> {
  const step = async (n: number): Promise<RegExp> => {
    const title = new RegExp(`${escapeRegExp(words.title)}.*${n}/5`);
    if (words.onStep) {
      await waitForQuickInput(page, title);
      await words.onStep(n);
    }
    return title;
  };
  await answer(page, await step(1), String(DEMO_SDK_APP_ID));
  const identifier = await waitForQuickInput(page, await step(2));
  if ((await identifier.locator('input:focus').inputValue()) !== DEMO_ADMIN) throw new Error(`the identifier step is not prefilled with ${DEMO_ADMIN}`);
  await page.keyboard.press('Enter');
  // The demo's endpoint is in the user settings: the new app follows them.
  await pick(page, await step(3), words.followSettings);
  await pick(page, await step(4), words.secretKey);
  await answer(page, await step(5), DEMO_SECRET_KEY);
  await statusBarItem(page, words.statusBar).waitFor({ timeout: UI_WAIT_MS });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
