// The demo as a UI test sees it: the packaged .vsix installed (never the development folder), a fresh
// stand-in seeded with the demo data, chatRoles.endpoint pointing at it in user settings, and a copy of
// demo/workspace opened. Call useDemoWorkbench() inside a describe(), like useWorkbench().
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packageVsix } from '../host/packageVsix';
import { repoRoot } from '../host/paths';
import { DEMO_DATA_FILE } from '../standin/data/demo-app';
import { fixtureValues } from '../standin/fixture';
import { startStandIn, type StandIn } from '../standin/server';
import { CHAT_ROLES_TAB } from './person';
import { useWorkbench, type Workbench, type WorkbenchOptions } from './workbench';

export interface DemoWorkbench extends Workbench {
  readonly standIn: StandIn;
  /** The copy of demo/workspace the workbench has open. */
  readonly workspace: string;
}

let packaged: Promise<string> | undefined;

/**
 * `npm run package` once per UI run; every suite installs the same .vsix, from a private copy (the one
 * in the repository root is replaced by any other packaging run, e.g. the installed layer's).
 */
function packagedVsix(): Promise<string> {
  packaged ??= packageVsix().then((vsix) => {
    const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chat-roles-ui-vsix-')), path.basename(vsix));
    fs.copyFileSync(vsix, copy);
    process.once('exit', () => fs.rmSync(path.dirname(copy), { recursive: true, force: true }));
    return copy;
  });
  return packaged;
}

/** `displayLanguage` runs the whole workbench in that language (test/host/displayLanguage.ts). */
export function useDemoWorkbench(extra: Pick<WorkbenchOptions, 'displayLanguage'> = {}): DemoWorkbench {
  // useWorkbench reads its options when its own before hook runs, after this describe's first hook
  // below has filled them in (hooks run in the order they are registered).
  const options: WorkbenchOptions = { extensionDevelopmentPath: null, ...extra };
  let standIn: StandIn | undefined;
  let scratch: string | undefined;

  before(async function () {
    this.timeout(240_000);
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-roles-ui-demo-'));
    const workspace = path.join(scratch, 'workspace');
    fs.cpSync(path.join(repoRoot, 'demo', 'workspace'), workspace, { recursive: true });
    standIn = await startStandIn({ data: DEMO_DATA_FILE });
    options.installVsix = await packagedVsix();
    options.folder = workspace;
    options.userSettings = { 'chatRoles.endpoint': standIn.url };
  });

  const workbench = useWorkbench(options);

  before(async function () {
    this.timeout(60_000);
    // The installed extension's contributions (its view container, its commands in the palette) are in
    // once its activity bar tab is drawn.
    await workbench.page.locator(CHAT_ROLES_TAB).waitFor({ timeout: 45_000 });
  });

  after(async () => {
    await standIn?.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  return fixtureValues<DemoWorkbench>({
    page: () => workbench.page,
    server: () => workbench.server,
    standIn: () => standIn,
    workspace: () => options.folder,
  });
}
