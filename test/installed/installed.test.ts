// The .vsix as users get it: installed by code-server into the extensions dir, loaded in production mode.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { chatRolesExtension } from '../host/extensionUnderTest';
import { repoRoot } from '../host/paths';
import { listZipEntries } from '../host/zipEntries';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this suite through npm run test:installed`);
  return value;
}

interface WalkthroughStep {
  id: string;
  media: { image?: string | Record<string, string>; markdown?: string; svg?: string };
}

/** The part of package.json the walkthrough checks read (VS Code hands the manifest over untyped). */
interface WalkthroughManifest {
  contributes: { walkthroughs?: { steps: WalkthroughStep[] }[] };
}

/** Every file the walkthroughs' steps show (an image may name one file per theme). */
function walkthroughMedia(manifest: WalkthroughManifest): string[] {
  const steps = (manifest.contributes.walkthroughs ?? []).flatMap((w) => w.steps);
  return steps.flatMap(({ media }) => [media.image, media.markdown, media.svg].flatMap((m) => (typeof m === 'object' ? Object.values(m) : m ? [m] : [])));
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

  it('packs exactly dist bundles, media, translations, manifest, both READMEs, CHANGELOG and LICENSE', () => {
    const media = filesUnder(path.join(repoRoot, 'media'))
      .filter((f) => !f.startsWith('screenshots-raw/'))
      .map((f) => `extension/media/${f}`);
    const translations = [
      ...filesUnder(path.join(repoRoot, 'l10n')).filter((f) => /^bundle\.l10n\.[\w-]+\.json$/.test(f)).map((f) => `extension/l10n/${f}`),
      ...fs.readdirSync(repoRoot).filter((f) => /^package\.nls(\.[\w-]+)?\.json$/.test(f)).map((f) => `extension/${f}`),
    ];
    const expected = [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/package.json',
      'extension/readme.md',
      'extension/README.zh-CN.md',
      'extension/changelog.md',
      'extension/LICENSE.txt',
      'extension/dist/extension.js',
      'extension/dist/chat-runtime.js',
      ...media,
      ...translations,
    ].sort();
    assert.deepStrictEqual(listZipEntries(env('CHAT_ROLES_TEST_VSIX')).sort(), expected);
  });

  it('ships every walkthrough image and Markdown file it names', () => {
    const ext = chatRolesExtension();
    const media = walkthroughMedia(ext.packageJSON as WalkthroughManifest);
    assert.ok(media.length >= 4, `the walkthrough shows ${media.length} media files`);
    const entries = listZipEntries(env('CHAT_ROLES_TEST_VSIX'));
    const missing = media.filter((f) => !entries.includes(`extension/${f}`) || !fs.existsSync(path.join(ext.extensionPath, f)));
    assert.deepStrictEqual(missing, []);
  });

  it("opens the walkthrough's sample request from the installed copy, as an untitled document", async () => {
    await chatRolesExtension().activate();
    await vscode.commands.executeCommand('chatRoles.openSample');
    const document = vscode.window.activeTextEditor?.document;
    assert.ok(document, 'no editor is active');
    assert.strictEqual(document.isUntitled, true);
    assert.match(document.getText(), /"GroupId": "@TGS#2C5SZEAEF",\s*"User_Account": \[/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
