// Flow 4: a UserSig that has expired gives the credential notification and the "Set Credentials…" fix.
// The guided input refuses a UserSig that has already expired, so the test pastes one issued 30 days
// ago that lives a few seconds more, and waits (bounded) for the status bar to say it has expired.
import * as assert from 'assert';
// Tencent's own generator, with its clock stubbed to issue the UserSig in the past.
import { Api } from 'tls-sig-api-v2';
import { DEMO_ADMIN, DEMO_GROUPS, DEMO_SDK_APP_ID, DEMO_SECRET_KEY } from '../standin/data/demo-app';
import { useDemoWorkbench } from './demoWorkbench';
import {
  answer,
  chooseMenuItem,
  clickToken,
  notificationsInCenter,
  openFile,
  pick,
  quickFixLabels,
  rightClickToken,
  runCommand,
  statusBarItem,
  UI_WAIT_MS,
  waitForQuickInput,
} from './person';


const ISSUED_DAYS_AGO = 30;
/** Long enough to get through the last input step, short enough to wait for. */
const SECONDS_LEFT = 12;

function userSigExpiringSoon(): string {
  const realNow = Date.now;
  const issuedAt = realNow() - ISSUED_DAYS_AGO * 86_400_000;
  Date.now = () => issuedAt;
  try {
    return new Api(DEMO_SDK_APP_ID, DEMO_SECRET_KEY).genUserSig(DEMO_ADMIN, ISSUED_DAYS_AGO * 86_400 + SECONDS_LEFT);
  } finally {
    Date.now = realNow;
  }
}

describe('UI: an expired UserSig', () => {
  const workbench = useDemoWorkbench();

  it('shows the credential notification and offers the Set Credentials… fix', async function () {
    this.timeout(120_000); // includes waiting for the UserSig to expire
    const { page } = workbench;
    await runCommand(page, 'Chat Roles: Set Credentials…');
    await answer(page, /1\/5/, String(DEMO_SDK_APP_ID));
    await waitForQuickInput(page, /2\/5/);
    await page.keyboard.press('Enter');
    await pick(page, /3\/5/, 'Follow the settings');
    await pick(page, /4\/5/, 'UserSig');
    await answer(page, /5\/5/, userSigExpiringSoon());
    await statusBarItem(page, `Chat ${DEMO_SDK_APP_ID} · ${DEMO_ADMIN} ·`).waitFor({ timeout: UI_WAIT_MS });
    await statusBarItem(page, 'UserSig expired').waitFor({ timeout: (SECONDS_LEFT + 10) * 1000 });

    await openFile(page, 'src/groups.ts');
    await rightClickToken(page, DEMO_GROUPS.work);
    await chooseMenuItem(page, 'Check Roles in Group');
    await answer(page, `accounts to check in ${DEMO_GROUPS.work}`, 'leckie, peter');

    const entries = await notificationsInCenter(page, /UserSig expired/);
    await entries.first().waitFor({ timeout: UI_WAIT_MS });
    assert.strictEqual(await entries.count(), 1, 'one notification, not one per group');
    await entries.getByRole('button', { name: 'Set Credentials…' }).waitFor({ timeout: UI_WAIT_MS });
    await page.keyboard.press('Escape'); // closes the center
    // Nothing was sent with a UserSig known to be expired.
    assert.strictEqual(workbench.standIn.requests.filter((r) => r.api === 'get_role_in_group').length, 0);

    await page.locator('.editor-instance .squiggly-error, .editor-instance .squiggly-warning').first().waitFor({ timeout: UI_WAIT_MS });
    await clickToken(page, DEMO_GROUPS.work);
    const fixes = await quickFixLabels(page);
    assert.ok(fixes.includes('Set Credentials…'), `quick fixes: ${fixes.join(' | ')}`);
  });
});
