import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figureText, figureUnit } from '../../src/charts/format.ts';
import { readyMade, readyMadeStates } from '../../src/filters/slices.ts';
import type { FilterState } from '../../src/filters/state.ts';
import { compileWhere, publishedSlice } from '../../src/filters/where.ts';
import type { IndicatorResult } from '../../src/indicators/result.ts';
import { computeIndicator, sliceComputer } from '../../src/indicators/run.ts';
import { buildPublishedCube } from '../../src/pipeline/published.ts';
import { dimensionsOf, WAVE } from '../../src/survey/dimensions.ts';
import type { Survey } from '../../src/survey/survey.ts';
import { openSite, type SiteSession } from './session.ts';

// The built site's duckdb-wasm, in Chromium, over the published cube, must give every figure the native
// build gives for the same slice: the same SQL on both engines. The published cube withholds parts under
// suppress_below: a figure the build suppresses is suppressed in the browser too (its small base unpublished),
// and a multi-value slice with a withheld part is suppressed rather than misstated.
let session: SiteSession;
let page: Page;
let native: SiteSession['native'];

beforeAll(async () => {
  session = await openSite('cx-management');
  ({ page, native } = session);
  await buildPublishedCube(native.engine, native.survey);
  await page.goto(`${session.url}/zh/cx-management/`);
}, 300_000);

afterAll(async () => session?.close());

/** Every indicator over `filters` in the page, as it computes them: all in one query. */
async function inBrowser(indicators: string[], filters: FilterState): Promise<Record<string, Record<string, IndicatorResult>>> {
  return page.evaluate(async ([ids, f]) => (await window.cxReport!()).compute(ids, f), [indicators, filters] as const);
}

/**
 * Compares two results figure by figure: the same printed text, bases and marks, values to 1e-9. With
 * `partial` (several values of one dimension), the browser may withhold a figure the build shows.
 */
function expectSame(
  survey: Survey,
  id: string,
  got: Record<string, IndicatorResult>,
  want: Record<string, IndicatorResult>,
  published: Record<string, IndicatorResult>,
  label: string,
  partial: boolean,
): void {
  const indicator = survey.indicators.find((i) => i.id === id)!;
  for (const [wave, figures] of Object.entries(want)) {
    const mine = got[wave]!;
    expect(mine.length, `${label} ${id} ${wave}`).toBe(figures.length);
    figures.forEach((f, i) => {
      const g = mine[i]!;
      const where = `${label} ${id} ${wave} ${f.group ?? ''} ${f.key}`;
      expect([g.group, g.key], where).toEqual([f.group, f.key]);
      if (f.suppressed) expect(g.suppressed, where).toBe(true);
      // The same figures withheld as natively over the published cube (small, or withheld to protect others).
      expect(Boolean(g.suppressed), where).toBe(Boolean(published[wave]![i]!.suppressed));
      // A slice of single values too small to show says so as the build does; one over several values, withheld.
      if (f.suppressed && !partial) expect(g.withheld, where).toBeUndefined();
      if (g.suppressed) return;
      expect([g.n, g.suppressed, g.low_base], where).toEqual([f.n, f.suppressed, f.low_base]);
      const unit = figureUnit(indicator.kind, f.key);
      expect(figureText(g, unit, 'zh', survey.suppress_below), where).toBe(figureText(f, unit, 'zh', survey.suppress_below));
      if (f.value === null) expect(g.value, where).toBeNull();
      else expect(Math.abs(g.value! - f.value), where).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(f.value)));
      // A change against the previous wave as the published cube allows it (that wave's cell may be withheld).
      expect(g.change?.significant ?? null, where).toBe(published[wave]![i]!.change?.significant ?? null);
    });
  }
}

/** The figures of a view the site publishes ready-made, as the page fetches them. */
async function readyMadeFigures(filters: FilterState): Promise<Record<string, Record<string, IndicatorResult>>> {
  const { file, entry } = readyMade(native.survey, filters)!;
  const all = await page.evaluate(async (path) => (await fetch(path)).json() as Promise<Record<string, Record<string, Record<string, IndicatorResult>>>>, `/data/cx-management/slices/${file}`);
  return all[entry]!;
}

let computer: ReturnType<typeof sliceComputer> | undefined;

/**
 * Every figure of a slice in the page against the native build: a figure shown equals the full cube's, and the
 * page withholds exactly what the native engine withholds over the published cube.
 */
async function checkSlice(filters: FilterState, label: string, figures = inBrowser): Promise<void> {
  const { survey, engine } = native;
  const partial = Object.values(filters.dims).some((values) => values.length > 1);
  const got = await figures(survey.indicators.map((i) => i.id), filters);
  computer ??= sliceComputer(engine, survey);
  const published = await computer.compute(survey.indicators, publishedSlice(survey, filters));
  // Natively one query per indicator, in the browser one for all: a figure given to the wrong indicator shows.
  for (const indicator of survey.indicators) {
    const want = await computeIndicator(engine, survey, indicator, compileWhere(survey, filters), survey.waves.map((w) => w.id));
    expectSame(survey, indicator.id, got[indicator.id]!, want, published[indicator.id]!, label, partial);
  }
}

describe('duckdb-wasm in Chromium against the native build', () => {
  it('gives every figure of the unfiltered report', async () => {
    await checkSlice({ dims: {} }, 'all');
  }, 120_000);

  it('gives every figure for each value of each segment and grouping', async () => {
    for (const d of dimensionsOf(native.survey).filter((x) => x.id !== WAVE)) {
      for (const c of d.choices) await checkSlice({ dims: { [d.id]: [c.id] } }, `${d.id}=${c.id}`);
    }
  }, 300_000);

  it('gives every figure for two-segment combinations, multi-select included, and suppresses alike', async () => {
    await checkSlice({ dims: { industry: ['retail'], region: ['apac'] } }, 'retail+apac');
    await checkSlice({ dims: { industry: ['financial', 'healthcare'], cx_group: ['leaders'] } }, 'fin|health+leaders');
    await checkSlice({ dims: { company_size: ['size_10k'], business_model: ['b2b'] } }, '10k+b2b');
  }, 120_000);

  it('publishes ready-made figures, for the whole report, each wave and each value of each segment, in every wave and in each, that equal the native build', async () => {
    const states = readyMadeStates(native.survey);
    // The whole report, its 2 waves alone, and every value of the 5 dimensions (6 industries, 3 regions,
    // 3 sizes, 2 models, 3 groups) in both waves, in 2024 alone and in 2025 alone.
    expect(states.length).toBe(1 + 2 + 3 * (6 + 3 + 3 + 2 + 3));
    for (const state of states) await checkSlice(state, `ready-made ${state.wave ?? ''} ${JSON.stringify(state.dims)}`, (_, f) => readyMadeFigures(f));
  }, 120_000);

  it('fetched nothing from any host but the site', () => {
    expect([...session.hosts]).toEqual([new URL(session.url).host]);
  });
});
