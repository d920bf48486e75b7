// Headless Debian Chromium through playwright-core (no browser download: the system one is used).
import { type Browser, chromium } from 'playwright-core';
import { chromiumPath } from './paths';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  // Signal handling stays with processGroup.ts; playwright still kills the browser when this process exits.
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: FLAGS,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: 60_000,
  });
}
