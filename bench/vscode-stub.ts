// A stand-in for the `vscode` module, used ONLY by the activation benchmark (row 4) to load and activate
// the bundle on plain Node. It is not a test double: it answers every API call with an inert object so
// that the time measured is the bundle's own loading and registration work, not a fake host's.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Module from 'node:module';

const STUB_ID = '<bench:vscode-stub>';

/** Resolves on the next tick to undefined, so both `await x` and `x.then(...)` work and never hang. */
function resolvedThen(onFulfilled?: (v: unknown) => unknown, onRejected?: (e: unknown) => unknown): Promise<unknown> {
  return Promise.resolve(undefined).then(onFulfilled, onRejected);
}

/**
 * An inert value: any property is another inert value, calling or constructing it gives one too, and
 * properties assigned to it (statusBarItem.text = …) keep their value. Subclasses (class Node extends
 * vscode.TreeItem) get ordinary instances whose inherited members are inert.
 */
function inert(name: string): unknown {
  const children = new Map<PropertyKey, unknown>();
  const target = function () {} as unknown as Record<PropertyKey, unknown>;
  const proxy: object = new Proxy(target, {
    set(_t, prop, value, receiver) {
      // An instance of a subclass reaches here through its prototype chain: the value is the instance's own.
      if (receiver !== proxy) return Reflect.defineProperty(receiver as object, prop, { value, writable: true, enumerable: true, configurable: true });
      children.set(prop, value);
      return true;
    },
    get(t, prop) {
      if (children.has(prop)) return children.get(prop);
      if (prop === 'then') return resolvedThen;
      if (prop === Symbol.toPrimitive) return () => '';
      if (prop === 'dispose') return () => undefined;
      if (prop !== 'prototype' && Object.prototype.hasOwnProperty.call(t, prop)) return t[prop as string];
      const child = inert(`${name}.${String(prop)}`);
      children.set(prop, child);
      return child;
    },
    apply(_t, _this, args: unknown[]) {
      // getConfiguration(...).get(key, default) and Memento.get(key, default): the default.
      if (name.endsWith('.get')) return args[1];
      return inert(`${name}()`);
    },
    construct(_t, _args, newTarget: { prototype: object }) {
      return newTarget === proxy ? (inert(`new ${name}`) as object) : (Object.create(newTarget.prototype) as object);
    },
  });
  return proxy;
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
      update: (key: string, value: unknown) => {
        values.set(key, value);
        return Promise.resolve();
      },
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
      get: (key: string) => Promise.resolve(secrets.get(key)),
      store: (key: string, value: string) => {
        secrets.set(key, value);
        return Promise.resolve();
      },
      delete: (key: string) => {
        secrets.delete(key);
        return Promise.resolve();
      },
      onDidChange: () => ({ dispose: () => undefined }),
    },
    extensionMode: 1,
  };
  const rest = inert('context') as Record<PropertyKey, unknown>;
  return new Proxy(known, { get: (t, prop) => (prop in t ? t[prop as string] : rest[prop]) });
}
