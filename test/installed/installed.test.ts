// The .vsix as users get it: installed by code-server into the extensions dir, loaded in production mode.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { chatRolesExtension } from '../host/extensionUnderTest';
import { repoRoot } from '../host/paths';
import { listZipEntries } from '../host/zipEntries';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this suite through npm run test:installed`);
  return value;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

describe('installed .vsix', () => {
  it('is the copy from the extensions dir, not a development folder', () => {
    const ext = chatRolesExtension();
    const extensionsDir = fs.realpathSync(env('CHAT_ROLES_TEST_EXTENSIONS_DIR'));
    assert.ok(
      fs.realpathSync(ext.extensionPath).startsWith(extensionsDir + path.sep),
      `${ext.extensionPath} is not under ${extensionsDir}`,
    );
  });

  it('activates', async () => {
    const ext = chatRolesExtension();
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });

  it('exports nothing in production mode: no other extension can reach its credential store or prompts', async () => {
    const ext = chatRolesExtension();
    await ext.activate();
    assert.strictEqual(ext.exports, undefined);
  });

  it('holds no sources, tests, node_modules or source maps', () => {
    const files = filesUnder(chatRolesExtension().extensionPath);
    assert.ok(files.includes('dist/extension.js') && files.includes('dist/chat-runtime.js'), files.join(', '));
    const unwanted = files.filter((f) => /^(src|test|out|node_modules|test-host)\//.test(f) || /\/node_modules\//.test(f) || f.endsWith('.map') || f.endsWith('.ts'));
    assert.deepStrictEqual(unwanted, []);
  });

  it('packs exactly dist bundles, media, manifest, README, CHANGELOG and LICENSE', () => {
    const media = filesUnder(path.join(repoRoot, 'media'))
      .filter((f) => !f.startsWith('screenshots-raw/'))
      .map((f) => `extension/media/${f}`);
    const expected = [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/package.json',
      'extension/readme.md',
      'extension/changelog.md',
      'extension/LICENSE.txt',
      'extension/dist/extension.js',
      'extension/dist/chat-runtime.js',
      ...media,
    ].sort();
    assert.deepStrictEqual(listZipEntries(env('CHAT_ROLES_TEST_VSIX')).sort(), expected);
  });
});
