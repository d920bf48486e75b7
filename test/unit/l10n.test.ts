// The translations are complete (scripts/check-l10n.ts on this repository), the check catches each kind of
// gap on small fixtures, and the core speaks Chinese once it is given the zh-cn bundle.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describeError, formatError } from '../../src/chat/errors';
import { listOf, useTranslations, type TranslationBundle } from '../../src/chat/l10n';
import { checkL10n, checkRepository } from '../../scripts/check-l10n';

/** The repository root (tests run from out/test/unit). */
const ROOT = join(__dirname, '..', '..', '..');
/** String extraction starts a parser (WebAssembly): slow on a busy machine, never a hang. */
const EXTRACTION_TIMEOUT_MS = 120_000;

describe('l10n: this repository', function () {
  this.timeout(EXTRACTION_TIMEOUT_MS);

  it('has a zh-cn entry for every string, no unused entry, and the same placeholders', async () => {
    assert.deepEqual(await checkRepository(ROOT), []);
  });
});

describe('l10n: the core in Chinese', () => {
  const zhCn = JSON.parse(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as TranslationBundle;
  afterEach(() => useTranslations(undefined));

  it('describes and formats errors in the language of the bundle it was given', () => {
    useTranslations(zhCn);
    assert.equal(describeError(10010).title, '群组不存在');
    assert.match(formatError(10010), /^群组不存在（10010）：群组不存在或已被解散。/);
    assert.equal(describeError(12345).title, '即时通信 IM 错误 12345');
    assert.match(formatError(10004, 'GroupId is too long'), /服务器返回：GroupId is too long$/);
  });

  it('joins a list as the language writes it', () => {
    assert.equal(listOf(['China', 'Singapore']), 'China, Singapore');
    useTranslations(zhCn);
    assert.equal(listOf(['中国', '新加坡']), '中国、新加坡');
  });

  it('speaks English again without a bundle', () => {
    useTranslations(zhCn);
    useTranslations(undefined);
    assert.equal(describeError(10010).title, 'Group not found');
  });
});

/** A throwaway extension folder: file path → contents (objects are written as JSON). */
function fixture(files: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'chat-roles-l10n-'));
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), typeof contents === 'string' ? contents : JSON.stringify(contents));
  }
  return root;
}

describe('l10n: the completeness check finds', function () {
  this.timeout(EXTRACTION_TIMEOUT_MS);
  const roots: string[] = [];
  const check = async (files: Record<string, unknown>, dataTexts: string[] = []) => {
    const root = fixture(files);
    roots.push(root);
    return checkL10n({ root, sources: ['src'], languages: ['zh-cn'], dataTexts });
  };
  after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  const CODE = "import * as vscode from 'vscode';\nexport const a = vscode.l10n.t('Checked {0} groups', 3);\n";
  const COMPLETE = {
    'package.json': { l10n: './l10n', contributes: { commands: [{ command: 'x.run', title: '%command.run%' }] } },
    'package.nls.json': { 'command.run': 'Run {0}' },
    'package.nls.zh-cn.json': { 'command.run': '运行 {0}' },
    'src/a.ts': CODE,
    'l10n/bundle.l10n.zh-cn.json': { 'Checked {0} groups': '已查询 {0} 个群组' },
  };

  it('nothing in a complete fixture', async () => {
    assert.deepEqual(await check(COMPLETE), []);
  });

  it('a string of the code with no zh-cn entry', async () => {
    const problems = await check({ ...COMPLETE, 'src/b.ts': "import * as l10n from '@vscode/l10n';\nl10n.t('Cancelled');\n" });
    assert.deepEqual(problems, ['l10n/bundle.l10n.zh-cn.json: no zh-cn entry for a string of the code: "Cancelled"']);
  });

  it('a text passed as data (the catalogue) with no zh-cn entry', async () => {
    const problems = await check(COMPLETE, ['Group not found']);
    assert.deepEqual(problems, ['l10n/bundle.l10n.zh-cn.json: no zh-cn entry for a string of the code: "Group not found"']);
  });

  it('a bundle key that no code uses', async () => {
    const problems = await check({ ...COMPLETE, 'l10n/bundle.l10n.zh-cn.json': { 'Checked {0} groups': '已查询 {0} 个群组', Gone: '没了' } });
    assert.deepEqual(problems, ['l10n/bundle.l10n.zh-cn.json: unused key (nothing uses it): "Gone"']);
  });

  it('placeholders that differ between English and Chinese', async () => {
    const problems = await check({ ...COMPLETE, 'l10n/bundle.l10n.zh-cn.json': { 'Checked {0} groups': '已查询 {1} 个群组' } });
    assert.deepEqual(problems, ['l10n/bundle.l10n.zh-cn.json: placeholders of "Checked {0} groups" differ: English has [{0}], zh-cn has [{1}]']);
  });

  it('a %key% of the manifest with no zh-cn (or English) entry, and unused nls keys', async () => {
    const problems = await check({
      ...COMPLETE,
      'package.nls.json': { 'command.run': 'Run {0}', 'command.old': 'Old' },
      'package.nls.zh-cn.json': {},
    });
    assert.deepEqual(problems, [
      'package.nls.json: unused key (nothing uses it): "command.old"',
      'package.nls.zh-cn.json: no zh-cn entry for a %key% of package.json: "command.run"',
    ]);
    const noEnglish = await check({ ...COMPLETE, 'package.nls.json': {} });
    assert.deepEqual(noEnglish, ['package.nls.json: no en entry for a %key% of package.json: "command.run"']);
  });

  it('placeholders of the manifest that differ', async () => {
    const problems = await check({ ...COMPLETE, 'package.nls.zh-cn.json': { 'command.run': '运行' } });
    assert.deepEqual(problems, ['package.nls.zh-cn.json: placeholders of "command.run" differ: English has [{0}], zh-cn has []']);
  });

  it('a manifest without the l10n field while the code has strings', async () => {
    const problems = await check({ ...COMPLETE, 'package.json': { contributes: {} }, 'package.nls.json': {}, 'package.nls.zh-cn.json': {} });
    assert.deepEqual(problems, ['package.json has no "l10n" field naming the folder of the bundles, so VS Code loads none']);
  });
});
