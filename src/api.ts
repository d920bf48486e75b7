import type { Services } from './services';
import type { RolesTreeProvider } from './views/rolesTree';

/**
 * What activate() returns. Not a public API: the integration tests reach the extension's real
 * services through it (the tree, the diagnostics, prompts to answer, the credential store's backing
 * storage) instead of through commands that would have to be declared in package.json.
 */
export interface ChatRolesApi {
  readonly services: Services;
  /** A new results store and tree over the same workspace state: what a reloaded window shows. */
  restoredTree(): RolesTreeProvider;
  /** This extension's log folder (context.logUri); the "Chat Roles" channel writes "Chat Roles.log" there. */
  readonly logDirectory: import('vscode').Uri;
  /** Whether dist/chat-runtime.js has been loaded (activation must not load it). */
  runtimeLoaded(): boolean;
  /** The extension's workspace and global state, for tests that audit what is kept there (never a secret). */
  readonly state: { workspace: import('vscode').Memento; global: import('vscode').Memento };
}
