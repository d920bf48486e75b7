import * as assert from 'assert';
import * as vscode from 'vscode';
import { TEST_ADMIN, TEST_GROUPS } from '../standin/data/test-app';
import { type CheckJson, checkRoles, sleep, useCheckSuite, waitFor, within } from './support';

describe('check flow', () => {
  const suite = useCheckSuite();


  it('explains 10007 on an AVChatRoom group: not supported by get_role_in_group', async () => {
    const result = await checkRoles([TEST_GROUPS.avChatRoom], ['alice']);
    const error = result.groups[0].error;
    assert.strictEqual(error?.code, 10007);
    assert.match(error?.message ?? '', /AVChatRoom groups are not supported by get_role_in_group/);
    assert.ok(suite.server.requests.some((r) => r.api === 'get_group_info'), 'the group type was asked for');
  });

  it('explains 10007 on any other group as the identifier lacking permission', async () => {
    suite.server.addFault({ fault: { kind: 'errorCode', code: 10007, info: 'no permission' }, api: 'get_role_in_group', groupId: TEST_GROUPS.work });
    const result = await checkRoles([TEST_GROUPS.work], ['alice']);
    const error = result.groups[0].error;
    assert.strictEqual(error?.code, 10007);
    assert.match(error?.message ?? '', new RegExp(`identifier "${TEST_ADMIN}" lacks permission`));
    assert.doesNotMatch(error?.message ?? '', /AVChatRoom/);
  });

  it('cancels a running check at once, aborting its HTTP request, and keeps no partial result', async () => {
    suite.server.addFault({ fault: { kind: 'delay', ms: 8000 }, api: 'get_role_in_group' });
    const started = Date.now();
    const running = Promise.resolve(vscode.commands.executeCommand<CheckJson>('chatRoles.checkRoles', { groupIds: [TEST_GROUPS.work], accounts: ['alice'] }));
    await waitFor('the request to reach the server', () => suite.server.requests.some((r) => r.api === 'get_role_in_group'), 10_000).catch(() => sleep(500));
    suite.api.services.checker.cancelAll();
    const result = await within(running, 3000, 'the cancelled check to settle');
    assert.ok(Date.now() - started < 6000, 'settled well before the delayed answer');
    assert.strictEqual(result.groups[0].error?.code, 'CANCELLED');
    assert.deepStrictEqual(result.groups[0].roles, []);
    assert.strictEqual(suite.api.services.results.get(TEST_GROUPS.work), undefined, 'a cancelled group does not replace results');
  });

  it('loads the HTTP runtime only for the first query', async () => {
    await checkRoles([TEST_GROUPS.work], ['alice']);
    assert.strictEqual(suite.api.runtimeLoaded(), true);
  });
});
