// extensionTestsPath of the installed-copy layer: the .vsix build, installed into the extensions dir.
import { runHostSuite } from '../host/hostSuite';

export function run(): Promise<void> {
  return runHostSuite('installed');
}
