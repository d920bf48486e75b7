// extensionTestsPath of the integration layer: VS Code calls run() inside the extension host.
import { runHostSuite } from '../host/hostSuite';

export function run(): Promise<void> {
  return runHostSuite('integration');
}
