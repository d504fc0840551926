import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../src/pipeline/chromium.ts';
import { serve } from '../src/pipeline/serve.ts';

/**
 * The reader's side of the benchmark: a built site (`dist` folder, first argument) served on 127.0.0.1 and
 * opened in headless Chromium, a new context (empty cache) per run. Prints the medians as JSON: compressed
 * bytes needed before the first chart is painted, time to that paint, the first filter change (engine load
 * included) and later filter changes.
 */
const dist = process.argv[2]!;
const path = process.argv[3] ?? '/zh/cx-management/overview/';
const RUNS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const site = await serve(dist);
const browser = await launchChromium();
const runs: { bytes: number; firstChart: number; firstFilter: number; laterFilter: number }[] = [];
try {
  for (let r = 0; r < RUNS; r++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
    // The charts are SVG in the HTML: the first contentful paint shows them, with no script run.
    const paint = await page.evaluate(async () => {
      // The paint entry may be recorded after the load event: wait for it.
      const fcp = await new Promise<number>((resolve) =>
        new PerformanceObserver((list) => {
          const entry = list.getEntriesByName('first-contentful-paint')[0];
          if (entry) resolve(entry.startTime);
        }).observe({ type: 'paint', buffered: true }),
      );
      const before = performance.getEntriesByType('resource').filter((e) => e.startTime < fcp).map((e) => new URL(e.name).pathname);
      return { fcp, before };
    });
    const file = (p: string) => join(dist, p.endsWith('/') ? `${p}index.html` : p);
    // Files the site does not have (a browser's favicon probe) were answered 404, with no body.
    const bytes = [path, ...paint.before].filter((p) => existsSync(file(p))).reduce((sum, p) => sum + gzipSync(readFileSync(file(p))).length, 0);
    const state = (s: string) => page.waitForSelector(`html[data-cx-state="${s}"]:not([data-cx-busy])`, { timeout: 120_000 });
    const values = await page.$$eval('details[data-dim=industry] input', (els) => els.map((e) => (e as HTMLInputElement).value));
    // Timed from the reader's first touch of the filter bar (the page starts the engine then), through
    // opening a list and ticking a value, to the redrawn page.
    let started = performance.now();
    await page.click('details[data-dim=industry] summary');
    await page.check(`input[name=industry][value=${values[0]}]`);
    await state(`?industry=${values[0]}`);
    const firstFilter = performance.now() - started;
    const later: number[] = [];
    for (const v of values.slice(1, 6)) {
      await page.uncheck('details[data-dim=industry] input:checked');
      await state('');
      started = performance.now();
      await page.check(`input[name=industry][value=${v}]`);
      await state(`?industry=${v}`);
      later.push(performance.now() - started);
    }
    runs.push({ bytes, firstChart: paint.fcp, firstFilter, laterFilter: median(later) });
    await context.close();
  }
} finally {
  await browser.close();
  await site.close();
}
console.log(JSON.stringify(Object.fromEntries((['bytes', 'firstChart', 'firstFilter', 'laterFilter'] as const).map((k) => [k, median(runs.map((r) => r[k]))]))));
