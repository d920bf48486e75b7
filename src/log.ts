import * as vscode from 'vscode';
import type { LogLevel } from './chat/client';
import { redactSecrets } from './chat/errors';

/**
 * The one "Chat Roles" log. Every line passes through redaction first: `usersig=` values in URLs and
 * the secrets currently in the credential store (UserSig, secret key) never reach the channel's file.
 */
export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;
  /** The secrets to redact, per owner (each app's credential store keeps its own list). */
  private readonly secretsByOwner = new Map<string, string[]>();
  private secrets: string[] = [];

  constructor() {
    this.channel = vscode.window.createOutputChannel('Chat Roles', { log: true });
  }

  /** The secrets to scrub from every line from now on (the credential store keeps this current). */
  setSecrets(secrets: readonly (string | undefined)[], owner = ''): void {
    this.secretsByOwner.set(owner, secrets.filter((s): s is string => typeof s === 'string' && s.length > 0));
    this.secrets = [...this.secretsByOwner.values()].flat();
  }

  /**
   * Scrubs a text the same way log lines are scrubbed (for messages shown to the user too): UserSig
   * parameters, the known secrets, and any long piece of one (a server message may quote a secret cut short).
   */
  redact(text: string): string {
    return redactSecrets(text, this.secrets);
  }

  write(level: LogLevel, message: string): void {
    this.channel[level](this.redact(message));
  }

  trace(message: string): void {
    this.write('trace', message);
  }
  debug(message: string): void {
    this.write('debug', message);
  }
  info(message: string): void {
    this.write('info', message);
  }
  warn(message: string): void {
    this.write('warn', message);
  }
  /** Logs an error with its cause's message (never a stack that might quote a request). */
  error(message: string, cause?: unknown): void {
    const detail = cause === undefined ? '' : `: ${describeCause(cause)}`;
    this.write('error', message + detail);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

/** A thrown value in one line: an Error's message, a string as is, anything else as JSON (no stacks there). */
function describeCause(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  if (typeof cause === 'string') return cause;
  try {
    return JSON.stringify(cause) ?? typeof cause;
  } catch {
    return typeof cause; // a cycle or a BigInt
  }
}
