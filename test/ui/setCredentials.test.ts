// Flow 1: the welcome view offers to set credentials, and the real input boxes set them.
import * as assert from 'assert';
import { DEMO_ADMIN, DEMO_SDK_APP_ID } from '../standin/data/demo-app';
import { useDemoWorkbench } from './demoWorkbench';
import { enterDemoSecretKey, openRolesView, statusBarItem, UI_WAIT_MS } from './person';

describe('UI: setting credentials from the welcome view', () => {
  const workbench = useDemoWorkbench();

  it('offers Set Credentials… and stores what is typed and pasted into the guided input', async () => {
    const { page } = workbench;
    const view = await openRolesView(page);
    const welcome = view.locator('.welcome-view-content');
    const button = welcome.getByRole('button', { name: 'Set Credentials…', exact: true });
    await button.waitFor({ timeout: UI_WAIT_MS });
    assert.strictEqual(await statusBarItem(page, /Chat \d+/).count(), 0, 'the status bar shows an app before any credentials were set');

    await button.click();
    await enterDemoSecretKey(page);

    const status = statusBarItem(page, `Chat ${DEMO_SDK_APP_ID} · ${DEMO_ADMIN}`);
    await status.waitFor({ timeout: UI_WAIT_MS });
    // The welcome view moves on to how to check, and the button is gone.
    await welcome.getByRole('button', { name: 'Check Roles in Group', exact: true }).waitFor({ timeout: UI_WAIT_MS });
    assert.strictEqual(await button.count(), 0);
  });
});
