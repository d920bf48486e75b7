// A code-server workbench in headless Chromium for UI tests, driven as a person would. Call
// useWorkbench() inside a describe(): it starts the server and the browser before the tests, takes a
// screenshot after each test (into $CHAT_ROLES_UI_SCREENSHOTS) and stops everything afterwards.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium } from '../host/browser';
import { type CodeServer, type CodeServerOptions, startCodeServer } from '../host/codeServer';
import { repoRoot } from '../host/paths';

export interface WorkbenchOptions extends CodeServerOptions {
  /** Load the extension from this folder (default: the repository). Unset it when installVsix is used. */
  extensionDevelopmentPath?: string | null;
}

export interface Workbench {
  readonly page: Page;
  readonly server: CodeServer;
}

function screenshotName(title: string): string {
  return title.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '').slice(0, 120) + '.png';
}

export function useWorkbench(options: WorkbenchOptions = {}): Workbench {
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let scratch: string | undefined;

  before(async function () {
    this.timeout(90_000);
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-roles-ui-'));
    const folder = options.folder ?? path.join(scratch, 'workspace');
    fs.mkdirSync(folder, { recursive: true });
    server = await startCodeServer({ ...options, folder });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const devPath = options.extensionDevelopmentPath === undefined ? repoRoot : options.extensionDevelopmentPath;
    const payload: [string, string][] | undefined = devPath ? [['extensionDevelopmentPath', server.remoteUri(devPath)]] : undefined;
    await page.goto(server.workbenchUrl(folder, payload));
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
  });

  afterEach(async function () {
    const dir = process.env.CHAT_ROLES_UI_SCREENSHOTS;
    if (!dir || !page || !this.currentTest) return;
    fs.mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, screenshotName(this.currentTest.fullTitle())) });
  });

  after(async function () {
    this.timeout(30_000);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`the workbench ${what} is not started: use it inside tests, after useWorkbench()'s before hook`);
    return value;
  };
  return {
    get page() {
      return started(page, 'page');
    },
    get server() {
      return started(server, 'server');
    },
  };
}
