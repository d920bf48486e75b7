// A stand-in for the `vscode` module, used ONLY by the activation benchmark (row 4) to load and activate
// the bundle on plain Node. It is not a test double: it answers every API call with an inert object so
// that the time measured is the bundle's own loading and registration work, not a fake host's.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Module = require('node:module');

const STUB_ID = '<bench:vscode-stub>';

/** Resolves on the next tick to undefined, so both `await x` and `x.then(...)` work and never hang. */
function resolvedThen(onFulfilled?: (v: unknown) => unknown, onRejected?: (e: unknown) => unknown): Promise<unknown> {
  return Promise.resolve(undefined).then(onFulfilled, onRejected);
}

/** An inert value: any property is another inert value, calling or constructing it gives one too. */
function inert(name: string): unknown {
  const children = new Map<PropertyKey, unknown>();
  const target = function () {} as unknown as Record<PropertyKey, unknown>;
  return new Proxy(target, {
    get(t, prop) {
      if (prop === 'then') return resolvedThen;
      if (prop === Symbol.toPrimitive) return () => '';
      if (prop === 'dispose') return () => undefined;
      if (prop === 'prototype') return t.prototype;
      if (Object.prototype.hasOwnProperty.call(t, prop)) return t[prop as string];
      if (!children.has(prop)) children.set(prop, inert(`${name}.${String(prop)}`));
      return children.get(prop);
    },
    apply(_t, _this, args: unknown[]) {
      // getConfiguration(...).get(key, default) and Memento.get(key, default): the default.
      if (name.endsWith('.get')) return args[1];
      return inert(`${name}()`);
    },
    construct(_t, _args, newTarget: { prototype: object }) {
      return Object.create(newTarget.prototype) as object;
    },
  });
}

/** Every top-level name the real module exports (namespaces, classes, enums), taken from @types/vscode. */
function apiNames(): string[] {
  const dts = fs.readFileSync(path.join(require.resolve('@types/vscode/package.json'), '..', 'index.d.ts'), 'utf8');
  return [...new Set(Array.from(dts.matchAll(/^\texport (?:namespace|class|enum|const|let) ([A-Za-z0-9_]+)/gm), (m) => m[1]))];
}

export function installVscodeStub(): void {
  const exports: Record<string, unknown> = {};
  for (const name of apiNames()) exports[name] = inert(`vscode.${name}`);
  exports.version = '1.98.0';
  const mod = new Module(STUB_ID);
  mod.exports = exports;
  mod.loaded = true;
  require.cache[STUB_ID] = mod;
  const internals = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolve = internals._resolveFilename;
  internals._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? STUB_ID : resolve.call(this, request, ...rest);
  };
}

/** An ExtensionContext with real arrays and in-memory state; anything else is inert. */
export function fakeExtensionContext(extensionPath: string): unknown {
  const memento = () => {
    const values = new Map<string, unknown>();
    return {
      get: (key: string, fallback?: unknown) => (values.has(key) ? values.get(key) : fallback),
      update: async (key: string, value: unknown) => void values.set(key, value),
      keys: () => [...values.keys()],
      setKeysForSync: () => undefined,
    };
  };
  const secrets = new Map<string, string>();
  const known: Record<string, unknown> = {
    subscriptions: [],
    extensionPath,
    asAbsolutePath: (p: string) => path.join(extensionPath, p),
    globalState: memento(),
    workspaceState: memento(),
    secrets: {
      get: async (key: string) => secrets.get(key),
      store: async (key: string, value: string) => void secrets.set(key, value),
      delete: async (key: string) => void secrets.delete(key),
      onDidChange: () => ({ dispose: () => undefined }),
    },
    extensionMode: 1,
  };
  const rest = inert('context') as Record<PropertyKey, unknown>;
  return new Proxy(known, { get: (t, prop) => (prop in t ? t[prop as string] : rest[prop]) });
}
