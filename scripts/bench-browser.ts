import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { ENGINE_START } from '../src/engine/bundle.ts';
import { launchChromium, launchChromiumProfile } from '../src/pipeline/chromium.ts';
import { serve } from '../src/pipeline/serve.ts';

/**
 * The reader's side of the benchmark: a built site (`dist` folder, first argument) served on 127.0.0.1 and
 * opened in headless Chromium, a new context (empty cache) per run. Prints the medians as JSON, in ms unless
 * said: compressed bytes needed before the first chart is painted, time to that paint (measured apart, in a
 * browser doing nothing else); then, for views the
 * build published ready-made (one industry ticked), the first filter change (from the reader's first touch of
 * the filter bar) and later ones; and for views the in-browser engine computes (two industries ticked), the
 * first, by a reader who ticks them as soon as the page has loaded (the engine's load included) and by one
 * who reads for ten seconds first (the engine starts once the page is idle), and later ones: one tick at a
 * time, straight after each other (`laterEngine`) and after looking at each view for a second (`pausedEngine`:
 * the page computes the views one tick away once the reader pauses), and several ticks at once, to views the
 * page cannot have computed ahead (`jumpEngine`). The reader who read for ten seconds then comes back (a new
 * page, the same browser profile: Chromium keeps the engine's compiled code with its cached module) and ticks
 * two industries as soon as the page has loaded, then three (`returningEngine`, `returningStart`, `returningLater`).
 *
 * For scale, `floor` is the first paint of a one-line Chinese page (a heading and a sentence) in the same
 * browser and server: what no page can beat here; `screenful` that of a page of plain text (the same heading,
 * thirty paragraphs of Chinese and figures, no style) that fills the screen, as any report page does; and `engineStart` is the part of `firstEngine` that
 * duckdb-wasm's own start takes (the page's ENGINE_START measure), which no view the engine computes can beat;
 * `engineBytes` is what the page has fetched by the time that view is drawn, in bytes as a host compressing with gzip sends them.
 *
 * Filter changes are timed by the page itself: its "cx-redraw" User Timing entries run from the change event
 * to the first frame painted with the figures on screen redrawn; the first touch is its "cx-warm" mark.
 */
const dist = process.argv[2]!;
const path = process.argv[3] ?? '/zh/cx-management/overview/';
const RUNS = 3;
/** Runs of the first paint alone, after one load of each page that is not counted (a reader's browser is already running). */
const PAINT_RUNS = 7;
/** How long the reader of `firstEngineRead` reads before touching the filter bar. */
const READING = 10_000;
/** How long the reader of `pausedEngine` looks at each view before the next change. */
const LOOKING = 1_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export type ReaderFigures = Record<
  'bytes' | 'firstChart' | 'floor' | 'screenful' | 'firstFilter' | 'laterFilter' | 'firstEngine' | 'engineStart' | 'engineBytes' | 'firstEngineRead' | 'laterEngine' | 'jumpEngine' | 'pausedEngine' | 'returningEngine' | 'returningStart' | 'returningLater',
  number
>;

/** Every redraw the page has timed so far: when each ended, and how long it took. */
const redraws = (page: Page) => page.evaluate(() => performance.getEntriesByName('cx-redraw').map((e) => ({ end: e.startTime + e.duration, duration: e.duration })));
const warmedAt = (page: Page) => page.evaluate(() => performance.getEntriesByName('cx-warm')[0]!.startTime);

/** Ticks or unticks an industry and waits for the page's timing of the redraw it causes. */
async function toggle(page: Page, value: string, on: boolean): Promise<{ end: number; duration: number }> {
  const before = (await redraws(page)).length;
  const box = page.locator(`input[name=industry][value=${value}]`);
  await (on ? box.check() : box.uncheck());
  await page.waitForFunction((n) => performance.getEntriesByName('cx-redraw').length > n, before, { timeout: 120_000 });
  return (await redraws(page))[before]!;
}

/** Sets the industries ticked to `values` at once (one change event, as a reader's script or a slow page would send) and waits for the redraw's timing. */
async function jump(page: Page, values: string[]): Promise<number> {
  const before = (await redraws(page)).length;
  await page.evaluate((vs) => {
    const form = document.querySelector('form.cx-filters')!;
    for (const box of form.querySelectorAll<HTMLInputElement>('input[name=industry]')) box.checked = vs.includes(box.value);
    form.dispatchEvent(new Event('change', { bubbles: true }));
  }, values);
  await page.waitForFunction((n) => performance.getEntriesByName('cx-redraw').length > n, before, { timeout: 120_000 });
  return (await redraws(page))[before]!.duration;
}

/**
 * A reader on a freshly loaded page who opens the industry list and ticks one value, then a second (a view
 * the engine computes), then each of four more in turn, unticking it after: the first engine view from the
 * first touch, duckdb-wasm's own start, and the later views. `sized` runs once the first engine view is drawn,
 * before the later ones.
 */
async function ticksStraightAway(page: Page, values: string[], sized = () => {}): Promise<{ first: number; start: number; later: number[] }> {
  await page.click('details[data-dim=industry] summary');
  await toggle(page, values[0]!, true);
  const first = (await toggle(page, values[1]!, true)).end - (await warmedAt(page));
  // Of which duckdb-wasm's own start (its worker, its module's compilation, opening a database).
  const start = await page.evaluate((name) => performance.getEntriesByName(name)[0]!.duration, ENGINE_START);
  sized();
  const later: number[] = [];
  for (const v of values.slice(2, 6)) {
    later.push((await toggle(page, v, true)).duration);
    await toggle(page, v, false);
  }
  return { first, start, later };
}

/** The first contentful paint of the page open in `page`. */
const firstPaint = (page: Page) =>
  // The paint entry may be recorded after the load event: wait for it.
  page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        new PerformanceObserver((list) => {
          const entry = list.getEntriesByName('first-contentful-paint')[0];
          if (entry) resolve(entry.startTime);
        }).observe({ type: 'paint', buffered: true }),
      ),
  );

const floorDir = mkdtempSync(join(tmpdir(), 'cx-floor-'));
writeFileSync(join(floorDir, 'index.html'), '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>一行</title><h1>客户体验</h1><p>一行文字。</p></html>');
const paragraph = '<p>客户体验管理的成熟度、行业与地区的差异，以及领先者与落后者的对比。Customer experience, 2025: 45.2% (n = 1,234).</p>';
writeFileSync(join(floorDir, 'screenful.html'), `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>一屏</title><h1>客户体验</h1>${paragraph.repeat(30)}</html>`);
const floorSite = await serve(floorDir);
const site = await serve(dist);
const browser = await launchChromium();
const runs: ReaderFigures[] = [];
/** The first contentful paint of `url` in a new context (empty cache), and the paths fetched before it. */
async function paintOf(url: string): Promise<{ fcp: number; before: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const fcp = await firstPaint(page);
  const before = await page.evaluate((t) => performance.getEntriesByType('resource').filter((e) => e.startTime < t).map((e) => new URL(e.name).pathname), fcp);
  await context.close();
  return { fcp, before };
}
try {
  // The first paint is measured apart, in a browser doing nothing else, floor and page in turn.
  await paintOf(`${floorSite.url}/`);
  await paintOf(`${floorSite.url}/screenful.html`);
  await paintOf(`${site.url}${path}`);
  const paints: { fcp: number; floor: number; screenful: number; before: string[] }[] = [];
  for (let r = 0; r < PAINT_RUNS; r++) {
    const floor = (await paintOf(`${floorSite.url}/`)).fcp;
    const screenful = (await paintOf(`${floorSite.url}/screenful.html`)).fcp;
    paints.push({ ...(await paintOf(`${site.url}${path}`)), floor, screenful });
  }
  const file = (p: string) => join(dist, p.endsWith('/') ? `${p}index.html` : p);
  // What a host compressing with gzip sends: a file the site publishes compressed (.gz) as it is. Files the
  // site does not have (a browser's favicon probe) were answered 404, with no body.
  const sent = (p: string) => (p.endsWith('.gz') ? readFileSync(file(p)).length : gzipSync(readFileSync(file(p))).length);
  const bytesBefore = (before: string[]) => [path, ...before].filter((p) => existsSync(file(p))).reduce((sum, p) => sum + sent(p), 0);
  const paint = { bytes: median(paints.map((p) => bytesBefore(p.before))), firstChart: median(paints.map((p) => p.fcp)), floor: median(paints.map((p) => p.floor)), screenful: median(paints.map((p) => p.screenful)) };
  for (let r = 0; r < RUNS; r++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
    const values = await page.$$eval('details[data-dim=industry] input', (els) => els.map((e) => (e as HTMLInputElement).value));
    // The reader opens the industry list (the first touch of the bar) and ticks one value.
    await page.click('details[data-dim=industry] summary');
    const first = await toggle(page, values[0]!, true);
    const firstFilter = first.end - (await warmedAt(page));
    await toggle(page, values[0]!, false);
    const later: number[] = [];
    for (const v of values.slice(1, 6)) {
      later.push((await toggle(page, v, true)).duration);
      await toggle(page, v, false);
    }
    await context.close();

    // A new reader ticks two values straight away: a view the engine computes, its load included.
    const second = await browser.newContext();
    const reader = await second.newPage();
    // Every file the page and its workers fetch (a page's resource timing leaves out its workers').
    const fetched: string[] = [];
    second.on('request', (request) => void fetched.push(new URL(request.url()).pathname));
    await reader.goto(`${site.url}${path}`, { waitUntil: 'load' });
    // And every file fetched by the first engine view (the page, the engine, the cube), sized once the later
    // changes are measured: compressing them in between would pause the reader, and the page would compute the
    // next views ahead.
    let fetchedFirst: string[] = [];
    const { first: firstEngine, start: engineStart, later: laterEngine } = await ticksStraightAway(reader, values, () => {
      fetchedFirst = [...new Set(fetched)].filter((p) => p !== path);
    });
    await second.close();
    const engineBytes = bytesBefore(fetchedFirst);

    // A reader who reads the page for ten seconds first (the engine starts meanwhile, once the page is idle),
    // in a browser whose profile lasts, for the visit after.
    const profile = mkdtempSync(join(tmpdir(), 'cx-profile-'));
    const third = await launchChromiumProfile(profile);
    const settled = await third.newPage();
    await settled.goto(`${site.url}${path}`, { waitUntil: 'load' });
    await settled.waitForTimeout(READING);
    await settled.click('details[data-dim=industry] summary');
    await toggle(settled, values[0]!, true);
    const firstEngineRead = (await toggle(settled, values[1]!, true)).end - (await warmedAt(settled));
    // Then views two or more ticks away from every view shown so far: none of them computed ahead.
    const jumps: number[] = [];
    for (const picks of [[2, 3, 4], [0, 4, 5], [1, 2, 5], [0, 3, 5]]) jumps.push(await jump(settled, picks.map((i) => values[i]!)));
    // Then one tick at a time again, looking at each view for a while first.
    const paused: number[] = [];
    for (const v of [values[1]!, values[2]!, values[4]!]) {
      await settled.waitForTimeout(LOOKING);
      paused.push((await toggle(settled, v, true)).duration);
      await settled.waitForTimeout(LOOKING);
      await toggle(settled, v, false);
    }
    await settled.close();
    // The same reader comes back, and ticks two industries, then three, straight away.
    const returning = await third.newPage();
    await returning.goto(`${site.url}${path}`, { waitUntil: 'load' });
    const { first: returningEngine, start: returningStart, later: returningLater } = await ticksStraightAway(returning, values);
    await third.close();
    rmSync(profile, { recursive: true, force: true });
    runs.push({
      ...paint,
      firstFilter,
      laterFilter: median(later),
      firstEngine,
      engineStart,
      engineBytes,
      firstEngineRead,
      laterEngine: median(laterEngine),
      jumpEngine: median(jumps),
      pausedEngine: median(paused),
      returningEngine,
      returningStart,
      returningLater: median(returningLater),
    });
  }
} finally {
  await browser.close();
  await site.close();
  await floorSite.close();
  rmSync(floorDir, { recursive: true, force: true });
}
const keys = Object.keys(runs[0]!) as (keyof ReaderFigures)[];
console.log(JSON.stringify(Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))]))));
