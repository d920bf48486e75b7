// The command line @vscode/test-electron's runTests hands to a VS Code executable, as our launcher reads it.

export interface LauncherArgs {
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  /** The folder to open (runTests passes it first, through launchArgs). */
  folder?: string;
  extensionsDir?: string;
  userDataDir?: string;
}

/**
 * Switches runTests always adds. The desktop-only ones mean nothing to code-server; trust is off unless
 * CHAT_ROLES_TEST_TRUST=off (runTests has no way to leave out --disable-workspace-trust).
 */
const IGNORED = new Set(['--no-sandbox', '--disable-gpu-sandbox', '--disable-updates', '--skip-welcome', '--skip-release-notes', '--disable-workspace-trust']);

export function parseLauncherArgs(argv: string[]): LauncherArgs {
  const valued = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const m = /^--(extensionDevelopmentPath|extensionTestsPath|extensions-dir|user-data-dir)=(.*)$/s.exec(arg);
    if (m) valued.set(m[1], m[2]);
    else if (/^--(extensionDevelopmentPath|extensionTestsPath|extensions-dir|user-data-dir)$/.test(arg) && i + 1 < argv.length)
      valued.set(arg.slice(2), argv[++i]);
    else if (IGNORED.has(arg)) continue;
    else if (arg.startsWith('-')) throw new Error(`code-server launcher: unsupported argument ${arg}`);
    else positional.push(arg);
  }
  const extensionDevelopmentPath = valued.get('extensionDevelopmentPath');
  const extensionTestsPath = valued.get('extensionTestsPath');
  if (!extensionDevelopmentPath || !extensionTestsPath) {
    throw new Error('code-server launcher: --extensionDevelopmentPath= and --extensionTestsPath= are required');
  }
  if (positional.length > 1) throw new Error(`code-server launcher: one folder at most, got ${positional.join(' ')}`);
  return {
    extensionDevelopmentPath,
    extensionTestsPath,
    folder: positional[0],
    extensionsDir: valued.get('extensions-dir'),
    userDataDir: valued.get('user-data-dir'),
  };
}
