// `npm run publish:check`: what the Marketplace and Open VSX would say about this package, offline.
// 1. `vsce package` (production build) must print no warning.
// 2. `vsce ls` must list only files the package is meant to ship, every file the manifest names, and every
//    image the shipped READMEs (README.md, README.zh-CN.md) show.
// 3. ovsx's own checks: its manifest fields and license check, and its reader on the packaged .vsix.
// Anything that needs a registry (token checks, name look-ups, publishing) is skipped and said so.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { isLicenseOk } = require('ovsx');
const { readVSIXPackage } = require('ovsx/lib/zip');

const root = path.resolve(__dirname, '..');
const vsce = path.join(root, 'node_modules', '.bin', 'vsce');
/**
 * An image may name one file per theme ({ light, dark, hc, hcLight }).
 * @typedef {object} StepMedia
 * @property {string | Record<string, string>} [image]
 * @property {string} [svg]
 * @property {string} [markdown]
 */
/**
 * The parts of package.json this script reads.
 * @typedef {object} Manifest
 * @property {string} publisher
 * @property {string} name
 * @property {string} version
 * @property {string} [license]
 * @property {string} [icon]
 * @property {string[]} [keywords]
 * @property {unknown} [repository]
 * @property {unknown} [bugs]
 * @property {unknown} [homepage]
 * @property {unknown} [galleryBanner]
 * @property {{ viewsContainers?: Record<string, { icon: string }[]>, views?: Record<string, { icon?: string }[]>, walkthroughs?: { steps: { media?: StepMedia }[] }[] }} contributes
 */
/** @type {unknown} JSON.parse answers any; read through the Manifest shape below. */
const parsedManifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const manifest = /** @type {Manifest} */ (parsedManifest);

/** The Marketplace takes at most 30 keywords. */
const MAX_KEYWORDS = 30;
/** Walkthrough images are shown inside the editor: keep them light. */
const MAX_WALKTHROUGH_IMAGE_BYTES = 150 * 1024;
/** Outside media/, these and nothing else ship (see .vscodeignore). */
const SHIPPED_FILES = ['package.json', 'README.md', 'README.zh-CN.md', 'CHANGELOG.md', 'LICENSE', 'dist/extension.js', 'dist/chat-runtime.js'];
/** The READMEs that ship: each links the other at its top, and their images must ship with them. */
const READMES = ['README.md', 'README.zh-CN.md'];
/** Also allowed: images, the walkthrough's Markdown and sample, and translations (l10n). */
const ALLOWED_FILE = [
  /^media\/(?!screenshots-raw\/)[\w./-]+\.(png|svg|md|jsonc)$/,
  /^package\.nls(\.[\w-]+)?\.json$/,
  /^l10n\/bundle\.l10n(\.[\w-]+)?\.json$/,
];

const problems = [];
const problem = (text) => problems.push(text);

/**
 * Runs vsce; returns what it printed (warnings go to stderr). Throws when it fails.
 * @param {string[]} args
 */
function run(args) {
  // stdin closed: a vsce question ("Do you want to continue?") is answered "no", not awaited.
  const result = spawnSync(vsce, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GITHUB_ACTIONS: '' } });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`vsce ${args[0]} exited with ${String(result.status)}:\n${result.stdout}${result.stderr}`);
  return { stdout: result.stdout, printed: result.stdout + result.stderr };
}

/** Every file the manifest points at: icon, view container icons, walkthrough media. */
function referencedFiles() {
  /** @type {string[]} */
  const files = manifest.icon ? [manifest.icon] : [];
  for (const container of Object.values(manifest.contributes.viewsContainers ?? {}).flat()) files.push(container.icon);
  for (const view of Object.values(manifest.contributes.views ?? {}).flat()) if (view.icon) files.push(view.icon);
  for (const walkthrough of manifest.contributes.walkthroughs ?? []) {
    for (const step of walkthrough.steps) {
      const media = step.media ?? {};
      for (const key of /** @type {const} */ (['image', 'svg', 'markdown'])) {
        const value = media[key];
        // An image may name one file per theme ({ light, dark, hc, hcLight }).
        if (typeof value === 'string') files.push(value);
        else if (value) files.push(...Object.values(value));
      }
    }
  }
  return [...new Set(files.map((f) => f.replace(/^\.\//, '')))];
}

/** Every image a shipped README shows by a relative path (`![alt](media/tree.png)`). */
function readmeImages() {
  /** @type {string[]} */
  const files = [];
  for (const readme of READMES) {
    const text = fs.readFileSync(path.join(root, readme), 'utf8');
    for (const match of text.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)) {
      const target = match[1];
      if (!/^[a-z][\w+.-]*:/i.test(target)) files.push(target.replace(/^\.\//, ''));
    }
  }
  return [...new Set(files)];
}

function checkManifest() {
  const keywords = manifest.keywords ?? [];
  if (keywords.length > MAX_KEYWORDS) problem(`${keywords.length} keywords; the Marketplace takes at most ${MAX_KEYWORDS}`);
  for (const field of /** @type {const} */ (['repository', 'bugs', 'homepage', 'galleryBanner', 'license'])) {
    if (!manifest[field]) problem(`package.json has no "${field}"`);
  }
}

/** @param {string} vsix */
function checkPackage(vsix) {
  // Builds dist/ for production first (vscode:prepublish), as `npm run package` does.
  const { printed } = run(['package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix]);
  for (const line of printed.split('\n').filter((l) => /WARNING/.test(l))) problem(`vsce package: ${line.trim()}`);
}

function checkListedFiles() {
  const listed = run(['ls', '--no-dependencies']).stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  for (const file of listed) {
    if (!SHIPPED_FILES.includes(file) && !ALLOWED_FILE.some((allowed) => allowed.test(file))) problem(`the package would ship ${file}`);
  }
  for (const file of [...SHIPPED_FILES, ...referencedFiles(), ...readmeImages()]) {
    if (!listed.includes(file)) problem(`the package would not ship ${file}`);
  }
  for (const file of listed.filter((f) => f.startsWith('media/walkthrough/') && f.endsWith('.png'))) {
    const bytes = fs.statSync(path.join(root, file)).size;
    if (bytes > MAX_WALKTHROUGH_IMAGE_BYTES) problem(`${file} is ${Math.round(bytes / 1024)} KB (at most ${MAX_WALKTHROUGH_IMAGE_BYTES / 1024} KB)`);
  }
  return listed.length;
}

/** @param {string} vsix */
async function checkOpenVsx(vsix) {
  // isLicenseOk runs ovsx's manifest check (publisher, name, version) and wants a license.
  if (!(await isLicenseOk(root, manifest))) problem('ovsx: no license field or LICENSE file');
  const packed = await readVSIXPackage(vsix);
  for (const field of /** @type {const} */ (['publisher', 'name', 'version'])) {
    if (packed[field] !== manifest[field]) problem(`ovsx reads ${field} ${packed[field]} from the .vsix, package.json says ${manifest[field]}`);
  }
}

async function main() {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-roles-publish-check-'));
  try {
    const vsix = path.join(scratch, `${manifest.name}-${manifest.version}.vsix`);
    checkManifest();
    checkPackage(vsix);
    const count = checkListedFiles();
    await checkOpenVsx(vsix);
    console.log(`vsce package: ${(fs.statSync(vsix).size / 1024).toFixed(1)} KB; vsce ls: ${count} files; ovsx: manifest and license checked`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  console.log('skipped (they need a registry): vsce verify-pat/publish, ovsx verify-pat/publish/create-namespace');
  if (problems.length) {
    console.error(`publish:check found ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    console.log('publish:check: ready for the Marketplace and Open VSX');
  }
}

main().catch((err) => {
  console.error(`publish:check failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
