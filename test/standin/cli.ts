// `npm run chat-server -- --port N --data FILE [--rate N|off] [--print-credentials]`
// Starts the stand-in on 127.0.0.1 until SIGINT/SIGTERM. Prints the URL, the SDKAppID and the admins;
// the secret key only with --print-credentials. Never prints a UserSig.
import { commandLineOptions } from './command-line';
import { DEMO_DATA_FILE } from './data/demo-app';
import { loadModel } from './seed';
import { startStandIn } from './server';

const USAGE = 'usage: chat-server [--port N] [--data FILE] [--rate N|off] [--print-credentials]\n' +
  '  --port N             port on 127.0.0.1 (default 0: a free port)\n' +
  '  --data FILE          seed data JSON (default test/standin/data/demo.json)\n' +
  '  --rate N|off         per-app requests per second (default 200)\n' +
  '  --print-credentials  also print the app\'s secret key (off by default)';

interface CliOptions {
  port: number;
  data: string;
  rate: number | false;
  printCredentials: boolean;
}

function parseArgs(argv: string[]): CliOptions | 'help' {
  const options: CliOptions = { port: 0, data: DEMO_DATA_FILE, rate: 200, printCredentials: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--help':
      case '-h':
        return 'help';
      case '--port': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) > 65535) throw new Error(`--port must be 0..65535, not ${v}`);
        options.port = Number(v);
        break;
      }
      case '--data':
        options.data = value();
        break;
      case '--rate': {
        const v = value();
        if (v !== 'off' && !/^[1-9]\d*$/.test(v)) throw new Error(`--rate must be a positive integer or off, not ${v}`);
        options.rate = v === 'off' ? false : Number(v);
        break;
      }
      case '--print-credentials':
        options.printCredentials = true;
        break;
      default:
        throw new Error(`unknown argument ${arg}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const options = commandLineOptions(parseArgs, USAGE);
  if (!options) return;
  const { app } = loadModel(options.data);
  const standIn = await startStandIn({ data: options.data, port: options.port, requestsPerSecond: options.rate });
  // Handlers first: whoever reads the URL line may signal at once.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    standIn.close().then(
      () => {
        console.log(`Chat API stand-in stopped (${signal})`);
        process.exit(0);
      },
      (e: unknown) => {
        console.error(`Chat API stand-in failed to stop (${signal}): ${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // One write, so a reader that sees the URL line sees the rest too.
  const lines = [
    `Chat API stand-in listening on ${standIn.url}`,
    `SDKAppID ${app.sdkAppId}, admin ${[...app.admins].join(', ')}, ${options.rate === false ? 'no rate limit' : `${options.rate} requests/s`}`,
  ];
  if (options.printCredentials) lines.push(`Secret key ${app.secretKey}`);
  console.log(lines.join('\n'));
}

main().catch((e: Error) => {
  console.error(`Chat API stand-in failed to start: ${e.message}`);
  process.exit(1);
});
