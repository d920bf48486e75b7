// Texts for the scanner row: a realistic source file and adversarial ones, all of an exact length.
// Sizes are in characters; every generated character is ASCII, so characters = bytes (1 MB = 10^6).
// Seeded, so every run scans the same text.
import { seededRandom } from '../test/standin/prng';

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function fakeId(rand: () => number): string {
  let s = '';
  for (let i = 0; i < 9; i++) s += ID_CHARS[Math.floor(rand() * ID_CHARS.length)];
  return rand() < 0.1 ? `@TGS#_@TGS#c${s}` : `@TGS#${s}`;
}

/** Lines that look like a TypeScript service using the Chat SDK; about one in eight names a group. */
const plainLines = [
  'export async function loadMembers(client: ChatClient, options: LoadOptions): Promise<Member[]> {',
  '  for (let i = 0; i < items.length; i++) { total += items[i].value * factor; }',
  "  const url = `https://example.com/api/v1/users/${encodeURIComponent(userId)}?expand=roles#top`;",
  '  // Contact support@example.com if the #general channel stops syncing.',
  "  logger.info('members loaded', { count: members.length, elapsedMs: Date.now() - started });",
  '  if (!response.ok) throw new HttpError(response.status, await response.text());',
  '}',
  '',
  "import { TencentCloudChat } from '@tencentcloud/chat';",
  '  return members.filter((m) => m.role !== "Owner").map((m) => m.userID).sort();',
];

function idLine(rand: () => number): string {
  const id = fakeId(rand);
  switch (Math.floor(rand() * 4)) {
    case 0:
      return `  const groupId = '${id}';`;
    case 1:
      return `  await chat.getGroupProfile({ groupID: "${id}" });`;
    case 2:
      return `  // see ${id} (support group) and ${fakeId(rand)}`;
    default:
      return `  groups.set(${JSON.stringify(id)}, { name: 'team ${Math.floor(rand() * 1000)}' });`;
  }
}

function fill(size: number, nextLine: () => string): string {
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    const line = nextLine() + '\n';
    parts.push(line);
    length += line.length;
  }
  return parts.join('').slice(0, size);
}

export function realisticSource(size: number): string {
  const rand = seededRandom(42);
  return fill(size, () => (rand() < 0.125 ? idLine(rand) : plainLines[Math.floor(rand() * plainLines.length)]));
}

/** Adversarial inputs: each should still scan in linear time. */
export const adversarial: { name: string; make: (size: number) => string }[] = [
  { name: "'@TGS#' repeated", make: (size) => '@TGS#'.repeat(Math.ceil(size / 5)).slice(0, size) },
  { name: 'one line of ID characters after @TGS#', make: (size) => '@TGS#' + 'A1_'.repeat(Math.ceil(size / 3)).slice(0, size - 5) },
  { name: 'one line of ID characters, no prefix', make: (size) => 'Ab9'.repeat(Math.ceil(size / 3)).slice(0, size) },
  {
    name: 'unclosed quotes with IDs',
    make: (size) => {
      const rand = seededRandom(7);
      return fill(size, () => `x = "${fakeId(rand)} '${fakeId(rand)} \`open ${fakeId(rand)}`);
    },
  },
  { name: 'one unclosed quote, one line', make: (size) => '"' + '@TGS#AB '.repeat(Math.ceil(size / 8)).slice(0, size - 1) },
];

/** The straightforward scanner a reviewer would write first: split into lines, run the regex on each. */
export function perLineRegexScan(text: string): { line: number; id: string }[] {
  const found: { line: number; id: string }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    for (const m of lines[i].matchAll(/@TGS#[A-Za-z0-9_@#]+/g)) found.push({ line: i, id: m[0] });
  }
  return found;
}
