import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { buildSite } from '../../src/pipeline/build.ts';
import { loadCube, type LoadedCube } from '../../src/pipeline/run.ts';
import { launchChromium } from '../../src/pipeline/chromium.ts';
import { serve } from '../../src/pipeline/serve.ts';

/** A freshly built site served on 127.0.0.1, a Chromium page on it, and the native cube to compare with. */
export interface SiteSession {
  url: string;
  /** The built site's folder. */
  dist: string;
  page: Page;
  native: LoadedCube;
  /** Every host the page sent a request to. */
  hosts: Set<string>;
  close(): Promise<void>;
}

export async function openSite(survey: string): Promise<SiteSession> {
  const out = mkdtempSync(join(tmpdir(), 'cx-e2e-'));
  await buildSite(process.cwd(), join(out, 'dist'), { log: () => undefined });
  const site = await serve(join(out, 'dist'));
  const native = await loadCube(resolve('data', survey), process.cwd());
  const browser = await launchChromium();
  const page = await browser.newPage();
  const hosts = new Set<string>();
  page.on('request', (r) => hosts.add(new URL(r.url()).host));
  // Every other host is blocked: a page that needed one would be incomplete, and its tests would fail.
  const own = new URL(site.url).host;
  await page.context().route((url) => url.host !== own, (route) => route.abort('blockedbyclient'));
  return {
    url: site.url,
    dist: join(out, 'dist'),
    page,
    native,
    hosts,
    close: async () => {
      await browser.close();
      await site.close();
      await native.engine.close();
      rmSync(out, { recursive: true, force: true });
    },
  };
}
