import * as assert from 'assert';
import { useWorkbench } from './workbench';

/** The view container's tab; its label sits on the inner action link. */
const CHAT_ROLES_TAB = '.part.activitybar li[role="tab"]:has(a.action-label[aria-label="Chat Roles"])';

describe('activity bar', () => {
  const workbench = useWorkbench();

  it('shows the Chat Roles view container', async () => {
    const tab = workbench.page.locator(CHAT_ROLES_TAB);
    await tab.waitFor({ state: 'visible', timeout: 30_000 });
    assert.strictEqual(await tab.count(), 1);
    // Drawn from the extension's own media/roles.svg, not a placeholder codicon.
    assert.ok(await tab.locator('a.action-label.uri-icon').isVisible(), 'the tab has no icon from the extension');
  });

  it('opens the welcome view with a Set Credentials… button when no credentials are set', async () => {
    const { page } = workbench;
    await page.locator(CHAT_ROLES_TAB).click();
    const sidebar = page.locator('.part.sidebar');
    await sidebar.locator('.composite.title', { hasText: /chat roles/i }).waitFor({ state: 'visible', timeout: 15_000 });
    const welcome = sidebar.locator('.welcome-view-content');
    await welcome.getByText('First, tell Chat Roles which app to ask.', { exact: false }).waitFor({ state: 'visible', timeout: 15_000 });
    const button = welcome.getByRole('button', { name: 'Set Credentials…', exact: true });
    await button.waitFor({ state: 'visible', timeout: 15_000 });
    assert.strictEqual(await button.count(), 1);
  });
});
