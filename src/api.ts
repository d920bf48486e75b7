// The test API: what activate() returns in ExtensionMode.Test, and only there. In every other mode
// activate() returns undefined: any extension can read getExtension(...).exports, and these seams reach
// the credential store and the prompt in which a UserSig or secret key is typed.
import * as vscode from 'vscode';
import type { Confirmer } from './changes/confirm';
import type { RoleChangeGate } from './changes/gate';
import type { RegionId } from './chat/http/regions';
import { CREDENTIALS_SECRET_KEY, type SecretStorageLike } from './credentials/store';
import type { Services } from './services';
import type { PromptObserver } from './ui/prompts';
import { ResultsStore } from './results/store';
import type { ListingsStore } from './results/listings';
import { RolesTreeProvider } from './views/rolesTree';

/**
 * Not a public API: the integration tests reach the extension's real services through it (the tree, the
 * diagnostics, prompts to answer, the credential store's backing storage) instead of through commands
 * that would have to be declared in package.json.
 */
export interface ChatRolesApi {
  readonly services: Services;
  /** Swaps the credential store's SecretStorage (e.g. for one that fails); without an argument, back to the real one. */
  useSecretStorage(storage?: SecretStorageLike): void;
  /** The credential status bar item as shown; `visible` while credentials are known. */
  statusBarView(): Pick<vscode.StatusBarItem, 'text' | 'tooltip' | 'backgroundColor'> & { visible: boolean };
  /** Every prompt (input box or quick pick) the extension shows, as it appears. */
  readonly onDidShowPrompt: vscode.Event<vscode.QuickInput>;
  /** The prompt on screen, if any. */
  currentPrompt(): vscode.QuickInput | undefined;
  /** A new results store and tree over the same workspace state: what a reloaded window shows. Dispose it. */
  restoredTree(): RolesTreeProvider;
  /** This extension's log folder (context.logUri); the "Chat Roles" channel writes "Chat Roles.log" there. */
  readonly logDirectory: vscode.Uri;
  /** Whether dist/chat-runtime.js has been loaded (activation must not load it). */
  runtimeLoaded(): boolean;
  /** Stand-ins in place of each region's main domain for the region doctor; without an argument, the real domains. */
  useRegionOrigins(origins?: Partial<Record<RegionId, string>>): void;
  /** The extension's workspace and global state, for tests that audit what is kept there (never a secret). */
  readonly state: { workspace: vscode.Memento; global: vscode.Memento };
  /** Puts a gate (apps and their switches held by the test) in place of the read-only one; without an argument, back to it. */
  useRoleChangeGate(gate?: RoleChangeGate): void;
  /** Answers role-change confirmations (message, detail, buttons) instead of the modal; without an argument, the modal again. */
  answerRoleChangeModals(answer?: Confirmer): void;
}

/** The context's SecretStorage behind a switch, so a test can put a failing storage in its place. */
export class SwappableSecretStorage implements SecretStorageLike, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.changed.event;
  private target: SecretStorageLike;
  private readonly forward: vscode.Disposable;

  constructor(private readonly original: vscode.SecretStorage) {
    this.target = original;
    this.forward = original.onDidChange((e) => this.changed.fire(e));
  }

  get(key: string): Thenable<string | undefined> {
    return this.target.get(key);
  }
  store(key: string, value: string): Thenable<void> {
    return this.target.store(key, value);
  }
  delete(key: string): Thenable<void> {
    return this.target.delete(key);
  }

  /** Switches storage; the store hears it as a change of its entry, so it forgets what it cached. */
  use(storage?: SecretStorageLike): void {
    this.target = storage ?? this.original;
    this.changed.fire({ key: CREDENTIALS_SECRET_KEY });
  }

  dispose(): void {
    this.forward.dispose();
    this.changed.dispose();
  }
}

/** Tracks the prompt on screen and announces each one. */
export class PromptWatch implements PromptObserver, vscode.Disposable {
  private readonly shownEmitter = new vscode.EventEmitter<vscode.QuickInput>();
  readonly onDidShow = this.shownEmitter.event;
  current: vscode.QuickInput | undefined;

  shown(input: vscode.QuickInput): void {
    this.current = input;
    this.shownEmitter.fire(input);
  }

  hidden(input: vscode.QuickInput): void {
    if (this.current === input) this.current = undefined;
  }

  dispose(): void {
    this.shownEmitter.dispose();
  }
}

/** A tree over its own results store, disposing both. */
class RestoredTree extends RolesTreeProvider {
  constructor(
    private readonly store: ResultsStore,
    listings?: ListingsStore,
  ) {
    super(store, { listings });
  }

  override dispose(): void {
    super.dispose();
    this.store.dispose();
  }
}

export function createTestApi(
  context: vscode.ExtensionContext,
  services: Services,
  seams: { secrets: SwappableSecretStorage; prompts: PromptWatch; statusBarItem: vscode.StatusBarItem; runtimeLoaded: () => boolean },
): ChatRolesApi {
  const productionGate = services.roleChanges.gate;
  const productionConfirmer = services.roleChanges.confirmer;
  return {
    services,
    useSecretStorage: (storage) => seams.secrets.use(storage),
    statusBarView: () => ({
      text: seams.statusBarItem.text,
      tooltip: seams.statusBarItem.tooltip,
      backgroundColor: seams.statusBarItem.backgroundColor,
      visible: services.credentials.summary() !== undefined,
    }),
    onDidShowPrompt: seams.prompts.onDidShow,
    currentPrompt: () => seams.prompts.current,
    restoredTree: () => new RestoredTree(new ResultsStore(context.workspaceState, services.log), services.listings),
    logDirectory: context.logUri,
    runtimeLoaded: seams.runtimeLoaded,
    state: { workspace: context.workspaceState, global: context.globalState },
    useRoleChangeGate: (gate) => {
      services.roleChanges.gate = gate ?? productionGate;
    },
    answerRoleChangeModals: (answer) => {
      services.roleChanges.confirmer = answer ?? productionConfirmer;
    },
    useRegionOrigins: (origins) => {
      services.regionDoctor.testOrigins = origins;
    },
  };
}
