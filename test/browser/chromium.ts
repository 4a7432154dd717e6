import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

// The browser tests drive Debian's chromium package. A machine without it gets it here, once, through apt; if that
// fails the run fails: a browser test never passes by not running.

export const CHROMIUM = '/usr/bin/chromium';

/** Installs Debian's chromium when it is missing; throws, naming what to do, when it cannot. */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const apt = (...args: string[]) =>
    execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  try {
    apt('install', '-y', 'chromium');
  } catch {
    try {
      apt('update');
      apt('install', '-y', 'chromium');
    } catch (error) {
      throw new Error(
        `The browser tests need Chromium at ${CHROMIUM}, and "apt-get install -y chromium" failed ` +
          `(${error instanceof Error ? error.message : String(error)}). Install it, then run the tests again.`,
      );
    }
  }
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium, but ${CHROMIUM} is still missing.`);
  return CHROMIUM;
}

/** Headless Chromium, as a person's browser but without a window. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    headless: true,
    // Root in a container has no user namespace for Chromium's sandbox.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
}
