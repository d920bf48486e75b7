// The start of a command (the stand-in's CLI, `npm run demo`): its options from this process's arguments.

/**
 * What `parse` reads from the arguments, or undefined when there is nothing to run: after --help (the
 * usage printed), or after a bad argument (the error and the usage printed, exit code 2).
 */
export function commandLineOptions<T>(parse: (argv: string[]) => T | 'help', usage: string): T | undefined {
  let options: T | 'help';
  try {
    options = parse(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n${usage}`);
    process.exitCode = 2;
    return undefined;
  }
  if (options === 'help') {
    console.log(usage);
    return undefined;
  }
  return options;
}
