import * as vscode from 'vscode';
import { docsLinkFor, type DocsLinks } from '../chat/docs';

/** The page in the display language VS Code runs in: Tencent's Chinese docs for `zh…`, else the English ones. */
export function docsLink(links: DocsLinks): string {
  return docsLinkFor(links, vscode.env.language);
}
