import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktop from 'lighthouse/core/config/desktop-config.js';
import { serve } from '../src/pipeline/serve.ts';

/**
 * Lighthouse (performance, accessibility, best practices, SEO) on chapter pages of a built site (`dist`
 * folder, first argument; page paths after it), in Debian's Chromium, with Lighthouse's mobile settings
 * (its default: a slow phone on 4G, simulated) and its desktop settings. Prints the scores (0-100) as JSON,
 * by page and settings.
 */
const [dist = 'dist', ...paths] = process.argv.slice(2);
const pages = paths.length ? paths : ['/zh/cx-management/overview/', '/en/cx-management/overview/'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const SETTINGS = { mobile: undefined, desktop } as const;

const site = await serve(dist);
const chrome = await launch({
  chromePath: '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-default-apps', '--disable-sync', '--no-first-run'],
});
const scores: Record<string, Record<string, number>> = {};
try {
  for (const path of pages) {
    for (const [name, config] of Object.entries(SETTINGS)) {
      const result = await lighthouse(`${site.url}${path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] }, config);
      if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
      scores[`${path} (${name})`] = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((result.lhr.categories[c]?.score ?? 0) * 100)]));
    }
  }
} finally {
  chrome.kill();
  await site.close();
}
console.log(JSON.stringify(scores));
