// `npm run l10n:manifest`: moves every user-facing string of package.json into package.nls.json and puts a
// %key% in its place, so package.nls.zh-cn.json can translate it. Run once after the branches that add
// commands are merged; running it again changes nothing (a %key% stays, new strings get keys). Keys come
// from where a string stands (command ID, setting name, walkthrough step), never from its text.
// Then `npm run check:l10n` lists every key package.nls.zh-cn.json still lacks.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
export type Nls = Record<string, string>;

const PREFIX = 'chatRoles.';

/** A command or setting ID without the extension's prefix: chatRoles.checkRoles → checkRoles. */
function short(id: Json | undefined): string {
  if (typeof id !== 'string') throw new Error(`an ID must be a string, not ${JSON.stringify(id)}`);
  return id.replace(PREFIX, '');
}

function objects(value: Json | undefined): JsonObject[] {
  return Array.isArray(value) ? value.filter((v): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v)) : [];
}

function object(value: Json | undefined): JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
}

/**
 * Replaces the string at `holder[field]` by `%key%`, recording the English in `nls`. A string that is
 * already a %key% is left alone; one key never holds two different texts.
 */
function move(holder: JsonObject, field: string, key: string, nls: Nls): void {
  const value = holder[field];
  if (typeof value !== 'string' || /^%[^%\s]+%$/.test(value)) return;
  if (nls[key] !== undefined && nls[key] !== value) throw new Error(`key ${key} would hold two texts: ${JSON.stringify(nls[key])} and ${JSON.stringify(value)}`);
  nls[key] = value;
  holder[field] = `%${key}%`;
}

/** The same for each string of the array at `holder[field]` (enum labels and descriptions). */
function moveEach(holder: JsonObject, field: string, key: string, nls: Nls): void {
  const list = holder[field];
  if (!Array.isArray(list)) return;
  holder[field] = list.map((item, index) => {
    const slot: JsonObject = { item };
    move(slot, 'item', `${key}.${index}`, nls);
    return slot.item;
  });
}

/** Externalizes the manifest in place; returns package.nls.json (the existing entries plus the new ones). */
export function externalize(manifest: JsonObject, existing: Nls = {}): Nls {
  const nls: Nls = { ...existing };
  move(manifest, 'displayName', 'displayName', nls);
  move(manifest, 'description', 'description', nls);
  const capabilities = object(manifest.capabilities);
  for (const kind of ['untrustedWorkspaces', 'virtualWorkspaces']) {
    move(object(capabilities[kind]), 'description', `capabilities.${kind}.description`, nls);
  }
  const contributes = object(manifest.contributes);
  for (const command of objects(contributes.commands)) {
    const id = short(command.command);
    move(command, 'title', `command.${id}.title`, nls);
    move(command, 'shortTitle', `command.${id}.shortTitle`, nls);
    move(command, 'category', 'command.category', nls);
  }
  for (const submenu of objects(contributes.submenus)) move(submenu, 'label', `submenu.${short(submenu.id)}.label`, nls);
  for (const container of Object.values(object(contributes.viewsContainers)).flatMap(objects)) {
    move(container, 'title', `viewsContainer.${short(container.id)}.title`, nls);
  }
  for (const view of Object.values(object(contributes.views)).flatMap(objects)) {
    move(view, 'name', `view.${short(view.id)}.name`, nls);
    move(view, 'contextualTitle', `view.${short(view.id)}.contextualTitle`, nls);
  }
  objects(contributes.viewsWelcome).forEach((welcome, index) => move(welcome, 'contents', `viewsWelcome.${short(welcome.view)}.${index}`, nls));
  for (const walkthrough of objects(contributes.walkthroughs)) {
    const base = `walkthrough.${short(walkthrough.id)}`;
    move(walkthrough, 'title', `${base}.title`, nls);
    move(walkthrough, 'description', `${base}.description`, nls);
    for (const step of objects(walkthrough.steps)) {
      const stepBase = `${base}.${short(step.id)}`;
      move(step, 'title', `${stepBase}.title`, nls);
      move(step, 'description', `${stepBase}.description`, nls);
      move(object(step.media), 'altText', `${stepBase}.altText`, nls);
    }
  }
  for (const configuration of [contributes.configuration].flat().filter((c): c is JsonObject => c !== undefined)) {
    const section = object(configuration);
    move(section, 'title', 'configuration.title', nls);
    for (const [name, property] of Object.entries(object(section.properties))) {
      const setting = object(property);
      const base = `configuration.${short(name)}`;
      for (const field of ['description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage']) {
        move(setting, field, `${base}.${field}`, nls);
      }
      for (const field of ['enumDescriptions', 'markdownEnumDescriptions', 'enumItemLabels']) moveEach(setting, field, `${base}.${field}`, nls);
    }
  }
  return nls;
}

function readJson(path: string): JsonObject {
  return JSON.parse(readFileSync(path, 'utf8')) as JsonObject;
}

if (require.main === module) {
  // Run from out/scripts/ (npm run l10n:manifest builds first); writes into the repository root.
  const root = join(__dirname, '..', '..');
  const manifestPath = join(root, 'package.json');
  const nlsPath = join(root, 'package.nls.json');
  const manifest = readJson(manifestPath);
  const before = existsSync(nlsPath) ? (readJson(nlsPath) as Nls) : {};
  const nls = externalize(manifest, before);
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(nlsPath, `${JSON.stringify(nls, null, 2)}\n`);
  console.log(`l10n-manifest: ${Object.keys(nls).length - Object.keys(before).length} new key(s) in package.nls.json; now run npm run check:l10n`);
}
