import * as vscode from 'vscode';

// Activation registers everything synchronously and does no network I/O; the Chat client
// (undici and all) is loaded from dist/chat-runtime.js on the first query.
export function activate(_context: vscode.ExtensionContext): void {}

export function deactivate(): void {}
