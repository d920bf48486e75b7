// Layer 2: the integration suite inside a real extension host, with the repository as the extension; then
// the trust tests once more in a window whose workspace is not trusted (workspace trust on).
import * as path from 'path';
import { runLayer } from '../layerResult';
import { repoRoot } from '../paths';
import { runSuiteInHost } from '../runInHost';

/** The test file that runs in both windows; CHAT_ROLES_TEST_FILES narrows both passes alike. */
const TRUST_TESTS = 'trust.test';

runLayer('integration', async () => {
  const suite = { extensionDevelopmentPath: repoRoot, testsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index.js') };
  const trusted = await runSuiteInHost(suite);
  const only = process.env.CHAT_ROLES_TEST_FILES;
  if (only && !`${TRUST_TESTS}.ts`.includes(only)) return trusted;
  const untrusted = await runSuiteInHost({ ...suite, env: { CHAT_ROLES_TEST_FILES: TRUST_TESTS, CHAT_ROLES_TEST_TRUST: 'off' } });
  return {
    passes: trusted.passes + untrusted.passes,
    failures: trusted.failures + untrusted.failures,
    total: trusted.total + untrusted.total,
  };
});
