import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { TEST_ADMIN, TEST_GROUPS, TEST_SDK_APP_ID, TEST_SECRET_KEY } from '../standin/data/test-app';
import { userSig } from '../standin/test-kit';
import { checkRoles, setTestCredentials, sleep, testUserSig, useStandIn } from './support';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

describe('logs', () => {
  const suite = useStandIn({ traceLogs: true });

  it('never writes the UserSig or the secret key to any log, even at trace level', async () => {
    const { api, server } = suite;
    const sig = testUserSig();
    await setTestCredentials(sig);
    await checkRoles([TEST_GROUPS.work, '@TGS#2NOSUCHGRP'], ['alice', 'bob']);
    // A refusal is remembered for its exact credentials: the refused step signs with its own UserSig (another
    // expiry), so the checks after it still reach the server with `sig`.
    const refusedLater = await setTestCredentials(testUserSig(3 * 86400));
    server.addFault({ fault: { kind: 'errorCode', code: 70001, info: `bad sig ${refusedLater}` }, api: 'get_role_in_group', times: 1 });
    const quoted = await checkRoles([TEST_GROUPS.public], ['alice']);
    const shown = JSON.stringify(quoted) + JSON.stringify(api.services.results.all());
    assert.strictEqual(quoted.groups[0].error?.code, 70001);
    for (let i = 0; i + 20 <= refusedLater.length; i += 4) assert.ok(!shown.includes(refusedLater.slice(i, i + 20)), 'a result quotes part of the UserSig');
    await setTestCredentials(sig);
    server.addFault({ fault: { kind: 'http502' }, api: 'get_role_in_group', times: 1 });
    await checkRoles([TEST_GROUPS.meeting], ['carol']);
    assert.ok(server.requests.some((r) => r.fault === 'http502'), 'the 502 was served, not cut short by the refusal before it');
    // A refused UserSig must not be logged either.
    const refused = userSig({ identifier: 'bob' });
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('chatRoles.setCredentials', { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, userSig: refused })));
    // And the secret key, with the UserSigs minted from it.
    await vscode.commands.executeCommand('chatRoles.setCredentials', { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, secretKey: TEST_SECRET_KEY });
    await checkRoles([TEST_GROUPS.work], ['alice']);

    await sleep(1500); // file loggers flush on a short timer
    const ownLog = path.join(api.logDirectory.fsPath, 'Chat Roles.log');
    assert.ok(fs.existsSync(ownLog), `${ownLog} exists`);
    const own = fs.readFileSync(ownLog, 'utf8');
    // Each request is logged at debug level with its URL: the level is low enough for the search to mean something.
    assert.match(own, /\[debug\] POST \S*\/v4\/group_open_http_svc\/get_role_in_group\?/, `no request lines in:\n${own.slice(-1500)}`);
    assert.match(own, /usersig=\*\*\*/);
    assert.match(own, /Credentials stored for SDKAppID/);

    // Every log file of this window's session: the extension's, the extension host's, the server's.
    const sessionDir = path.dirname(path.dirname(api.logDirectory.fsPath));
    const files = filesUnder(sessionDir);
    assert.ok(files.length > 1, `found the session's log files in ${sessionDir}`);
    const secrets = [sig, refusedLater, refused, TEST_SECRET_KEY, encodeURIComponent(sig), encodeURIComponent(refusedLater)];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const secret of secrets) assert.ok(!text.includes(secret), `${file} contains a secret`);
    }
    // Nor any long piece of one (a server message quoting a UserSig cut short).
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const s of [sig, refusedLater]) for (let i = 0; i + 20 <= s.length; i += 4) assert.ok(!text.includes(s.slice(i, i + 20)), `${file} contains part of a UserSig`);
    }
    // Minted UserSigs are never known to the test; no usersig value may appear at all.
    for (const file of files) {
      const m = /usersig=(?!\*\*\*)[^&\s"']{16,}/i.exec(fs.readFileSync(file, 'utf8'));
      assert.strictEqual(m, null, `${file} holds a usersig value`);
    }
  });
});
