import * as vscode from 'vscode';

/** What a prompt of a multi-step input resolves to when the user pressed its Back button. */
export const BACK = Symbol('back');
export type Back = typeof BACK;

export interface TextPromptOptions {
  title: string;
  step?: number;
  totalSteps?: number;
  prompt: string;
  placeholder?: string;
  value?: string;
  password?: boolean;
  /** Checked as typed and again on Enter; a reason blocks accepting. */
  validate?: (value: string) => string | undefined;
  /** Checked as typed and on Enter: a doubt shown as a warning; Enter again (on the same value) accepts. */
  warn?: (value: string) => string | undefined;
  /** A prompt for the current value (e.g. what a pasted UserSig decodes to); falls back to `prompt`. */
  hint?: (value: string) => string | undefined;
  /** Shows the standard Back button (a later step of a multi-step input); pressing it resolves to BACK. */
  back?: boolean;
}

export interface PickPromptOptions<T extends vscode.QuickPickItem> {
  title: string;
  step?: number;
  totalSteps?: number;
  placeholder?: string;
  value?: string;
  items: readonly T[];
  /** Rebuilds the items as the user types (for a "use what I typed" entry); defaults to the fixed items. */
  itemsFor?: (value: string) => readonly T[];
  /**
   * The item Enter means, given the value at that moment: lets an entry built from the typed text be
   * rebuilt from the final text, in case Enter came before the list caught up with the last keystroke.
   */
  onAccept?: (item: T, value: string) => T;
  /** Whether Enter on this item may close the pick (e.g. not on an entry that shows a typing error). */
  canAccept?: (item: T) => boolean;
  /**
   * With the box empty, Enter only highlights what it would take: the returned question replaces the
   * placeholder, and a second Enter on the same item accepts it (nothing runs that the user did not see).
   */
  confirmOnEmpty?: (item: T) => string;
  /** Shows the standard Back button; pressing it resolves to BACK. */
  back?: boolean;
}

/** Hears each prompt appear and go (the test API's seam; nothing observes prompts in normal use). */
export interface PromptObserver {
  shown(input: vscode.QuickInput): void;
  hidden(input: vscode.QuickInput): void;
}

/**
 * Shows the extension's input boxes and quick picks, one at a time. In the integration tests an observer
 * hears of every prompt: the tests answer prompts by setting the value and running the workbench's
 * accept command, exactly as a user typing and pressing Enter.
 */
export class Prompts implements vscode.Disposable {
  private active: vscode.QuickInput | undefined;

  constructor(private readonly observer?: PromptObserver) {}

  /** Resolves to the accepted text, or undefined when the user dismissed the prompt (BACK: its Back button). */
  text(options: TextPromptOptions & { back: true }): Promise<string | undefined | Back>;
  text(options: TextPromptOptions): Promise<string | undefined>;
  text(options: TextPromptOptions): Promise<string | undefined | Back> {
    const box = vscode.window.createInputBox();
    box.title = options.title;
    box.step = options.step;
    box.totalSteps = options.totalSteps;
    box.prompt = options.prompt;
    box.placeholder = options.placeholder;
    box.value = options.value ?? '';
    box.password = options.password ?? false;
    box.ignoreFocusOut = true;
    const validate = (v: string) => options.validate?.(v);
    const refresh = (v: string) => {
      const reason = v ? validate(v) : undefined;
      const doubt = v && !reason ? options.warn?.(v) : undefined;
      box.validationMessage = doubt ? { message: doubt, severity: vscode.InputBoxValidationSeverity.Warning } : reason;
      box.prompt = (!reason && v && options.hint?.(v)) || options.prompt;
    };
    refresh(box.value);
    if (options.back) box.buttons = [vscode.QuickInputButtons.Back];
    return new Promise<string | undefined | Back>((resolve) => {
      let done = false;
      let warned: string | undefined;
      const disposables: vscode.Disposable[] = [
        box.onDidChangeValue(refresh),
        box.onDidTriggerButton((button) => {
          if (button !== vscode.QuickInputButtons.Back) return;
          done = true;
          resolve(BACK);
          box.hide();
        }),
        box.onDidAccept(() => {
          const reason = validate(box.value);
          box.validationMessage = reason;
          if (reason) return;
          // A doubt holds the first Enter, so a pasted value is not sent before its warning was seen.
          const doubt = options.warn?.(box.value);
          if (doubt && warned !== box.value) {
            warned = box.value;
            box.validationMessage = { message: doubt, severity: vscode.InputBoxValidationSeverity.Warning };
            return;
          }
          done = true;
          resolve(box.value);
          box.hide();
        }),
        box.onDidHide(() => {
          if (!done) resolve(undefined);
          this.finish(box, disposables);
        }),
      ];
      this.present(box);
    });
  }

  /** Resolves to the accepted item, or undefined when dismissed (BACK: its Back button). */
  pick<T extends vscode.QuickPickItem>(options: PickPromptOptions<T> & { back: true }): Promise<T | undefined | Back>;
  pick<T extends vscode.QuickPickItem>(options: PickPromptOptions<T>): Promise<T | undefined>;
  pick<T extends vscode.QuickPickItem>(options: PickPromptOptions<T>): Promise<T | undefined | Back> {
    const qp = vscode.window.createQuickPick<T>();
    qp.title = options.title;
    qp.step = options.step;
    qp.totalSteps = options.totalSteps;
    qp.placeholder = options.placeholder;
    qp.ignoreFocusOut = true;
    qp.matchOnDescription = true;
    qp.value = options.value ?? '';
    qp.items = options.itemsFor ? options.itemsFor(qp.value) : options.items;
    if (options.back) qp.buttons = [vscode.QuickInputButtons.Back];
    return new Promise<T | undefined | Back>((resolve) => {
      let done = false;
      let asked: T | undefined;
      const disposables: vscode.Disposable[] = [
        qp.onDidTriggerButton((button) => {
          if (button !== vscode.QuickInputButtons.Back) return;
          done = true;
          resolve(BACK);
          qp.hide();
        }),
        qp.onDidChangeValue((v) => {
          asked = undefined;
          qp.placeholder = options.placeholder;
          if (!options.itemsFor) return;
          qp.items = options.itemsFor(v);
          // What was just typed is what Enter means; the arrow keys still reach the other entries.
          qp.activeItems = qp.items.slice(0, 1);
        }),
        qp.onDidAccept(() => {
          const active = qp.activeItems[0] ?? qp.selectedItems[0];
          const chosen = active && options.onAccept ? options.onAccept(active, qp.value) : active;
          if (!chosen || options.canAccept?.(chosen) === false) return;
          if (options.confirmOnEmpty && !qp.value.trim() && asked !== chosen) {
            asked = chosen;
            qp.placeholder = options.confirmOnEmpty(chosen);
            return;
          }
          done = true;
          resolve(chosen);
          qp.hide();
        }),
        qp.onDidHide(() => {
          if (!done) resolve(undefined);
          this.finish(qp, disposables);
        }),
      ];
      this.present(qp);
    });
  }

  private present(input: vscode.QuickInput): void {
    this.active?.hide();
    this.active = input;
    input.show();
    this.observer?.shown(input);
  }

  private finish(input: vscode.QuickInput, disposables: vscode.Disposable[]): void {
    if (this.active === input) this.active = undefined;
    this.observer?.hidden(input);
    for (const d of disposables) d.dispose();
    input.dispose();
  }

  dispose(): void {
    this.active?.hide();
  }
}
