// The demo workspace must agree with the demo data: every group ID it holds exists in demo.json (but
// the one meant to be missing), every kind of group is shown somewhere, and the README's credentials
// are the demo app's. No browser needed; it runs with the UI layer because it guards the demo.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../host/paths';
import { DEMO_ADMIN, DEMO_DATA_FILE, DEMO_GROUPS, DEMO_MISSING_GROUP, DEMO_SDK_APP_ID, DEMO_SECRET_KEY } from '../standin/data/demo-app';
import type { SeedData } from '../standin/types';

const workspace = path.join(repoRoot, 'demo', 'workspace');

function workspaceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? workspaceFiles(p) : [p];
  });
}

describe('demo workspace', () => {
  const seed = JSON.parse(fs.readFileSync(DEMO_DATA_FILE, 'utf8')) as SeedData;
  const seededGroups = new Set(seed.groups.map((g) => g.groupId));
  const files = workspaceFiles(workspace).map((file) => ({ file: path.relative(workspace, file), text: fs.readFileSync(file, 'utf8') }));
  const allText = files.map((f) => f.text).join('\n');

  it('holds group IDs in TypeScript, Python, Go, YAML and an API request body', () => {
    for (const ext of ['.ts', '.py', '.go', '.yaml', '.json']) {
      assert.ok(files.some((f) => f.file.endsWith(ext) && f.text.includes('@TGS#')), `no ${ext} file with a group ID`);
    }
  });

  it('uses only group IDs that exist in demo.json, except the one meant to be missing', () => {
    for (const { file, text } of files) {
      for (const [id] of text.matchAll(/@TGS#(?:_@TGS#)?[A-Za-z0-9]+/g)) {
        if (id === DEMO_MISSING_GROUP) continue;
        assert.ok(seededGroups.has(id), `${file}: ${id} is not in demo.json`);
      }
    }
    assert.ok(!seededGroups.has(DEMO_MISSING_GROUP), `${DEMO_MISSING_GROUP} must not exist in demo.json`);
    assert.ok(allText.includes(DEMO_MISSING_GROUP), 'the workspace has no missing group ID to show a diagnostic on');
  });

  it('shows every kind of demo group somewhere', () => {
    for (const [kind, id] of Object.entries(DEMO_GROUPS)) assert.ok(allText.includes(id), `no ${kind} group (${id}) in the workspace`);
  });

  it('has the API page request body with accounts of the demo app', () => {
    const body = JSON.parse(fs.readFileSync(path.join(workspace, 'api', 'get_role_in_group.json'), 'utf8')) as { GroupId: string; User_Account: string[] };
    assert.strictEqual(body.GroupId, DEMO_GROUPS.work);
    assert.deepStrictEqual(body.User_Account, ['leckie', 'peter', 'wesley']);
    const users = new Set(seed.users);
    for (const a of body.User_Account) assert.ok(users.has(a), `${a} is not a demo account`);
  });

  it('prints the demo app credentials in both READMEs', () => {
    for (const readme of [path.join(workspace, 'README.md'), path.join(repoRoot, 'demo', 'README.md')]) {
      const text = fs.readFileSync(readme, 'utf8');
      for (const value of [String(DEMO_SDK_APP_ID), DEMO_ADMIN, DEMO_SECRET_KEY]) assert.ok(text.includes(value), `${readme} lacks ${value}`);
    }
  });
});
