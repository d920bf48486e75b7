// Layer 1: mocha on plain Node for every module that does not import vscode.
import { runLayer } from '../layerResult';
import { runMocha } from '../mochaRun';
import { compiledTests } from '../paths';

runLayer('unit', () => runMocha(compiledTests('unit'), { timeoutMs: 10_000, slowMs: 200 }));
