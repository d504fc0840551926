import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numText, figureUnit, formatFigure, formatChange } from '../../src/charts/format.ts';
import type { FilterState } from '../../src/filters/state.ts';
import { publishedSlice } from '../../src/filters/where.ts';
import type { IndicatorResult } from '../../src/indicators/result.ts';
import { headlineKey, sliceComputer } from '../../src/indicators/run.ts';
import { buildPublishedCube } from '../../src/pipeline/published.ts';
import { versusFirst } from '../../src/indicators/significance.ts';
import { findMeasure } from '../../src/survey/measures.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINE_START } from '../../src/engine/bundle.ts';
import { launchChromium, launchChromiumProfile } from '../../src/pipeline/chromium.ts';
import { openSite, type SiteSession } from './session.ts';

// A reader filters a chapter page: every inline number follows, the URL holds the state, back, forward and
// reset work, an empty slice says so, and nothing is fetched from another host.
let session: SiteSession;
let page: Page;
let native: SiteSession['native'];
const chapter = '/zh/cx-management/overview/';

beforeAll(async () => {
  session = await openSite('cx-management');
  ({ page, native } = session);
  // The page computes over the published cube, which withholds small cells and those that would give them away.
  await buildPublishedCube(native.engine, native.survey);
}, 300_000);

afterAll(async () => session?.close());

/** Waits until the page has drawn the slice whose URL query is `search`. */
const settled = (search: string) => page.waitForSelector(`html[data-cx-state="${search}"]:not([data-cx-busy])`, { timeout: 60_000 });

let computer: ReturnType<typeof sliceComputer> | undefined;

/** One indicator over `filters`, every wave, computed natively over the published cube. */
async function nativeResult(id: string, filters: FilterState): Promise<Record<string, IndicatorResult>> {
  const { survey, engine } = native;
  const indicator = survey.indicators.find((i) => i.id === id)!;
  computer ??= sliceComputer(engine, survey);
  return (await computer.compute([indicator], publishedSlice(survey, { dims: filters.dims })))[id]!;
}

/** What the build would print for each inline number of the page, over `filters`, computed natively. */
async function expectedNums(filters: FilterState, on = page): Promise<string[]> {
  const { survey } = native;
  const wave = filters.wave ?? survey.waves[survey.waves.length - 1]!.id;
  const spans = await on.$$eval('.cx-num', (els) => els.map((e) => ({ ...(e as HTMLElement).dataset })));
  const texts: string[] = [];
  for (const s of spans) {
    const indicator = survey.indicators.find((i) => i.id === s.indicator)!;
    const f = (await nativeResult(indicator.id, filters))[s.wave ?? wave]!.find((x) => x.key === s.key && x.group === (s.group ?? null))!;
    texts.push(numText(f, figureUnit(indicator.kind, s.key!), 'zh', survey.suppress_below));
  }
  return texts;
}
const shownNums = (on = page) => on.$$eval('.cx-num', (els) => els.map((e) => e.textContent ?? ''));

describe('the filter bar', () => {
  it('opens a filtered link with its filters ticked and every number of that slice', async () => {
    await page.goto(`${session.url}${chapter}?industry=retail`);
    await settled('?industry=retail');
    expect(await page.isChecked('input[name=industry][value=retail]')).toBe(true);
    expect(await shownNums()).toEqual(await expectedNums({ dims: { industry: ['retail'] } }));
  }, 90_000);

  it('recomputes on a change and writes the state into the URL', async () => {
    await page.click('details[data-dim=cx_group] summary');
    await page.check('input[name=cx_group][value=leaders]');
    await settled('?industry=retail&cx_group=leaders');
    expect(new URL(page.url()).search).toBe('?industry=retail&cx_group=leaders');
    expect(await shownNums()).toEqual(await expectedNums({ dims: { industry: ['retail'], cx_group: ['leaders'] } }));
  }, 60_000);

  it('goes back and forward through filtered views', async () => {
    await page.goBack();
    await settled('?industry=retail');
    expect(await page.isChecked('input[name=cx_group][value=leaders]')).toBe(false);
    expect(await shownNums()).toEqual(await expectedNums({ dims: { industry: ['retail'] } }));
    await page.goForward();
    await settled('?industry=retail&cx_group=leaders');
  }, 60_000);

  it('marks withheld, with its base as a lower bound, a figure over several values of which one is too small', async () => {
    // 2025: technology's leaders are under suppress_below, financial's and retail's are not.
    await page.goto(`${session.url}${chapter}?industry=financial,retail,technology`);
    await settled('?industry=financial,retail,technology');
    const leaders = async (industry: string) => (await nativeResult('exec_support_by_group', { dims: { industry: [industry] } }))['2025']!.find((f) => f.group === 'leaders')!;
    expect((await leaders('technology')).suppressed).toBe(true);
    // The parts published (a part withheld to protect technology's counts for nothing).
    const known = [await leaders('financial'), await leaders('retail')].filter((f) => !f.suppressed).reduce((sum, f) => sum + f.n, 0);
    const num = page.locator('.cx-num[data-indicator=exec_support_by_group][data-group=leaders]');
    expect([await num.textContent(), await num.getAttribute('title')]).toEqual(['未公布', `n ≥ ${known}`]);
    // The chart of that figure, on its own chapter: the row of its data table, and a note saying why.
    await page.goto(`${session.url}/zh/cx-management/leadership/?industry=financial,retail,technology`);
    await settled('?industry=financial,retail,technology');
    const rows = await page.$$eval('[data-chart=exec_support_by_group] table tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    expect(rows).toContainEqual(['高管强力支持客户体验', '领先者', '未公布', `≥ ${known}`]);
    const notes = await page.$$eval('[data-chart=exec_support_by_group] .cx-chart-note', (els) => els.map((e) => e.textContent));
    expect(notes).toContain('未公布：所选范围中有部分样本量低于 10，发布的数据不含这些部分，无法算出这些数值（可减少所选项再看）。');
  }, 60_000);

  it('computes the views one tick away, and the one the pointer rests on, before the reader asks', async () => {
    const aheadOf = (search: string) =>
      page.waitForFunction((s) => performance.getEntriesByName('cx-ahead').some((e) => (e as PerformanceMark).detail === s), search, { timeout: 60_000 });
    // Industries whose leaders and laggards are each at least suppress_below in 2024: no part of the slice withheld.
    await page.goto(`${session.url}${chapter}?wave=2024&industry=financial,healthcare`);
    await settled('?wave=2024&industry=financial,healthcare');
    await aheadOf('?wave=2024&industry=financial,healthcare,technology');
    await page.click('details[data-dim=industry] summary');
    await page.check('input[name=industry][value=technology]');
    await settled('?wave=2024&industry=financial,healthcare,technology');
    expect(await shownNums()).toEqual(await expectedNums({ wave: '2024', dims: { industry: ['financial', 'healthcare', 'technology'] } }));
    // A value of another dimension: computed once the pointer rests on it.
    await page.uncheck('input[name=industry][value=financial]');
    await page.uncheck('input[name=industry][value=technology]');
    await settled('?wave=2024&industry=healthcare');
    await page.click('details[data-dim=region] summary');
    const search = '?wave=2024&industry=healthcare&region=americas';
    await page.hover('input[name=region][value=americas]');
    await aheadOf(search);
    await page.check('input[name=region][value=americas]');
    await settled(search);
    expect(await shownNums()).toEqual(await expectedNums({ wave: '2024', dims: { industry: ['healthcare'], region: ['americas'] } }));
  }, 120_000);

  it('resets to the whole report', async () => {
    await page.click('form.cx-filters button[type=reset]');
    await settled('');
    expect(new URL(page.url()).search).toBe('');
    expect(await shownNums()).toEqual(await expectedNums({ dims: {} }));
  }, 60_000);

  it('says so when a slice is too small to show, and keeps filters to what the published cube holds', async () => {
    // The smallest industry x region slice of the last wave, found natively: under suppress_below, so the
    // published cube withholds it and every figure is suppressed.
    const { survey, engine } = native;
    const [row] = await engine.query(
      `SELECT industry, region, sum(n) AS n FROM cube WHERE wave = ? AND value IS NULL AND measure = ? GROUP BY ALL ORDER BY n, industry, region LIMIT 1`,
      [survey.waves.at(-1)!.id, survey.maturity!.stage],
    );
    expect(Number(row!.n)).toBeLessThan(survey.suppress_below);
    const search = `?industry=${String(row!.industry)}&region=${String(row!.region)}`;
    await page.goto(`${session.url}${chapter}${search}`);
    await settled(search);
    expect(await page.textContent('.cx-filter-status')).toBe('此筛选条件下没有可显示的数据：符合条件的受访者太少或没有。');
    expect(await shownNums()).toEqual((await shownNums()).map(() => '未公布'));
    // Two dimensions filtered: the others wait until one is cleared.
    expect(await page.isDisabled('input[name=company_size][value=size_1k]')).toBe(true);
    expect(await page.isDisabled('input[name=industry][value=financial]')).toBe(false);
  }, 60_000);

  it('compares two industries side by side, the second tested against the first', async () => {
    const { survey } = native;
    const wave = survey.waves.at(-1)!.id;
    const search = '?industry=financial,retail&compare=industry';
    await page.goto(`${session.url}${chapter}${search}`);
    await settled(search);
    const label = (id: string) => survey.segments.find((s) => s.id === 'industry')!.options.find((o) => o.id === id)!.label.zh;
    const [a, b] = [{ dims: { industry: ['financial'] } }, { dims: { industry: ['retail'] } }];
    // Every chart: one panel per industry, titled with its name and its own base.
    const panels = await page.$$eval('[data-chart] .cx-panel-title', (els) => els.map((e) => e.textContent));
    const stages = survey.indicators.find((i) => i.id === 'stages')!;
    const base = async (filters: FilterState) => (await nativeResult(stages.id, filters))[wave]![0]!.n;
    expect(panels).toEqual([`${label('financial')} · n = ${await base(a)}`, `${label('retail')} · n = ${await base(b)}`]);
    // Every tile: one per industry; the second says how far it is from the first, and whether that is significant.
    for (const kpi of survey.kpis.filter((k) => ['early_stages', 'exec_support'].includes(k.id))) {
      const indicator = survey.indicators.find((i) => i.id === kpi.indicator)!;
      const key = kpi.option ?? headlineKey(indicator);
      const unit = figureUnit(indicator.kind, key);
      const pick = (r: IndicatorResult) => r.find((f) => f.key === key && f.group === null)!;
      const first = pick((await nativeResult(indicator.id, a))[wave]!);
      const second = pick(versusFirst(indicator, [first], [pick((await nativeResult(indicator.id, b))[wave]!)]));
      const tiles = await page.$$eval(`.cx-kpi-compare[data-kpi=${kpi.id}] .cx-kpi`, (els) => els.map((e) => [e.querySelector('.cx-kpi-value')!.textContent, e.querySelector('.cx-kpi-change')?.textContent ?? null]));
      const verdict = second.vs_first!.significant ? '（显著）' : '（不显著）';
      expect(tiles).toEqual([
        [formatFigure(first.value!, unit, 'zh'), null],
        [formatFigure(second.value!, unit, 'zh'), `较“${label('financial')}” ${formatChange(second.vs_first!.diff, unit, 'zh')}${verdict}`],
      ]);
    }
    // Every inline number: both industries' figures.
    const [numsA, numsB] = [await expectedNums(a), await expectedNums(b)];
    expect(await shownNums()).toEqual(numsA.map((x, i) => `${x} / ${numsB[i]}`));
  }, 90_000);

  it('compares the waves, setting the wave filter aside', async () => {
    await page.click('form.cx-filters button[type=reset]');
    await settled('');
    await page.selectOption('select[name=compare]', 'wave');
    await settled('?compare=wave');
    expect(await page.isDisabled('select[name=wave]')).toBe(true);
    const titles = await page.$$eval('[data-chart] .cx-panel-title', (els) => els.map((e) => e.textContent!.split(' · ')[0]));
    expect(titles).toEqual(native.survey.waves.map((w) => w.id));
    const [first, last] = [await expectedNums({ wave: native.survey.waves[0]!.id, dims: {} }), await expectedNums({ dims: {} })];
    expect(await shownNums()).toEqual(first.map((x, i) => `${x} / ${last[i]}`));
    await page.selectOption('select[name=compare]', '');
    await settled('');
    expect(await page.$$('.cx-panel')).toHaveLength(0);
  }, 60_000);

  it('switches a chart of a multi-select question to shares of answers and to counts', async () => {
    await page.goto(`${session.url}/zh/cx-management/barriers/`);
    const figure = page.locator('figure[data-chart=barriers]');
    const rows = async () => (await figure.locator('.data-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent))));
    const wave = native.survey.waves.at(-1)!.id;
    const figures = (await nativeResult('barriers', { dims: {} }))[wave]!;
    const answers = figures.reduce((sum, f) => sum + f.count!, 0);
    const label = (key: string) => findMeasure(native.survey, 'barriers')!.choices.find((c) => c.id === key)!.label.zh;
    // The change event marks the page busy at once; settled() waits for the redraw to finish.
    await figure.locator('select[data-unit]').selectOption('answers');
    await settled('');
    // Label, share of all answers given, how many chose it, base: no interval for a derived share.
    const byLabel = new Map((await rows()).map((r) => [r[0], r.slice(1)]));
    for (const f of figures) expect(byLabel.get(label(f.key))).toEqual([formatFigure(f.count! / answers, 'share', 'zh'), String(Math.round(f.count!)), String(f.n)]);
    await figure.locator('select[data-unit]').selectOption('count');
    await settled('');
    const counts = new Map((await rows()).map((r) => [r[0], r[1]]));
    for (const f of figures) expect(counts.get(label(f.key))).toBe(String(Math.round(f.count!)));
  }, 60_000);

  it('switches language on the same page and keeps the filters', async () => {
    await page.goto(`${session.url}${chapter}?industry=retail`);
    await settled('?industry=retail');
    await page.click('a.lang-switch');
    await page.waitForURL(`**/en${chapter.slice(3)}?industry=retail`);
    await settled('?industry=retail');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.isChecked('input[name=industry][value=retail]')).toBe(true);
    expect(await page.textContent('.cx-filter-status')).toBe('Charts recomputed for these filters.');
  }, 60_000);

  it('draws the whole report and single values from ready-made views, with no engine; other views need it', async () => {
    const context = await page.context().browser()!.newContext();
    const reader = await context.newPage();
    // The engine's files are refused: a page that could not do without them would fail here.
    const refused: string[] = [];
    await reader.route('**/_engine/**', (route) => (refused.push(new URL(route.request().url()).pathname), route.abort('blockedbyclient')));
    try {
      await reader.goto(`${session.url}${chapter}`);
      await reader.click('details[data-dim=region] summary');
      await reader.check('input[name=region][value=apac]');
      await reader.waitForSelector('html[data-cx-state="?region=apac"]:not([data-cx-busy])', { timeout: 60_000 });
      expect(await shownNums(reader)).toEqual(await expectedNums({ dims: { region: ['apac'] } }, reader));
      // A value in an earlier wave, and the waves of one value compared, are ready-made too.
      await reader.selectOption('select[name=wave]', '2024');
      await reader.waitForSelector('html[data-cx-state="?wave=2024&region=apac"]:not([data-cx-busy])', { timeout: 60_000 });
      expect(await shownNums(reader)).toEqual(await expectedNums({ wave: '2024', dims: { region: ['apac'] } }, reader));
      await reader.selectOption('select[name=compare]', 'wave');
      await reader.waitForSelector('html[data-cx-state="?region=apac&compare=wave"]:not([data-cx-busy])', { timeout: 60_000 });
      expect(await reader.textContent('.cx-filter-status')).not.toMatch(/^无法/);
      await reader.selectOption('select[name=compare]', '');
      await reader.selectOption('select[name=wave]', '2025');
      await reader.uncheck('input[name=region][value=apac]');
      await reader.waitForSelector('html[data-cx-state=""]:not([data-cx-busy])', { timeout: 60_000 });
      expect(await shownNums(reader)).toEqual(await expectedNums({ dims: {} }, reader));
      // Two values are a view only the engine computes: the page says it cannot, rather than show stale figures.
      await reader.check('input[name=region][value=apac]');
      await reader.check('input[name=region][value=emea]');
      await reader.waitForFunction(() => document.querySelector('.cx-filter-status')?.textContent?.startsWith('无法按筛选条件重新计算'), undefined, { timeout: 60_000 });
      expect(refused).toContain('/_engine/engine-worker.js');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('says which file is missing when the cube cannot be fetched', async () => {
    const context = await page.context().browser()!.newContext();
    // The cube is fetched in a worker of its own: the route must reach the worker's requests too.
    await context.route('**/cube.arrow.gz', (route) => route.fulfill({ status: 404 }));
    try {
      const reader = await context.newPage();
      await reader.goto(`${session.url}${chapter}`);
      await reader.click('details[data-dim=region] summary');
      await reader.check('input[name=region][value=apac]');
      await reader.check('input[name=region][value=emea]');
      await reader.waitForFunction(() => document.querySelector('.cx-filter-status')?.textContent?.startsWith('无法'), undefined, { timeout: 90_000 });
      expect(await reader.textContent('.cx-filter-status')).toBe('无法按筛选条件重新计算：data/cx-management/cube.arrow.gz: 404');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('starts the engine once the page is idle, untouched, on a fast connection; on a phone or a slow connection, only when a view needs it', async () => {
    const idleThenOneSecond = (on: Page) =>
      on.evaluate(() => new Promise<void>((done) => requestIdleCallback(() => setTimeout(done, 1000), { timeout: 10_000 })));
    const engineFiles = (on: Page) => {
      const seen: string[] = [];
      on.on('request', (r) => {
        const path = new URL(r.url()).pathname;
        if (path.startsWith('/_engine/') || path.endsWith('/cube.arrow.gz')) seen.push(path);
      });
      return seen;
    };
    const fast = await page.context().browser()!.newContext();
    const slowBrowser = await launchChromium(['--force-effective-connection-type=3G']);
    try {
      const reader = await fast.newPage();
      const fetched = engineFiles(reader);
      await reader.goto(`${session.url}${chapter}`, { waitUntil: 'load' });
      await reader.waitForRequest((r) => r.url().endsWith('/cube.arrow.gz'), { timeout: 30_000 });
      expect(fetched).toContain('/_engine/engine-worker.js');
      // The rows of slices of two filters are fetched only when such a slice is asked for.
      expect(fetched).not.toContain('/data/cx-management/cube-deep.arrow.gz');
      expect(await reader.evaluate(() => performance.getEntriesByName('cx-warm').length)).toBe(0);

      // A phone (touch only) does not fetch megabytes ahead either.
      const phone = await page.context().browser()!.newContext({ isMobile: true, hasTouch: true, viewport: { width: 390, height: 844 } });
      try {
        const onPhone = await phone.newPage();
        const notAhead = engineFiles(onPhone);
        await onPhone.goto(`${session.url}${chapter}`, { waitUntil: 'load' });
        expect(await onPhone.evaluate(() => matchMedia('(any-pointer: fine)').matches)).toBe(false);
        await idleThenOneSecond(onPhone);
        expect(notAhead).toEqual([]);
      } finally {
        await phone.close();
      }

      const slow = await slowBrowser.newPage();
      const deferred = engineFiles(slow);
      await slow.goto(`${session.url}${chapter}`, { waitUntil: 'load' });
      expect(await slow.evaluate(() => (navigator as Navigator & { connection: { effectiveType: string } }).connection.effectiveType)).toBe('3g');
      await idleThenOneSecond(slow);
      expect(deferred).toEqual([]);
      // Two values: a view only the engine computes, which it then loads to draw.
      await slow.click('details[data-dim=region] summary');
      await slow.check('input[name=region][value=apac]');
      await slow.check('input[name=region][value=emea]');
      await slow.waitForSelector('html[data-cx-state="?region=emea,apac"]:not([data-cx-busy])', { timeout: 90_000 });
      expect(deferred).toContain('/data/cx-management/cube.arrow.gz');
    } finally {
      await fast.close();
      await slowBrowser.close();
    }
  }, 180_000);

  it("keeps the engine a reader's browser compiled for the next visit, which does not compile it again", async () => {
    const profile = mkdtempSync(join(tmpdir(), 'cx-profile-'));
    const browser = await launchChromiumProfile(profile);
    const hosts = new Set<string>();
    browser.on('request', (r) => hosts.add(new URL(r.url()).host));
    /** The events of the browser's WebAssembly compiler (from its tracing) while the page is open and `until` waits. */
    const visit = async (until: (reader: Page) => Promise<unknown>) => {
      const reader = await browser.newPage();
      const cdp = await browser.newCDPSession(reader);
      const names = new Set<string>();
      cdp.on('Tracing.dataCollected', ({ value }) => value.forEach((e) => names.add(e.name!)));
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['v8.wasm'] } });
      await reader.goto(`${session.url}${chapter}`, { waitUntil: 'load' });
      await until(reader);
      await cdp.send('Tracing.end');
      await complete;
      await reader.close();
      return names;
    };
    const ahead = (reader: Page) => reader.evaluate(() => performance.getEntriesByName('cx-ahead').length);
    try {
      // The first visit: the engine starts on the idle page and computes the common views, until it has
      // computed nothing more for two seconds; the browser keeps the module once it has optimised enough of it.
      const first = await visit(async (reader) => {
        await reader.waitForFunction(() => performance.getEntriesByName('cx-ahead').length > 0, undefined, { timeout: 90_000 });
        for (let seen = -1; seen !== (await ahead(reader)); await reader.waitForTimeout(2000)) seen = await ahead(reader);
        await reader.waitForTimeout(3000);
      });
      expect(first).toContain('wasm.StartStreamingCompilation');
      expect(first).toContain('wasm.SerializeModule');
      // The next visit takes the module from the browser's cache instead of compiling it.
      const next = await visit((reader) => reader.waitForFunction((name) => performance.getEntriesByName(name).length > 0, ENGINE_START, { timeout: 90_000 }));
      expect(next).toContain('wasm.Deserialize');
      expect(next).not.toContain('wasm.ValidateFunctionsStreaming');
      expect([...hosts]).toEqual([new URL(session.url).host]);
    } finally {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }, 240_000);

  it('fetched nothing from any host but the site', () => {
    expect([...session.hosts]).toEqual([new URL(session.url).host]);
  });
});
