import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, headless, with nothing running in the background that could call out; `args` adds switches. */
export function launchChromium(args: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-default-apps', '--disable-sync', '--no-first-run', ...args],
  });
}
