// Layer 3: what users get. Packages the .vsix, installs it into code-server's extensions dir and runs
// test/installed/ with an EMPTY development folder, so the installed (production) copy is the one loaded.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { installVsix } from '../codeServer';
import { runLayer } from '../layerResult';
import { packageVsix } from '../packageVsix';
import { repoRoot } from '../paths';
import { runSuiteInHost } from '../runInHost';

runLayer('installed', async () => {
  const vsix = await packageVsix();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-roles-installed-'));
  try {
    const extensionsDir = path.join(scratch, 'extensions');
    const emptyDevelopmentFolder = path.join(scratch, 'no-extension');
    fs.mkdirSync(extensionsDir);
    fs.mkdirSync(emptyDevelopmentFolder);
    await installVsix(vsix, extensionsDir);
    return await runSuiteInHost({
      extensionDevelopmentPath: emptyDevelopmentFolder,
      testsPath: path.join(repoRoot, 'out', 'test', 'installed', 'index.js'),
      extensionsDir,
      env: { CHAT_ROLES_TEST_VSIX: vsix, CHAT_ROLES_TEST_EXTENSIONS_DIR: extensionsDir },
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});
