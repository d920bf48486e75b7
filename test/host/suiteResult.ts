// The result file a mocha run leaves behind. Inside the extension host it is the only trustworthy
// verdict: the workbench reports exit code 0 even when the extension host crashed.
import * as fs from 'fs';

/** Env var naming the file the suite's run() writes; every runner env var reaches the extension host. */
export const RESULT_FILE_ENV = 'CHAT_ROLES_TEST_RESULT';

export interface SuiteResult {
  passes: number;
  failures: number;
  /** Tests that ran (pending ones excluded). */
  total: number;
}

export function writeSuiteResult(file: string, result: SuiteResult): void {
  fs.writeFileSync(file, JSON.stringify(result) + '\n');
}

/** The result in `file`, or undefined when there is none (the suite never finished). */
export function readSuiteResult(file: string): SuiteResult | undefined {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const parsed = JSON.parse(raw) as Partial<SuiteResult>;
  const { passes, failures, total } = parsed;
  if (![passes, failures, total].every((n) => Number.isInteger(n) && (n as number) >= 0)) {
    throw new Error(`${file} is not a suite result: ${raw.slice(0, 200)}`);
  }
  return { passes: passes!, failures: failures!, total: total! };
}
