import { chromium, type Browser, type BrowserContext } from 'playwright-core';

const OPTIONS = { executablePath: '/usr/bin/chromium', headless: true } as const;
/** No sandbox (containers), and nothing running in the background that could call out. */
const SWITCHES = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-default-apps', '--disable-sync', '--no-first-run'];

/** Debian's Chromium, headless, with nothing running in the background that could call out; `args` adds switches. */
export function launchChromium(args: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ ...OPTIONS, args: [...SWITCHES, ...args] });
}

/**
 * The same Chromium with a profile kept in `dir`, as a reader's browser keeps one: its cache (and the code it
 * compiled, which Chromium keeps with the cached files) lasts from one visit to the next.
 */
export function launchChromiumProfile(dir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, { ...OPTIONS, args: SWITCHES });
}
