import { resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderChart } from '../../src/charts/render.ts';
import { buildChartSpec } from '../../src/charts/spec.ts';
import { compileWhere, publishedSlice } from '../../src/filters/where.ts';
import type { IndicatorResult } from '../../src/indicators/result.ts';
import { computeIndicators, sliceComputer } from '../../src/indicators/run.ts';
import { buildPublishedCube } from '../../src/pipeline/published.ts';
import { loadCube } from '../../src/pipeline/run.ts';
import type { Survey } from '../../src/survey/survey.ts';

// FiveThirtyEight's Food World Cup survey (test/fixtures/fte-food-world-cup, see its SOURCE.md): 40 cuisines
// rated 1-5, "N/A" (unfamiliar) declared a missing code, blanks skipped; min_base 50, suppress_below 30.
// Expected figures: Italy from the data set's SOURCE.md ({5: 607, 4: 438, 3: 144, blank: 109, N/A: 67,
// 2: 5, 1: 3}, mean 4.3709, n = 1197); the others counted with Python's csv module:
//   rows = list(csv.reader(open('2014.csv', encoding='utf-8'))); h, d = rows[0], rows[1:]
//   v = [int(r[i]) for r in d if <filter> and r[i] not in ('N/A', '')]; len(v), sum(x >= 4 for x in v), sum(v)
// Top box (4-5) over all: Italy 1045/1197, Mexico 883/1222, United States 868/1253 (the highest three);
// Russia 130/553, Bosnia and Herzegovina 32/156, Nigeria 33/164 (the lowest). By age: Italy 18-29 217/245;
// Cameroon 18-29 n = 27 and Ivory Coast > 60 n = 28 (under 30: withheld); Ivory Coast 45-60 10/30 (under 50: low
// base). Women: Italy 570/629, mean 2790/629; women aged 18-29: Italy 118/132.
type Engine = Awaited<ReturnType<typeof loadCube>>['engine'];
let engine: Engine;
let survey: Survey;
let all: Record<string, IndicatorResult>;
beforeAll(async () => {
  ({ engine, survey } = await loadCube(resolve('test/fixtures/fte-food-world-cup'), process.cwd()));
  const results = await computeIndicators(engine, survey, survey.indicators, compileWhere(survey, { dims: {} }), ['2014']);
  all = Object.fromEntries(Object.entries(results).map(([id, byWave]) => [id, byWave['2014']!]));
}, 60_000);
afterAll(async () => engine?.close());

const figure = (id: string, key: string, group: string | null = null) => all[id]!.find((f) => f.key === key && f.group === group)!;
const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;

describe('a 40-item battery of real data', () => {
  it("gives Italy's distribution as the source counts it, N/A and blanks out of the base", () => {
    const counts = Object.fromEntries(all.italy_dist!.map((f) => [f.key, f.count]));
    expect(counts).toEqual({ 1: 3, 2: 5, 3: 144, 4: 438, 5: 607 });
    expect(all.italy_dist!.every((f) => f.n === 1197)).toBe(true);
    expect(figure('italy_dist', '5').value).toBeCloseTo(607 / 1197, 12);
    // The battery's distribution of the same item is the same figure.
    expect(figure('cuisines_dist', 'italy:5')).toMatchObject({ n: 1197, count: 607 });
    expect(figure('cuisines_mean', 'italy').value).toBeCloseTo(4.3709, 4);
    expect(figure('cuisines_top', 'italy').value).toBeCloseTo(1045 / 1197, 12);
  });

  it('ranks the 40 cuisines by top box: one bar each, Italy first, Nigeria last', () => {
    const chart = survey.charts.find((c) => c.id === 'cuisines_ranked')!;
    const spec = buildChartSpec(survey, chart, { 2014: all.cuisines_top! }, 'en');
    expect(spec.keys.slice(0, 3)).toEqual(['Italy', 'Mexico', 'United States']);
    expect(spec.keys.slice(-3)).toEqual(['Russia', 'Bosnia and Herzegovina', 'Nigeria']);
    const svg = renderChart(spec, { document: doc() });
    const bars = [...svg.querySelectorAll('rect')].filter((r) => r.querySelector('title'));
    expect(bars).toHaveLength(40);
    const y = (name: string) => Number(bars.find((r) => r.querySelector('title')!.textContent!.startsWith(`${name}:`))!.getAttribute('y'));
    expect(y('Italy')).toBeLessThan(y('Mexico'));
    expect(y('Russia')).toBeLessThan(y('Nigeria'));
    expect(figure('cuisines_top', 'nigeria').value).toBeCloseTo(33 / 164, 12);
  });

  it('withholds small age groups in the heat table and marks low bases', () => {
    expect(figure('cuisines_by_age', 'cameroon', 'a18_29')).toMatchObject({ n: 27, value: null, suppressed: true });
    expect(figure('cuisines_by_age', 'ivory_coast', 'a60_plus')).toMatchObject({ n: 28, value: null, suppressed: true });
    expect(figure('cuisines_by_age', 'ivory_coast', 'a45_60')).toMatchObject({ n: 30, low_base: true, suppressed: false });
    expect(figure('cuisines_by_age', 'ivory_coast', 'a45_60').value).toBeCloseTo(10 / 30, 12);
    expect(figure('cuisines_by_age', 'italy', 'a18_29').value).toBeCloseTo(217 / 245, 12);
    const chart = survey.charts.find((c) => c.id === 'cuisines_heat')!;
    const plot = renderChart(buildChartSpec(survey, chart, { 2014: all.cuisines_by_age! }, 'en'), { document: doc() });
    const cells = [...plot.querySelectorAll('rect')].filter((r) => r.querySelector('title'));
    expect(cells).toHaveLength(160);
    const cell = (name: string) => cells.find((r) => r.querySelector('title')!.textContent!.startsWith(name))!.querySelector('title')!.textContent;
    expect(cell('Cameroon · 18-29')).toBe('Cameroon · 18-29: withheld');
    expect(cell('Ivory Coast · 45-60')).toBe('Ivory Coast · 45-60: 33%†');
  });

  it('gives the same figures over the published cube, as the browser computes a filtered view', async () => {
    await buildPublishedCube(engine, survey);
    const session = await engine.connect();
    try {
      const battery = survey.indicators.filter((i) => i.battery !== undefined);
      const state = { dims: { gender: ['female'] } };
      const got = await sliceComputer(session, survey).compute(battery, publishedSlice(survey, state));
      expect(got.cuisines_top!['2014']!.find((f) => f.key === 'italy')!.value).toBeCloseTo(570 / 629, 12);
      expect(got.cuisines_mean!['2014']!.find((f) => f.key === 'italy')!.value).toBeCloseTo(2790 / 629, 12);
      expect(got.cuisines_by_age!['2014']!.find((f) => f.key === 'italy' && f.group === 'a18_29')!.value).toBeCloseTo(118 / 132, 12);
      const want = await computeIndicators(engine, survey, battery, compileWhere(survey, state), ['2014']);
      for (const ind of battery) {
        const mine = got[ind.id]!['2014']!;
        const theirs = want[ind.id]!['2014']!;
        expect(mine.map((f) => [f.group, f.key])).toEqual(theirs.map((f) => [f.group, f.key]));
        // Suppressed in the build means suppressed over the published cube; the cube may also withhold a part to protect a small one.
        mine.forEach((f, i) => theirs[i]!.suppressed && expect(f.suppressed, `${ind.id} ${f.key} ${f.group}`).toBe(true));
        // A part under suppress_below is published as a marker without numbers: its base is not known there.
        mine.forEach((f, i) => {
          if (f.suppressed) return;
          expect([ind.id, f.key, f.group, f.n]).toEqual([ind.id, f.key, f.group, theirs[i]!.n]);
          expect(Math.abs(f.value! - theirs[i]!.value!)).toBeLessThanOrEqual(1e-9);
        });
      }
    } finally {
      await session.close();
    }
  }, 60_000);
});
