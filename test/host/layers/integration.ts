// Layer 2: the integration suite inside a real extension host, with the repository as the extension.
import * as path from 'path';
import { runLayer } from '../layerResult';
import { repoRoot } from '../paths';
import { runSuiteInHost } from '../runInHost';

runLayer('integration', () =>
  runSuiteInHost({
    extensionDevelopmentPath: repoRoot,
    testsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
  }),
);
