import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportResults } from '../../src/indicators/result.ts';
import { runSurvey } from '../../src/pipeline/run.ts';
import type { Survey } from '../../src/survey/survey.ts';

// The figures published in the seed documents: a 2025 satisfaction and loyalty review (global satisfaction,
// countries, industries, the company's own satisfaction and repurchase rate) and a CX measurement guide.
// The committed synthetic data must reproduce each within 1 percentage point.
let results: ReportResults;
let survey: Survey;
beforeAll(async () => {
  ({ results, survey } = await runSurvey(resolve('data/satisfaction-loyalty'), process.cwd()));
}, 120_000);

function figure(indicator: string, key: string, wave = '2025', group: string | null = null): number {
  const f = results.indicators[indicator]?.[wave]?.find((x) => x.key === key && x.group === group);
  if (!f || f.value === null) throw new Error(`no figure ${indicator}/${key}/${wave}/${group}`);
  return f.value;
}
const within1pp = (actual: number, published: number) => expect(Math.abs(actual - published)).toBeLessThanOrEqual(0.01);
const groupsOf = (indicator: string, key: string): Map<string, number> =>
  new Map(results.indicators[indicator]!['2025']!.filter((f) => f.key === key).map((f) => [f.group!, f.value!]));
const target = (id: string): number => survey.targets.find((t) => t.id === id)!.value;

describe('the satisfaction and loyalty sample reproduces the seed review', () => {
  it('has about 5,000 respondents a wave', () => {
    for (const n of Object.values(results.counts)) expect(Math.abs(n - 5000)).toBeLessThanOrEqual(250);
  });

  it('satisfaction is 76% worldwide in 2025, up 0.4 points on 75.6% in 2024', () => {
    within1pp(figure('csat', 'top_box'), 0.76);
    within1pp(figure('csat', 'top_box', '2024'), 0.756);
    within1pp(figure('csat', 'top_box') - figure('csat', 'top_box', '2024'), 0.004);
    expect(figure('csat', 'top_box')).toBeGreaterThan(figure('csat', 'top_box', '2024'));
  });

  it('China leads at 85% and Japan trails at 56%', () => {
    within1pp(figure('csat_by_country', 'top_box', '2025', 'china'), 0.85);
    within1pp(figure('csat_by_country', 'top_box', '2025', 'japan'), 0.56);
    const countries = [...groupsOf('csat_by_country', 'top_box').values()];
    expect(Math.max(...countries)).toBe(figure('csat_by_country', 'top_box', '2025', 'china'));
    expect(Math.min(...countries)).toBe(figure('csat_by_country', 'top_box', '2025', 'japan'));
  });

  it.each(['trust', 'recommend_intent', 'repurchase_intent'])('%s is 1.2 to 1.5 points lower than in 2024', (id) => {
    const drop = figure(id, 'top_box', '2024') - figure(id, 'top_box');
    expect(drop).toBeGreaterThanOrEqual(0.012);
    expect(drop).toBeLessThanOrEqual(0.015);
  });

  it('hotels lead trust at 79%', () => {
    within1pp(figure('trust_by_industry', 'top_box', '2025', 'hotels'), 0.79);
    expect(Math.max(...groupsOf('trust_by_industry', 'top_box').values())).toBe(figure('trust_by_industry', 'top_box', '2025', 'hotels'));
  });

  it('supermarkets lead repurchase intention at 82%', () => {
    within1pp(figure('repurchase_intent_by_industry', 'top_box', '2025', 'supermarkets'), 0.82);
    const industries = groupsOf('repurchase_intent_by_industry', 'top_box');
    expect(Math.max(...industries.values())).toBe(industries.get('supermarkets'));
  });

  it.each(['trust_by_industry', 'recommend_by_industry', 'repurchase_intent_by_industry'])('government services come last on %s', (id) => {
    const industries = groupsOf(id, 'top_box');
    expect(Math.min(...industries.values())).toBe(industries.get('government'));
  });

  it("our company's satisfaction is 91.3%, above its goal", () => {
    within1pp(figure('csat_by_provider', 'top_box', '2025', 'our_company'), 0.913);
    expect(figure('csat_by_provider', 'top_box', '2025', 'our_company')).toBeGreaterThan(target('csat_goal'));
  });

  it("our company's repurchase rate is 62%, up 4.5 points, against an industry 58%", () => {
    within1pp(figure('repurchased_by_provider', 'yes', '2025', 'our_company'), 0.62);
    within1pp(figure('repurchased_by_provider', 'yes', '2025', 'our_company') - figure('repurchased_by_provider', 'yes', '2024', 'our_company'), 0.045);
    expect(target('industry_repurchase')).toBe(0.58);
    within1pp(figure('repurchased_by_provider', 'yes', '2025', 'peers'), 0.58);
  });

  it('satisfaction is not loyalty: most of the less loyal half are satisfied, and every intention trails satisfaction', () => {
    expect(figure('csat_by_loyalty', 'top_box', '2025', 'less_loyal')).toBeGreaterThan(0.5);
    for (const id of ['trust', 'recommend_intent', 'repurchase_intent']) expect(figure(id, 'top_box')).toBeLessThan(figure('csat', 'top_box'));
  });

  it('the seed guide reads CSAT against 80% and NPS against 50', () => {
    expect(target('csat_good')).toBe(0.8);
    expect(target('nps_excellent')).toBe(50);
  });
});

describe('the monthly trend is readable', () => {
  it('every month has a full base and stays within 5 points of the year', () => {
    const year = figure('csat', 'top_box');
    for (const f of results.indicators.csat_by_month!['2025']!) {
      expect(f.n).toBeGreaterThanOrEqual(survey.min_base);
      expect(Math.abs(f.value! - year)).toBeLessThanOrEqual(0.05);
    }
  });
});

describe('the key drivers of satisfaction, as the dimensions chapter reads them', () => {
  const drivers = () => new Map(results.indicators.csat_drivers!['2025']!.map((f) => [f.key, f]));
  it('importances add up to 100%, functional and ongoing value lead, emotional trails', () => {
    const d = drivers();
    expect([...d.values()].reduce((s, f) => s + f.value!, 0)).toBeCloseTo(1, 10);
    const ranked = [...d.values()].sort((a, b) => b.value! - a.value!).map((f) => f.key);
    expect(ranked.slice(0, 2).sort()).toEqual(['dim_functional', 'dim_value']);
    expect(ranked.at(-1)).toBe('dim_emotional');
  });

  it('ongoing value sits in the fix-first quadrant: above-average importance, below-average performance', () => {
    const all = [...drivers().values()];
    const mean = (f: (x: (typeof all)[number]) => number) => all.reduce((s, x) => s + f(x), 0) / all.length;
    const value = drivers().get('dim_value')!;
    expect(value.value!).toBeGreaterThan(mean((x) => x.value!));
    expect(value.performance!).toBeLessThan(mean((x) => x.performance!));
  });
});
