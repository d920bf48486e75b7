// Loads dist/chat-runtime.js (the Chat client with undici) on first use, so activation stays light.
// esbuild keeps this exact specifier external; at run time it resolves next to dist/extension.js.
import * as vscode from 'vscode';
import type * as ChatRuntime from './chat/runtime';

export type Runtime = typeof ChatRuntime;

let runtime: Runtime | undefined;

export function loadRuntime(): Runtime {
  if (!runtime) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy, synchronous load of the second bundle is the point
    runtime = require('./chat-runtime.js') as Runtime;
    // Its own copy of the core speaks the display language too (its errors reach the user).
    runtime.useTranslations(vscode.l10n.bundle);
  }
  return runtime;
}

/** True once the runtime bundle has been loaded (tests check activation leaves it alone). */
export function isRuntimeLoaded(): boolean {
  return runtime !== undefined;
}
