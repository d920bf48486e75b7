// Layer 4: headless Chromium against the code-server workbench; mocha runs here, on plain Node.
// Screenshots of every test land in .test-runs/<time>/ui/, printed at the end.
import * as path from 'path';
import { runLayer } from '../layerResult';
import { runMocha } from '../mochaRun';
import { compiledTests, runsDir } from '../paths';

const screenshots = path.join(runsDir, new Date().toISOString().replace(/[:.]/g, '-'), 'ui');
process.env.CHAT_ROLES_UI_SCREENSHOTS = screenshots;

runLayer('ui', async () => {
  try {
    return await runMocha(compiledTests('ui'), { timeoutMs: 60_000, slowMs: 5000 });
  } finally {
    console.log(`[ui] screenshots: ${screenshots}`);
  }
});
