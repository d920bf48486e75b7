// useStandIn()'s options do what the suites that pass them rely on.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { TEST_GROUPS } from '../standin/data/test-app';
import { checkRoles, useStandIn } from './support';

const timeoutSeconds = () => vscode.workspace.getConfiguration('chatRoles').inspect('timeoutSeconds')?.globalValue;

describe('useStandIn options', () => {
  // Read when mocha loads this file, before any hook has run.
  const atStart = timeoutSeconds();

  describe('userSettings, credentials once, resetEach', () => {
    const suite = useStandIn({ userSettings: { timeoutSeconds: 7 }, credentials: 'once', resetEach: true });

    it('sets the user settings and stores the credentials before all', async () => {
      assert.strictEqual(timeoutSeconds(), 7);
      const result = await checkRoles([TEST_GROUPS.work], ['alice']);
      assert.deepStrictEqual(result.groups[0].roles, [{ account: 'alice', role: 'Owner' }]);
      suite.server.addFault({ fault: { kind: 'errorCode', code: 10002 }, api: 'get_role_in_group' });
    });

    it('clears the records and faults of the test before, and keeps the credentials', async () => {
      assert.strictEqual(suite.server.requests.length, 0);
      const result = await checkRoles([TEST_GROUPS.work], ['bob']);
      assert.deepStrictEqual(result.groups[0].roles, [{ account: 'bob', role: 'Admin' }]);
    });
  });

  // A sibling suite: mocha runs it after the one above, its after-all hooks included.
  describe('after that suite', () => {
    it('the user settings are restored', () => {
      assert.notStrictEqual(atStart, 7);
      assert.strictEqual(timeoutSeconds(), atStart);
    });
  });
});
