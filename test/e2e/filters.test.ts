import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numText, figureUnit } from '../../src/charts/format.ts';
import type { FilterState } from '../../src/filters/state.ts';
import { compileWhere } from '../../src/filters/where.ts';
import { computeIndicator } from '../../src/indicators/run.ts';
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
}, 120_000);

afterAll(async () => session?.close());

/** Waits until the page has drawn the slice whose URL query is `search`. */
const settled = (search: string) => page.waitForSelector(`html[data-cx-state="${search}"]:not([data-cx-busy])`, { timeout: 60_000 });

/** What the build would print for each inline number of the page, over `filters`, computed natively. */
async function expectedNums(filters: FilterState): Promise<string[]> {
  const { survey, engine } = native;
  const wave = survey.waves[survey.waves.length - 1]!.id;
  const spans = await page.$$eval('.cx-num', (els) => els.map((e) => ({ ...(e as HTMLElement).dataset })));
  const texts: string[] = [];
  for (const s of spans) {
    const indicator = survey.indicators.find((i) => i.id === s.indicator)!;
    const byWave = await computeIndicator(engine, survey, indicator, compileWhere(survey, filters), survey.waves.map((w) => w.id));
    const f = byWave[s.wave ?? wave]!.find((x) => x.key === s.key && x.group === (s.group ?? null))!;
    texts.push(numText(f, figureUnit(indicator.kind, s.key!), 'zh', survey.suppress_below));
  }
  return texts;
}
const shownNums = () => page.$$eval('.cx-num', (els) => els.map((e) => e.textContent ?? ''));

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
    expect(await shownNums()).toEqual((await shownNums()).map(() => `n<${survey.suppress_below}`));
    // Two dimensions filtered: the others wait until one is cleared.
    expect(await page.isDisabled('input[name=company_size][value=size_1k]')).toBe(true);
    expect(await page.isDisabled('input[name=industry][value=financial]')).toBe(false);
  }, 60_000);

  it('fetched nothing from any host but the site', () => {
    expect([...session.hosts]).toEqual([new URL(session.url).host]);
  });
});
