// Every import in src/ points down the layers of ARCHITECTURE.md. Imports are read by TypeScript itself
// (preProcessFile; the syntax tree only to tell `import type`), never by a regular expression.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

/** The repository root (tests run from out/test/unit). */
const ROOT = join(__dirname, '..', '..', '..');

/**
 * Top first. A file may import a lower layer, and files of its own room (its folder, or itself); never a
 * higher layer, nor another room of its own layer (editor/ and views/ stay strangers).
 */
const LAYERS: readonly (readonly string[])[] = [
  ['src/extension.ts'],
  ['src/api.ts'],
  ['src/commands/'],
  ['src/services.ts'],
  ['src/changes/'],
  ['src/checks/'],
  ['src/apps/'],
  ['src/editor/', 'src/views/', 'src/credentials/'],
  ['src/results/'],
  ['src/ui/'],
  ['src/log.ts', 'src/settings.ts', 'src/runtime.ts'],
  ['src/chat/'],
];

/** The only files that may import undici: the transport, and a proxy helper beside it if one appears. */
const UNDICI_FILES = /^src\/chat\/http\/(transport|proxy[A-Za-z]*)\.ts$/;
const RUNTIME_LOADER = 'src/runtime.ts';
/** The runtime bundle's entry, and the module that brings undici into it. */
const RUNTIME_ENTRY = 'src/chat/runtime.ts';
const RUNTIME_BUNDLE_SPEC = './chat-runtime.js';

interface Import {
  spec: string;
  /** The source file it names (relative specs naming a .ts file only). */
  target?: string;
  typeOnly: boolean;
}

interface ImportRule {
  /** What the rule says, for the failure message. */
  says: string;
  /** The offending imports of one file. */
  check(file: string, imports: readonly Import[]): Import[];
}

function listTs(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return listTs(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveSpec(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = relative(ROOT, resolve(ROOT, dirname(file), spec)).split('\\').join('/');
  return [`${base}.ts`, `${base}/index.ts`, base].find((p) => p.endsWith('.ts') && existsSync(join(ROOT, p)));
}

/** How many declarations import each spec for types only (`import type …`, every binding `type`, `export type … from`). */
function typeOnlyCounts(file: string, text: string): Map<string, number> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const counts = new Map<string, number>();
  const add = (spec: string) => counts.set(spec, (counts.get(spec) ?? 0) + 1);
  for (const s of source.statements) {
    if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier)) {
      const clause = s.importClause;
      const named = clause?.namedBindings;
      const allNamedTypes = !clause?.name && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
      if (clause?.isTypeOnly || allNamedTypes) add(s.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(s) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) && s.isTypeOnly) {
      add(s.moduleSpecifier.text);
    }
  }
  return counts;
}

const importsOfFile = new Map<string, Import[]>();

/** The imports of a source file as it stands (read once). */
function fileImports(file: string): Import[] {
  let imports = importsOfFile.get(file);
  if (!imports) importsOfFile.set(file, (imports = importsOf(file, readFileSync(join(ROOT, file), 'utf8'))));
  return imports;
}

/** Every import of a text: import/export declarations, import() and require() calls. */
function importsOf(file: string, text: string): Import[] {
  const specs = ts.preProcessFile(text, true, true).importedFiles.map((i) => i.fileName);
  const typeOnly = typeOnlyCounts(file, text);
  // A spec is type-only when every import of it is.
  const uses = (spec: string) => specs.filter((s) => s === spec).length;
  return specs.map((spec) => ({ spec, target: resolveSpec(file, spec), typeOnly: typeOnly.get(spec) === uses(spec) }));
}

function layerOf(file: string): { layer: number; room: string } | undefined {
  for (const [layer, rooms] of LAYERS.entries()) {
    const room = rooms.find((r) => (r.endsWith('/') ? file.startsWith(r) : file === r));
    if (room) return { layer, room };
  }
  return undefined;
}

const RULES: readonly ImportRule[] = [
  {
    says: 'imports point down a layer, or stay in their own room',
    check: (file, imports) => {
      const from = layerOf(file);
      if (!from) return [];
      return imports.filter(({ target }) => {
        const to = target && layerOf(target);
        return to && to.room !== from.room && to.layer <= from.layer;
      });
    },
  },
  {
    says: 'src/chat/ imports neither vscode nor anything outside src/chat/',
    check: (file, imports) =>
      file.startsWith('src/chat/') ? imports.filter(({ spec, target }) => spec === 'vscode' || (target !== undefined && !target.startsWith('src/chat/'))) : [],
  },
  {
    says: 'undici is imported only by src/chat/http/transport.ts (and a proxy helper beside it)',
    check: (file, imports) => (UNDICI_FILES.test(file) ? [] : imports.filter(({ spec }) => spec === 'undici' || spec.startsWith('undici/'))),
  },
  {
    says: `only ${RUNTIME_LOADER} loads the runtime bundle`,
    check: (file, imports) =>
      file === RUNTIME_LOADER ? [] : imports.filter(({ spec, target }) => spec === RUNTIME_BUNDLE_SPEC || (target === RUNTIME_ENTRY && !file.startsWith('src/chat/'))),
  },
];

/** The files of the main bundle: what dist/extension.js pulls in from src/extension.ts by value imports. */
function mainBundleFiles(): Map<string, string> {
  const reachedFrom = new Map<string, string>([['src/extension.ts', 'the entry']]);
  const queue = ['src/extension.ts'];
  for (let file = queue.shift(); file; file = queue.shift()) {
    for (const i of fileImports(file)) {
      if (i.typeOnly || !i.target?.startsWith('src/') || reachedFrom.has(i.target)) continue;
      reachedFrom.set(i.target, file);
      queue.push(i.target);
    }
  }
  return reachedFrom;
}

function violations(files: readonly string[]): string[] {
  return files.flatMap((file) => {
    const imports = fileImports(file);
    return RULES.flatMap((rule) => rule.check(file, imports).map((i) => `${file} imports ${i.spec}: ${rule.says}`));
  });
}

describe('layering', () => {
  const files = listTs('src');

  it('reads the imports of every source file', () => {
    assert.ok(files.length > 30, `only ${files.length} files under src/`);
    assert.ok(
      fileImports('src/extension.ts').some((i) => i.target === 'src/commands/index.ts'),
      'src/extension.ts imports ./commands',
    );
  });

  it('places every source file in a layer', () => {
    assert.deepEqual(
      files.filter((f) => !layerOf(f)),
      [],
      'add new files or folders to LAYERS here and to ARCHITECTURE.md',
    );
  });

  it('has no import that points up a layer or across to another room of its layer, and keeps the core apart', () => {
    assert.deepEqual(violations(files), []);
  });

  it('keeps the runtime bundle (the Chat client with undici) out of the main bundle', () => {
    const main = mainBundleFiles();
    const runtimeFiles = files.filter((f) => fileImports(f).some((i) => i.spec === 'undici')).concat(RUNTIME_ENTRY, 'src/chat/client.ts');
    assert.deepEqual(
      runtimeFiles.filter((f) => main.has(f)).map((f) => `${f} (imported by ${main.get(f)})`),
      [],
    );
  });

  it('fails on a planted upward import, a sideways one, vscode in the core, a stray undici and the runtime bundle', () => {
    const planted: [file: string, text: string][] = [
      ['src/views/rolesTree.ts', "import type { Services } from '../services';"],
      ['src/editor/hover.ts', "import { GroupNode } from '../views/nodes';"],
      ['src/chat/errors.ts', "import * as vscode from 'vscode';"],
      ['src/chat/parse.ts', "import { Log } from '../log';"],
      ['src/checks/connection.ts', "import { Agent } from 'undici';"],
      ['src/checks/connection.ts', "const runtime = require('./chat-runtime.js');"],
      ['src/ui/time.ts', "export { ChatClient } from '../chat/runtime';"],
    ];
    for (const [file, text] of planted) {
      const found = RULES.flatMap((rule) => rule.check(file, importsOf(file, text)));
      assert.ok(found.length > 0, `${file}: ${text} passed`);
    }
    assert.deepEqual(
      RULES.flatMap((rule) => rule.check('src/commands/checkRoles.ts', importsOf('src/commands/checkRoles.ts', "import { revealGroup } from '../views/reveal';"))),
      [],
      'a downward import is fine',
    );
  });
});
