// scripts/l10n-manifest.ts: every string people read in package.json becomes a %key% with its English in
// package.nls.json; a second run changes nothing.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { externalize } from '../../scripts/l10n-manifest';

const ROOT = join(__dirname, '..', '..', '..');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The manifest fields VS Code shows to people (and localizes through package.nls.json). */
const READ_BY_PEOPLE = new Set([
  'displayName', 'description', 'title', 'shortTitle', 'category', 'label', 'name', 'contextualTitle', 'contents', 'altText',
  'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage', 'enumDescriptions', 'markdownEnumDescriptions', 'enumItemLabels',
]);

/** Paths of the strings in people-read fields that are not a %key%. */
function plainStrings(value: Json, path = '', field = ''): string[] {
  if (typeof value === 'string') return READ_BY_PEOPLE.has(field) && !/^%[^%\s]+%$/.test(value) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => plainStrings(item, `${path}[${i}]`, field));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => plainStrings(v, `${path}.${k}`, k));
  return [];
}

const readJson = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as { [key: string]: Json };
/** The English of the manifest's keys, as package.nls.json holds it. */
const readNls = () => readJson('package.nls.json') as Record<string, string>;

/** Every %key% of `manifest` replaced by its English from `nls`. */
const restore = (manifest: Json, nls: Record<string, string>) =>
  JSON.stringify(manifest).replace(/"%([^%\s"]+)%"/g, (_, key: string) => JSON.stringify(nls[key]));

describe('l10n: moving the manifest strings to package.nls.json', () => {
  it('left no people-read string of package.json outside package.nls.json, and package.nls.json is up to date', () => {
    const manifest = readJson('package.json');
    const nls = readNls();
    // The package's own name is an identifier, not text.
    assert.deepEqual(plainStrings(manifest).filter((path) => path !== '.name'), []);
    assert.deepEqual(externalize(manifest, nls), nls, 'npm run l10n:manifest would change package.nls.json');
    assert.equal(nls['command.checkRoles.title'], 'Check Roles in Group');
    assert.equal(nls['command.category'], 'Chat Roles');
    assert.equal(nls['configuration.region.enumItemLabels.0'], 'China (console.tim.qq.com)');
  });

  it('moves each people-read text under its own key, and the keys give back the very same manifest', () => {
    const manifest = JSON.parse(restore(readJson('package.json'), readNls())) as { [key: string]: Json };
    const english = JSON.stringify(manifest);
    const nls = externalize(manifest);
    assert.deepEqual(plainStrings(manifest).filter((path) => path !== '.name'), []);
    assert.deepEqual(nls, readNls());
    assert.equal(restore(manifest, nls), english);
  });

  it('changes nothing on a second run', () => {
    const manifest = readJson('package.json');
    const nls = externalize(manifest, readNls());
    const once = JSON.stringify(manifest);
    assert.deepEqual(externalize(manifest, nls), nls);
    assert.equal(JSON.stringify(manifest), once);
  });

  it('refuses to put two texts under one key', () => {
    const manifest = { contributes: { commands: [{ command: 'a', title: 'A', category: 'One' }, { command: 'b', title: 'B', category: 'Two' }] } };
    assert.throws(() => externalize(manifest), /command\.category would hold two texts/);
  });
});
