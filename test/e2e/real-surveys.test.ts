import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_START } from '../../src/engine/bundle.ts';
import { buildSite } from '../../src/pipeline/build.ts';
import { launchChromium } from '../../src/pipeline/chromium.ts';
import { serve } from '../../src/pipeline/serve.ts';
import { expected, type Expected } from '../real/expected.ts';

// A reader opens each real survey's chapter (test/real/content) and sees the figures expected.py computed from
// the original files: unfiltered as built, with one filter from a ready-made view, with two filters computed by
// duckdb-wasm in the page, and the whole report again after a reset.


/** A figure a tile or a chart's data table shows: which one, and where. */
interface Shown {
  indicator: string;
  key: string;
  group?: string;
  wave?: string;
}

/** What the test reads of one survey's chapter. */
interface Case {
  lang: 'en' | 'zh';
  /** The filter opened from the URL, then the one the reader adds in the filter bar. */
  first: [string, string];
  second: [string, string];
  /** The two-filter view's query as the page writes it (dimensions in the definition's order), if not first&second. */
  both?: string;
  tiles: (Shown & { kpi: string })[];
  /** Data-table rows, by the texts of their leading cells (item, then series). */
  rows: Row[];
}

/** A data-table row, by the texts of its leading cells (item, then series). */
type Row = Shown & { chart: string; labels: string[] };

const CASES: Record<string, Case> = {
  mobi: {
    lang: 'en',
    first: ['expectations', 'higher'],
    second: ['perceived_value', 'lower'],
    tiles: [
      { kpi: 'satisfaction', indicator: 'satisfaction', key: 'top_box' },
      { kpi: 'satisfaction_mean', indicator: 'satisfaction_mean', key: 'mean' },
      { kpi: 'recommend', indicator: 'recommend', key: 'nps' },
    ],
    rows: [
      { chart: 'satisfaction_by_value', indicator: 'satisfaction_by_value', key: 'mean', group: 'lower', labels: ['Overall satisfaction', 'Below the median'] },
      { chart: 'satisfaction_by_value', indicator: 'satisfaction_by_value', key: 'mean', group: 'higher', labels: ['Overall satisfaction', 'At or above the median'] },
    ],
  },
  'corp-rep': {
    lang: 'zh',
    first: ['plan', 'contract'],
    second: ['provider', 'provider_1'],
    both: '?provider=provider_1&plan=contract',
    tiles: [
      { kpi: 'satisfaction', indicator: 'satisfaction', key: 'top_box' },
      { kpi: 'recommend', indicator: 'recommend', key: 'top_box' },
      { kpi: 'quality_index', indicator: 'quality_index', key: 'mean' },
    ],
    rows: [1, 2, 3, 4].map((k) => ({
      chart: 'satisfaction_by_provider',
      indicator: 'satisfaction_by_provider',
      key: 'top_box',
      group: `provider_${k}`,
      labels: ['I am satisfied with company.', `Provider ${k}`],
    })),
  },
  masculinity: {
    lang: 'zh',
    first: ['age', 'age_35_64'],
    second: ['race', 'white'],
    tiles: [
      { kpi: 'very_masculine', indicator: 'masculine', key: 'very' },
      { kpi: 'pressure', indicator: 'pressure', key: 'yes' },
    ],
    rows: [
      { chart: 'masculine', indicator: 'masculine', key: 'very', labels: ['Very masculine'] },
      { chart: 'masculine', indicator: 'masculine', key: 'not_at_all', labels: ['Not at all masculine'] },
      { chart: 'masculine_by_age', indicator: 'masculine_by_age', key: 'very', group: 'age_18_34', labels: ['Very masculine', '18-34'] },
      { chart: 'masculine_by_age', indicator: 'masculine_by_age', key: 'not_at_all', group: 'age_65_up', labels: ['Not at all masculine', '65 and up'] },
    ],
  },
  'food-world-cup': {
    lang: 'en',
    first: ['gender', 'female'],
    second: ['age', 'age_45_60'],
    tiles: [
      { kpi: 'italy', indicator: 'italy', key: 'top_box' },
      { kpi: 'italy_mean', indicator: 'italy_mean', key: 'mean' },
    ],
    rows: (
      [
        ['age_18_29', '18-29'],
        ['age_30_44', '30-44'],
        ['age_45_60', '45-60'],
        ['age_over_60', 'Over 60'],
      ] as const
    )
      .map(([group, label]): Row => ({ chart: 'italy_by_age', indicator: 'italy_by_age', key: 'mean', group, labels: ['How much you like the traditional cuisine of Italy', label] }))
      .concat(
        (
          [
            ['italy', 'Italy'],
            ['ethiopia', 'Ethiopia'],
            ['united_states', 'United States'],
            ['england', 'England'],
          ] as const
        ).map(([key, label]) => ({ chart: 'cuisines_top', indicator: 'cuisines_top', key, labels: [label] })),
        { chart: 'cuisines_dist', indicator: 'cuisines_dist', key: 'england:1', labels: ['England', 'Hate it'] },
        { chart: 'cuisines_by_gender', indicator: 'cuisines_by_gender', key: 'ethiopia', group: 'female', labels: ['Ethiopia', 'Female'] },
        { chart: 'cuisines_by_gender', indicator: 'cuisines_by_gender', key: 'ethiopia', group: 'male', labels: ['Ethiopia', 'Male'] },
      ),
  },
  'gss-cat': {
    lang: 'en',
    first: ['race', 'black'],
    second: ['marital', 'married'],
    tiles: [
      { kpi: 'tv_mean', indicator: 'tv_mean', key: 'mean' },
      { kpi: 'income_top', indicator: 'income_top', key: 'inc_25000_or_more' },
    ],
    rows: [
      ...['2008', '2010', '2012', '2014'].map((wave) => ({ chart: 'tv_waves', indicator: 'tv_mean', key: 'mean', wave, labels: ['Mean hours of television a day', wave] })),
      { chart: 'tv_by_race', indicator: 'tv_by_race', key: 'mean', group: 'black', labels: ['Hours per day watching television', 'Black'] },
    ],
  },
  'so-survey-2011': {
    lang: 'zh',
    first: ['age', 'age_25_29'],
    second: ['company_size', 'start_up_1_25'],
    tiles: [{ kpi: 'enjoy', indicator: 'job_satisfaction', key: 'i_enjoy_going_to_work' }],
    rows: [
      { chart: 'job_satisfaction', indicator: 'job_satisfaction', key: 'fml', labels: ['FML'] },
      { chart: 'job_satisfaction', indicator: 'job_satisfaction', key: 'i_enjoy_going_to_work', labels: ['I enjoy going to work'] },
      { chart: 'job_satisfaction_by_size', indicator: 'job_satisfaction_by_size', key: 'so_happy_it_hurts', group: 'start_up_1_25', labels: ['So happy it hurts', 'Start Up (1-25)'] },
      { chart: 'job_satisfaction_by_size', indicator: 'job_satisfaction_by_size', key: 'so_happy_it_hurts', group: 'fortune_1000_1_000', labels: ['So happy it hurts', 'Fortune 1000 (1,000+)'] },
    ],
  },
};

/** Surveys of exactly two filter dimensions: a slice of both is read from the main cube file alone. */
const TWO_DIMENSIONS = new Set(['mobi', 'gss-cat', 'so-survey-2011']);

/** Rounds half away from zero at `digits` decimals, reading the decimal a reader would (0.3375 × 100 is 33.75). */
function fixed(x: number, digits: number): string {
  const scaled = Math.round(Number((Math.abs(x) * 10 ** digits).toFixed(6)));
  const text = (scaled / 10 ** digits).toFixed(digits);
  return scaled === 0 ? text : `${x < 0 ? '-' : ''}${text}`;
}

/** Thousands separated by commas, as both en-GB and zh-CN write them. */
const grouped = (text: string) => text.replace(/^(\d+)/, (whole) => whole.replace(/\B(?=(\d{3})+$)/g, ','));

/**
 * A figure as a reader should see it at `digits` decimals (the page's defaults: whole percentages, means to one
 * decimal, NPS in whole points): shares as percentages, NPS signed.
 */
function display(want: Expected, digits?: number): string {
  if (want.key === 'mean') return grouped(fixed(want.value, digits ?? 1));
  if (want.key === 'nps') {
    const text = fixed(want.value, digits ?? 0);
    return /^[0.]+$/.test(text) || text.startsWith('-') ? text : `+${text}`;
  }
  return `${grouped(fixed(want.value * 100, digits ?? 0))}%`;
}
const count = (n: number) => grouped(String(n));

/** The figures expected.py gives for one survey and one view, e.g. `{ race: ['black'] }`. */
const figuresOf = (survey: string, filters: Record<string, string[]>) =>
  expected.filter((e) => e.survey === survey && JSON.stringify(e.filters) === JSON.stringify(filters));

const lastWave = (survey: string) => expected.filter((e) => e.survey === survey).map((e) => e.wave).sort().at(-1)!;

let out: string;
let site: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** What went wrong in the page: console errors, uncaught exceptions, failed or refused requests. */
const problems: string[] = [];
/** Paths the page and its workers requested. */
const requested: string[] = [];
/** How many requests had been made when the one-filter view was opened. */
let opened = 0;
let buildSeconds = 0;

beforeAll(async () => {
  const root = process.cwd();
  out = mkdtempSync(join(tmpdir(), 'cx-real-'));
  const started = performance.now();
  await buildSite(root, join(out, 'dist'), { log: () => undefined }, resolve('test/real'), { content: resolve('test/real/content') });
  buildSeconds = (performance.now() - started) / 1000;
  site = await serve(join(out, 'dist'));
  browser = await launchChromium();
  context = await browser.newContext();
  const own = new URL(site.url).host;
  await context.route((url) => url.host !== own, (route) => route.abort('blockedbyclient'));
  context.on('request', (r) => void requested.push(new URL(r.url()).pathname));
  // A request the page cancels by leaving it (net::ERR_ABORTED, the next goto or reload) did not fail.
  context.on('requestfailed', (r) => void (r.failure()?.errorText !== 'net::ERR_ABORTED' && problems.push(`${r.url()}: ${r.failure()?.errorText}`)));
  context.on('response', (r) => void (r.status() >= 400 && problems.push(`${r.url()}: ${r.status()}`)));
  page = await context.newPage();
  page.on('console', (m) => void (m.type() === 'error' && problems.push(`console: ${m.text()}`)));
  page.on('pageerror', (e) => void problems.push(`page error: ${e.message}`));
}, 300_000);

afterAll(async () => {
  console.log(`real-surveys e2e: site built in ${buildSeconds.toFixed(1)} s`);
  await browser?.close();
  await site?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

/** Waits until the page has drawn the view whose URL query is `search`. */
const settled = (search: string) => page.waitForSelector(`html[data-cx-state="${search}"]:not([data-cx-busy])`, { timeout: 60_000 });

/** Each expected figure of `survey` in the view `filters`, beside every text the page shows for it. */
async function compare(survey: string, filters: Record<string, string[]>): Promise<{ shown: string[]; wanted: string[] }> {
  const spec = CASES[survey]!;
  const latest = lastWave(survey);
  const wants = figuresOf(survey, filters);
  const nums = await page.$$eval('.cx-num', (els) =>
    els.map((e) => {
      const { indicator, key, group, wave, show, digits } = (e as HTMLElement).dataset;
      return { indicator, key, group, wave, show, digits, text: e.textContent ?? '' };
    }),
  );
  const tiles = await page.$$eval('.cx-kpi[data-kpi]', (els) => els.map((e) => [(e as HTMLElement).dataset.kpi!, e.querySelector('.cx-kpi-value')?.textContent ?? '']));
  const shown: string[] = [];
  const wanted: string[] = [];
  const pair = (what: string, text: string, want: string) => (shown.push(`${what}: ${text}`), wanted.push(`${what}: ${want}`));
  const same = (want: Expected, s: Shown) =>
    s.indicator === want.indicator && s.key === want.key && (s.group ?? null) === want.group && (s.wave ?? latest) === want.wave;
  for (const want of wants) {
    const id = `${want.indicator}/${want.key}/${want.group ?? ''}/${want.wave}`;
    const spans = nums.filter((d) => same(want, { indicator: d.indicator!, key: d.key!, group: d.group, wave: d.wave }));
    const values = spans.filter((d) => d.show === 'value');
    // Every expected figure has its inline number in the chapter.
    pair(`${id} inline numbers`, String(values.length > 0), 'true');
    for (const d of values) pair(`${id} inline`, d.text, display(want, d.digits === undefined ? undefined : Number(d.digits)));
    for (const d of spans.filter((x) => x.show === 'base')) pair(`${id} base`, d.text, count(want.n));
    for (const tile of spec.tiles.filter((t) => same(want, t))) pair(`${id} tile`, tiles.find(([kpi]) => kpi === tile.kpi)?.[1] ?? 'missing', display(want));
    for (const row of spec.rows.filter((r) => same(want, r))) {
      const cells = await page.$$eval(`[data-chart="${row.chart}"] .data-table tbody tr`, (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')));
      const match = cells.find((c) => row.labels.every((label, i) => c[i] === label));
      // The value cell may carry ▲▼ (against the rest of the slice); the last cell is the base.
      pair(`${id} ${row.chart} table`, match ? `${match[row.labels.length]!.replace(/\s*[▲▼]$/, '')} n=${match.at(-1)}` : 'no such row', `${display(want)} n=${count(want.n)}`);
    }
  }
  return { shown, wanted };
}

describe.each(Object.keys(CASES))('the real survey %s in the browser', (survey) => {
  const spec = CASES[survey]!;
  const chapter = () => `${site.url}/${spec.lang}/${survey}/overview/`;
  const [a, x] = spec.first;
  const [b, y] = spec.second;

  it('shows every unfiltered figure of expected.py as built', async () => {
    await page.goto(chapter());
    const { shown, wanted } = await compare(survey, {});
    expect(wanted.length).toBeGreaterThanOrEqual(10);
    expect(shown).toEqual(wanted);
  }, 60_000);

  it('shows the figures of one filter opened from a link', async () => {
    opened = requested.length;
    await page.goto(`${chapter()}?${a}=${x}`);
    await settled(`?${a}=${x}`);
    const { shown, wanted } = await compare(survey, { [a]: [x] });
    expect(wanted.length).toBeGreaterThanOrEqual(3);
    expect(shown).toEqual(wanted);
  }, 60_000);

  it('shows the figures of a second filter ticked in the filter bar, computed by duckdb-wasm, and again on reload', async () => {
    await page.click(`details[data-dim="${b}"] summary`);
    await page.check(`input[name="${b}"][value="${y}"]`);
    const search = spec.both ?? `?${a}=${x}&${b}=${y}`;
    await settled(search);
    expect(new URL(page.url()).search).toBe(search);
    // Two filters are no ready-made view: the engine started, and read the rows of two-filter slices (perhaps
    // ahead, once the one-filter view was drawn), which a survey of only two dimensions does not need.
    if (!TWO_DIMENSIONS.has(survey)) expect(requested.slice(opened)).toContain(`/data/${survey}/cube-deep.arrow.gz`);
    expect(await page.evaluate((name) => performance.getEntriesByName(name).length, ENGINE_START)).toBe(1);
    const view = { [a]: [x], [b]: [y] };
    const bar = await compare(survey, view);
    expect(bar.wanted.length).toBeGreaterThanOrEqual(3);
    expect(bar.shown).toEqual(bar.wanted);
    // The same view from its link, in a freshly loaded page.
    await page.reload();
    await settled(search);
    const link = await compare(survey, view);
    expect(link.shown).toEqual(link.wanted);
  }, 90_000);

  it('shows the whole report again after a reset, drawn in the page', async () => {
    await page.click('form.cx-filters button[type=reset]');
    await settled('');
    const { shown, wanted } = await compare(survey, {});
    expect(shown).toEqual(wanted);
  }, 60_000);

  it('logged no console error and no failed request', () => {
    expect(problems).toEqual([]);
  });
});
