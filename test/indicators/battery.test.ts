import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import { compileWhere } from '../../src/filters/where.ts';
import type { IndicatorResult } from '../../src/indicators/result.ts';
import { computeIndicators, indicatorKeys } from '../../src/indicators/run.ts';
import type { Survey } from '../../src/survey/survey.ts';
import { loadFixture } from './mini.ts';

// Every expected value is worked out by hand from test/fixtures/battery/2025.csv (min_base 5, suppress_below 3):
//   row     1 2 3 4 5 | 6 7 8 9 10   (1-5 north, 6-10 south)
//   speed   5 4 5 2 3 | 1 4 5 9 4    9 = not applicable: base 9 (north 5, south 4)
//   staff   4 5 3 1 4 | 5 5 2 4 4    base 10 (north 5, south 5)
//   price   9 9 9 9 2 | 9 9 4 9 9    base 2: suppressed (north 1, south 1)
let engine: Engine;
let survey: Survey;
let all: Record<string, IndicatorResult>;
beforeAll(async () => {
  ({ engine, survey } = await loadFixture('test/fixtures/battery'));
  const results = await computeIndicators(engine, survey, survey.indicators, compileWhere(survey, { wave: '2025', dims: {} }), ['2025']);
  all = Object.fromEntries(Object.entries(results).map(([id, byWave]) => [id, byWave['2025']!]));
});
afterAll(async () => engine.close());

const figure = (id: string, key: string, group: string | null = null) => all[id]!.find((f) => f.key === key && f.group === group)!;

describe('a battery of ratings', () => {
  it('top box per item, keyed by item; the missing code leaves the base; a small base is suppressed', () => {
    // speed 4-5: rows 1,2,3,7,8,10 = 6 of 9; staff 4-5: rows 1,2,5,6,7,9,10 = 7 of 10.
    expect(indicatorKeys(survey, survey.indicators.find((i) => i.id === 'service_top')!)).toEqual(['speed', 'staff', 'price']);
    expect(figure('service_top', 'speed')).toMatchObject({ n: 9, low_base: false, suppressed: false });
    expect(figure('service_top', 'speed').value).toBeCloseTo(6 / 9, 12);
    expect(figure('service_top', 'staff').value).toBeCloseTo(7 / 10, 12);
    expect(figure('service_top', 'price')).toMatchObject({ n: 2, value: null, suppressed: true });
  });

  it('mean per item', () => {
    // speed: 5+4+5+2+3+1+4+5+4 = 33 over 9; staff: 4+5+3+1+4+5+5+2+4+4 = 37 over 10.
    expect(figure('service_mean', 'speed').value).toBeCloseTo(33 / 9, 12);
    expect(figure('service_mean', 'staff').value).toBeCloseTo(3.7, 12);
    expect(figure('service_mean', 'price').value).toBeNull();
  });

  it('distribution per item, keyed item:point, each item on its own base', () => {
    // speed: 1×1, 2×1, 3×1, 4×3, 5×3 of 9; staff: 1×1, 2×1, 3×1, 4×4, 5×3 of 10.
    const v = (key: string) => figure('service_dist', key).value;
    expect([1, 2, 3, 4, 5].map((p) => v(`speed:${p}`))).toEqual([1 / 9, 1 / 9, 1 / 9, 3 / 9, 3 / 9].map((x) => expect.closeTo(x, 12)));
    expect([1, 2, 3, 4, 5].map((p) => v(`staff:${p}`))).toEqual([0.1, 0.1, 0.1, 0.4, 0.3].map((x) => expect.closeTo(x, 12)));
    expect([1, 2, 3, 4, 5].map((p) => figure('service_dist', `price:${p}`).suppressed)).toEqual([true, true, true, true, true]);
    expect(figure('service_dist', 'staff:4')).toMatchObject({ n: 10, count: 4 });
  });

  it('top box per item in each group, groups under suppress_below withheld, under min_base marked', () => {
    // speed north 5,4,5,2,3 -> 3 of 5; south 1,4,5,4 -> 3 of 4 (low base); staff north 4,5,3,1,4 -> 3 of 5, south 5,5,2,4,4 -> 4 of 5.
    expect(figure('service_by_region', 'speed', 'north').value).toBeCloseTo(0.6, 12);
    expect(figure('service_by_region', 'speed', 'south')).toMatchObject({ n: 4, low_base: true, suppressed: false });
    expect(figure('service_by_region', 'speed', 'south').value).toBeCloseTo(0.75, 12);
    expect(figure('service_by_region', 'staff', 'north').value).toBeCloseTo(0.6, 12);
    expect(figure('service_by_region', 'staff', 'south').value).toBeCloseTo(0.8, 12);
    expect(figure('service_by_region', 'price', 'north')).toMatchObject({ n: 1, value: null, suppressed: true });
    // Each group is tested against the rest of the slice, as for one measure: north speed 3/5 against south 3/4.
    expect(figure('service_by_region', 'speed', 'north').vs_rest?.diff).toBeCloseTo(0.6 - 0.75, 12);
  });

  it('every item carries its 95% Wilson interval', () => {
    // Wilson for 7 of 10, z = 1.959964: centre (0.7 + z²/20) / (1 + z²/10) = 0.6245, half-width
    // z·√(0.7·0.3/10 + z²/400) / (1 + z²/10) = 0.2566 -> 0.3968 to 0.8922 (python3, by the formula).
    const f = figure('service_top', 'staff');
    expect(f.low).toBeCloseTo(0.3968, 3);
    expect(f.high).toBeCloseTo(0.8922, 3);
  });
});

describe('share on a rating question (its distribution)', () => {
  it('shares each scale point of the answered base', () => {
    // speed: 1×1, 2×1, 3×1, 4×3, 5×3 of 9 (row 9 answered 9, not applicable).
    expect(indicatorKeys(survey, survey.indicators.find((i) => i.id === 'speed_dist')!)).toEqual(['1', '2', '3', '4', '5']);
    const v = Object.fromEntries(all.speed_dist!.map((f) => [f.key, f.value]));
    expect(v).toEqual({ 1: expect.closeTo(1 / 9, 12), 2: expect.closeTo(1 / 9, 12), 3: expect.closeTo(1 / 9, 12), 4: expect.closeTo(3 / 9, 12), 5: expect.closeTo(3 / 9, 12) });
    expect(all.speed_dist!.every((f) => f.n === 9)).toBe(true);
  });

  it('by a segment: a point nobody chose in a group is 0, not missing', () => {
    // north 5,4,5,2,3: 1×0, 2×1, 3×1, 4×1, 5×2 of 5; south 1,4,5,4: 1×1, 4×2, 5×1 of 4.
    const v = (group: string, key: string) => figure('speed_dist_region', key, group).value;
    expect(['1', '2', '3', '4', '5'].map((k) => v('north', k))).toEqual([0, 0.2, 0.2, 0.2, 0.4].map((x) => expect.closeTo(x, 12)));
    expect(['1', '2', '3', '4', '5'].map((k) => v('south', k))).toEqual([0.25, 0, 0, 0.5, 0.25].map((x) => expect.closeTo(x, 12)));
  });
});
