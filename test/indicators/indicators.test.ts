import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import type { IndicatorResult } from '../../src/indicators/result.ts';
import { driverFigures } from '../../src/indicators/drivers.ts';
import { computeIndicator, computeIndicators, shapeFigures } from '../../src/indicators/run.ts';
import { compileWhere } from '../../src/filters/where.ts';
import type { FilterState } from '../../src/filters/state.ts';
import type { Survey } from '../../src/survey/survey.ts';
import { loadMini } from './mini.ts';

// Every expected value below is worked out by hand from test/fixtures/mini/*.csv (see the comments).
let engine: Engine;
let survey: Survey;
beforeAll(async () => {
  ({ engine, survey } = await loadMini());
});
afterAll(async () => engine.close());

/**
 * One indicator's figures, computed with every other indicator of the survey, as the build and the page compute
 * them: indicators of one kind share one query (five shares, four means, two top boxes...).
 */
async function figures(id: string, filters: FilterState = { wave: '2025', dims: {} }): Promise<IndicatorResult> {
  const wave = filters.wave!;
  const all = await computeIndicators(engine, survey, survey.indicators, compileWhere(survey, filters), [wave]);
  return all[id]![wave]!;
}
const values = (r: IndicatorResult) => Object.fromEntries(r.map((f) => [`${f.group ?? ''}${f.group ? ':' : ''}${f.key}`, f.value]));

describe('indicators on hand-made data', () => {
  it('top-box share drops the "not applicable" code 9 from the base', async () => {
    // 2025 satisfaction: 5,4,3,2,(9),1,5,4 -> base 7; 4 or 5: rows 1,2,7,8.
    const [f] = await figures('sat_top');
    expect(f).toMatchObject({ key: 'top_box', n: 7, neff: 7, low_base: false, suppressed: false });
    expect(f!.value).toBeCloseTo(4 / 7, 12);
  });

  it('mean and standard deviation', async () => {
    // mean 24/7; Σx² = 96, so s² = (96 − 7·(24/7)²)/6 = 16/7.
    const [f] = await figures('sat_mean');
    expect(f!.value).toBeCloseTo(24 / 7, 12);
    expect(f!.sd).toBeCloseTo(Math.sqrt(16 / 7), 12);
    const [spend] = await figures('spend');
    expect(spend!.value).toBeCloseTo(460 / 7, 10);
    expect(spend!.n).toBe(7);
  });

  it('NPS: promoters 9-10, passives 7-8, detractors 0-6', async () => {
    // 2025: 10,9,8,7,6,0,10,3 -> 3 promoters, 2 passives, 3 detractors; 2024: 9,10,5,7 -> 2, 1, 1.
    expect(values(await figures('rec_nps'))).toEqual({ nps: 0, promoters: 3 / 8, passives: 2 / 8, detractors: 3 / 8 });
    const y2024 = values(await figures('rec_nps', { wave: '2024', dims: {} }));
    expect(y2024.nps).toBeCloseTo(25, 12);
    expect(y2024.promoters).toBe(0.5);
  });

  it('share of each option of a single question, missing code 0 excluded', async () => {
    // Channel codes 1,2,1,3,(0),2,1,1 -> web 4, store 2, phone 1 of 7.
    const v = values(await figures('channel'));
    expect(v.web).toBeCloseTo(4 / 7, 12);
    expect(v.store).toBeCloseTo(2 / 7, 12);
    expect(v.phone).toBeCloseTo(1 / 7, 12);
  });

  it('share choosing each option of a delimited multi question', async () => {
    // Reasons P;Q | Q | S | P | (blank) | P;S | Q;S | P -> base 7: price 4, quality 3, service 3.
    const v = values(await figures('reasons'));
    expect([v.price, v.quality, v.service].map((x) => x! * 7)).toEqual([4, 3, 3].map((x) => expect.closeTo(x, 10)));
  });

  it('share choosing each option of a multi question with one column per option', async () => {
    // 2024: A = rows 1,4; B = rows 2,4; none = row 3, of 4 answering.
    expect(values(await figures('perks', { wave: '2024', dims: {} }))).toEqual({ perk_a: 0.5, perk_b: 0.5, no_perk: 0.25 });
  });

  it('booleans become yes/no shares', async () => {
    expect(values(await figures('member'))).toEqual({ yes: 5 / 8, no: 3 / 8 });
  });

  it('maturity: competencies, weighted score, stages by cut point', async () => {
    // Scores 2025 (0.5·mean(25(a−1),25(b−1)) + 0.5·25(c−1)): 100, 62.5, 50, 12.5, 0, 18.75, 93.75, 68.75.
    const [mean] = await figures('score');
    expect(mean!.value).toBeCloseTo(406.25 / 8, 12);
    expect(values(await figures('stages'))).toEqual({ low: 3 / 8, high: 5 / 8 });
    // 2024: 50, 75, 25, 0 -> high 2, low 2.
    expect(values(await figures('stages', { wave: '2024', dims: {} }))).toEqual({ low: 0.5, high: 0.5 });
  });

  it('composites: the mean of the answered questions per row, rescaled to 0-100 or native', async () => {
    // 2025, sat (1-5, 9 = n/a) and rec (0-10) each on 0-100: rows 100, 82.5, 65, 47.5, 60 (sat n/a), 0, 100,
    // 52.5 -> 507.5 / 8.
    const [experience] = await figures('experience');
    expect(experience!.n).toBe(8);
    expect(experience!.value).toBeCloseTo(507.5 / 8, 10);
    // Skills A-C per row: 5, 11/3, 3, 5/3, 1, 5/3, 14/3, 11/3 -> (73/3) / 8.
    const [skills] = await figures('skill_mean');
    expect(skills!.value).toBeCloseTo(73 / 24, 10);
  });

  it('percentiles: the smallest value whose cumulative share reaches the point', async () => {
    // 2025 spend (row 5 blank), sorted: 0, 10, 25, 50, 75, 100, 200 (n = 7, all on bins of 5). The median
    // needs 3.5 of 7: the 4th value, 50; the 90th percentile needs 6.3: the 7th, 200.
    expect((await figures('spend_median'))[0]).toMatchObject({ key: 'percentile', value: 50, n: 7 });
    expect((await figures('spend_p90'))[0]).toMatchObject({ value: 200, n: 7 });
    // Satisfaction without the n/a code 9: 1, 2, 3, 4, 4, 5, 5 -> the 4th value, 4.
    expect((await figures('sat_median'))[0]).toMatchObject({ value: 4, n: 7 });
  });

  it('key drivers: Shapley shares of R², correlations and performance', async () => {
    // 2025 without the n/a row 5: sat = 5,4,3,2,1,5,4; skill A = 5,4,3,2,1,5,3; skill B = 5,4,3,2,2,4,4.
    // Pearson r(sat, A) = 0.968475 and r(sat, B) = 0.944444 (7 rows); r(A, B) = 0.919641 over the 8 rows
    // answering both. Two drivers, closed form: R² = (r1² + r2² − 2·r1·r2·r12) / (1 − r12²) = 0.956704;
    // Shapley A = ½r1² + ½(R² − r2²) = 0.501336, B = 0.455368; as shares of R²: 0.524024 and 0.475976.
    // Performance on 0-100: A sums to 23 over those 7 rows -> 100·(23/7 − 1)/4 = 57.1429; B sums to 24 -> 60.7143.
    const [a, b] = await figures('sat_drivers');
    expect(a).toMatchObject({ key: 'skill_a', n: 7 });
    expect(a!.value).toBeCloseTo(0.524024, 5);
    expect(b!.value).toBeCloseTo(0.475976, 5);
    expect(a!.r).toBeCloseTo(0.968475, 5);
    expect(b!.r).toBeCloseTo(0.944444, 5);
    expect(a!.performance).toBeCloseTo(57.1429, 3);
    expect(b!.performance).toBeCloseTo(60.7143, 3);
  });

  it('key drivers: a correlation among drivers over a withheld part withholds every share', () => {
    // The correlations of the test above, as a query over the published cube returns them (pruned: 0 none, 2 part).
    const indicator = { ...survey.indicators.find((i) => i.id === 'sat_drivers')!, measure: 'sat' };
    const rows = (among: number) => [
      { key: 'sat~skill_a', value: 0.968475, n: 7, w: 7, w2: 7, pruned: 0 },
      { key: 'sat~skill_b', value: 0.944444, n: 7, w: 7, w2: 7, pruned: 0 },
      { key: 'skill_a~skill_b', value: 0.919641, n: 8, w: 8, w2: 8, pruned: among },
    ];
    const shown = driverFigures(survey, indicator, rows(0));
    expect(shown.map((f) => [f.key, f.suppressed, f.withheld])).toEqual([['skill_a', false, undefined], ['skill_b', false, undefined]]);
    expect(shown[0]!.value).toBeCloseTo(0.524024, 5);
    expect(driverFigures(survey, indicator, rows(2)).map((f) => [f.key, f.value, f.r, f.n, f.suppressed, f.withheld])).toEqual([
      ['skill_a', null, null, 7, true, true],
      ['skill_b', null, null, 7, true, true],
    ]);
  });

  it('groups by the median split, and compares an indicator across them', async () => {
    // Median of the 2025 scores (type 7) = (50 + 62.5)/2 = 56.25: bottom = rows 3,4,5,6, top = rows 1,2,7,8.
    // Satisfaction top box: bottom 3,2,(9),1 -> 0 of 3; top 5,4,5,4 -> 4 of 4. Both under min_base 5.
    const f = await figures('sat_by_tier');
    expect(f.map((x) => [x.group, x.value, x.n, x.low_base, x.suppressed])).toEqual([
      ['bottom', 0, 3, true, false],
      ['top', 1, 4, true, false],
    ]);
  });

  it('suppresses figures under suppress_below', async () => {
    // 2024 tiers hold 2 respondents each (scores 0, 25 | 50, 75), under suppress_below 3.
    const f = await figures('sat_by_tier', { wave: '2024', dims: {} });
    expect(f.map((x) => [x.group, x.value, x.n, x.suppressed])).toEqual([
      ['bottom', null, 2, true],
      ['top', null, 2, true],
    ]);
  });

  it('publishes a share a rounding step above 1 or below 0 as 1 or 0, and refuses one further out', () => {
    // Σw of the top box and Σw of the base are summed over different rows: a group all in the top box may
    // give 1.0000000000000002.
    const topBox = { ...survey.indicators.find((i) => i.id === 'sat_top')!, measure: 'sat' };
    const row = (value: number) => [{ grp: null, measure: 'sat', key: 'top_box', n: 10, w: 10, w2: 10, value, sd: null }];
    expect(shapeFigures(survey, topBox, row(1.0000000000000002), '2025')[0]!.value).toBe(1);
    expect(shapeFigures(survey, topBox, row(-8.9e-16), '2025')[0]!.value).toBe(0);
    expect(() => shapeFigures(survey, topBox, row(1.01), '2025')).toThrow('invalid share: 1.01');
    // A mean is no share: left as it is.
    const mean = { ...survey.indicators.find((i) => i.id === 'sat_mean')!, measure: 'sat' };
    expect(shapeFigures(survey, mean, [{ ...row(4.5)[0]!, key: 'mean' }], '2025')[0]!.value).toBe(4.5);
  });

  it('follows filters on segments', async () => {
    // South 2025: satisfaction 3,2,1,4 -> 1 of 4; NPS 8,7,0,3 -> 0 promoters, 2 detractors of 4.
    const south: FilterState = { wave: '2025', dims: { region: ['south'] } };
    expect((await figures('sat_top', south))[0]).toMatchObject({ value: 0.25, n: 4, low_base: true });
    expect(values(await figures('rec_nps', south)).nps).toBe(-50);
  });

  it('a one-respondent slice is suppressed, and a slice with no valid answer has a base of 0', async () => {
    // 2024 north = rows 1 (score 50, top) and 3 (score 25, bottom): one respondent per tier.
    const one = await figures('channel', { wave: '2024', dims: { region: ['north'], tier: ['top'] } });
    expect(one.every((x) => x.n === 1 && x.value === null && x.suppressed)).toBe(true);
    // 2025 north, bottom tier = row 5 only, whose satisfaction is the "not applicable" code 9.
    const none = await figures('sat_top', { wave: '2025', dims: { region: ['north'], tier: ['bottom'] } });
    expect(none).toHaveLength(1);
    expect(none[0]).toMatchObject({ group: null, key: 'top_box', value: null, sd: null, n: 0, neff: 0, low_base: false, suppressed: true, low: null, high: null });
  });

  it('intervals and tests: Wilson interval, change on the previous wave, a group against the rest', async () => {
    // 2025 top box 4 of 7 (sat 5,4,3,2,1,5,4 without the n/a 9); Wilson 95%, z = 1.959964:
    // centre (p + z²/2n)/(1 + z²/n), half-width z·√(p(1−p)/n + z²/4n²)/(1 + z²/n) -> [0.250458, 0.841780].
    const both = await computeIndicator(engine, survey, survey.indicators.find((i) => i.id === 'sat_top')!, compileWhere(survey, { dims: {} }), ['2024', '2025']);
    const top = both['2025']![0];
    expect(top!.low).toBeCloseTo(0.250458, 5);
    expect(top!.high).toBeCloseTo(0.84178, 5);
    // 2024: 2 of 4. Pooled p = 6/11, z = (4/7 − 1/2)/√(p(1−p)(1/7 + 1/4)) = 0.228869, two-sided p = 0.818971.
    expect(top!.change!.diff).toBeCloseTo(4 / 7 - 0.5, 12);
    expect(top!.change!.p).toBeCloseTo(0.818971, 5);
    expect(top!.change!.significant).toBe(false);
    // 2025 tiers: top = rows 1, 2, 7, 8 (sat 5, 4, 5, 4: 4 of 4), bottom = rows 3, 4, 6 (0 of 3). Top against
    // the rest: pooled 4/7, z = 1/√(4/7·3/7·(1/4 + 1/3)) = 2.645751, p = 0.008151: significant.
    const byTier = await figures('sat_by_tier');
    const topTier = byTier.find((f) => f.group === 'top')!;
    expect(topTier.vs_rest!.diff).toBeCloseTo(1, 12);
    expect(topTier.vs_rest!.p).toBeCloseTo(0.008151, 5);
    expect(topTier.vs_rest!.significant).toBe(true);
  });

  it('wave-over-wave change compares like with like', async () => {
    const now = (await figures('sat_top'))[0]!.value!;
    const before = (await figures('sat_top', { wave: '2024', dims: {} }))[0]!.value!;
    // 2024 satisfaction 4,5,2,3 -> 2 of 4.
    expect(now - before).toBeCloseTo(4 / 7 - 1 / 2, 12);
  });

  it('indicators computed together in one query have the figures each has computed alone', async () => {
    const where = compileWhere(survey, { dims: { region: ['north'] } });
    const together = await computeIndicators(engine, survey, survey.indicators, where, ['2024', '2025']);
    for (const indicator of survey.indicators)
      expect(together[indicator.id], indicator.id).toEqual(await computeIndicator(engine, survey, indicator, where, ['2024', '2025']));
  });
});
