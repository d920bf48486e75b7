// Flow 5: a check of 1,200 accounts (more than one 500-account request) shows every account in the
// tree. The tree is virtualised, so the test pages through it with the keyboard and reads every row.
import * as assert from 'assert';
import * as fs from 'fs';
import { DEMO_DATA_FILE, DEMO_GROUPS } from '../standin/data/demo-app';
import { roleWord, sortByRole } from '../../src/ui/roleWords';
import type { SeedData } from '../standin/types';
import { useDemoWorkbench } from './demoWorkbench';
import { answer, chooseMenuItem, enterDemoSecretKey, openFile, openRolesView, type PageElement, rightClickToken, runCommand, treeRow } from './person';

interface Row {
  account: string;
  role: string;
  position: number;
  setSize: number;
}

describe('UI: a check of more than 500 accounts', () => {
  const workbench = useDemoWorkbench();
  const seed = JSON.parse(fs.readFileSync(DEMO_DATA_FILE, 'utf8')) as SeedData;
  // As the tree lists them: owner, admins, members, each in the order checked.
  const members = sortByRole(seed.groups.find((g) => g.groupId === DEMO_GROUPS.allHands)!.members);

  before(async function () {
    this.timeout(60_000);
    await runCommand(workbench.page, 'Chat Roles: Set Credentials…');
    await enterDemoSecretKey(workbench.page);
  });

  it(`shows all ${members.length} accounts of the All hands group with their roles`, async function () {
    this.timeout(120_000);
    assert.ok(members.length > 1000);
    const { page, standIn } = workbench;
    await openFile(page, 'src/groups.ts');
    await rightClickToken(page, DEMO_GROUPS.allHands);
    await chooseMenuItem(page, 'Check Roles in Group');
    // Pasting a long list into the accounts box, as someone copying it from a spreadsheet would.
    await answer(page, `accounts to check in ${DEMO_GROUPS.allHands}`, members.map((m) => m.account).join('\n'));

    const view = await openRolesView(page);
    const group = treeRow(view, DEMO_GROUPS.allHands);
    await group.waitFor({ timeout: 60_000 });
    const count = (role: string) => members.filter((m) => m.role === role).length;
    const n = (k: number) => k.toLocaleString('en-US');
    assert.ok((await group.innerText()).includes(`1 owner · ${n(count('Admin'))} admins · ${n(count('Member'))} members`));

    // The requests really crossed the 500-account limit: several batches, none over 500.
    const batches = standIn.requests.filter((r) => r.api === 'get_role_in_group' && r.groupId === DEMO_GROUPS.allHands);
    assert.ok(batches.length >= 3, `${batches.length} requests`);
    assert.ok(batches.every((r) => (r.accounts?.length ?? 0) <= 500));

    // Page through the tree from its first account to its last, reading each rendered row; each
    // PageDown moves the focus a page on, and the rows are read once the focused row has changed.
    const seen = new Map<string, Row>();
    const focusedPosition = () => view.locator('.monaco-list-row.focused').getAttribute('aria-posinset', { timeout: 5000 });
    await treeRow(view, `${members[0].account} · ${roleWord(members[0].role)}`).click();
    const last = members[members.length - 1].account;
    for (let i = 0; i < 200; i++) {
      const rows = await view.locator('.monaco-list-row[aria-level="2"]').evaluateAll((elements: PageElement[]) =>
        elements.map((e) => ({
          // "alice · admin": the account, then the role word.
          account: (e.querySelector('.label-name')?.textContent?.trim() ?? '').split(' · ')[0],
          role: (e.querySelector('.label-name')?.textContent?.trim() ?? '').split(' · ').slice(1).join(' · '),
          position: Number(e.getAttribute('aria-posinset')),
          setSize: Number(e.getAttribute('aria-setsize')),
        })),
      );
      // Account rows read "account · role"; the group's Owner & Admins child and folds sit at the same level.
      for (const row of rows) if (row.role) seen.set(row.account, row);
      if (seen.has(last)) break;
      const before = await focusedPosition();
      await page.keyboard.press('PageDown');
      await view.locator(`.monaco-list-row.focused:not([aria-posinset="${before}"])`).waitFor({ timeout: 5000 });
    }
    assert.strictEqual(seen.size, members.length, `the tree showed ${seen.size} accounts`);
    for (const m of members) {
      const row = seen.get(m.account);
      assert.ok(row, `${m.account} is not in the tree`);
      assert.strictEqual(row.role, roleWord(m.role), `${m.account}'s role`);
      assert.strictEqual(row.setSize, members.length + 1, 'every account, and the Owner & Admins row, under the group');
    }
    assert.deepStrictEqual([...new Set([...seen.values()].map((r) => r.position))].length, members.length, 'each row has its own position');
  });
});
