import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportResults } from '../../src/indicators/result.ts';
import { runSurvey } from '../../src/pipeline/run.ts';
import { toCsv } from '../../src/sample/csv.ts';
import { SAMPLE_REPORTS } from '../../src/sample/reports.ts';
import type { Survey } from '../../src/survey/survey.ts';

// The published figures of the seed study (2025 automotive customer-service experience study: mystery
// shopping of 50 brands, 30 fuel and 20 new energy). The committed synthetic evaluations must reproduce
// each within 1 percentage point, 0.1 point for scores and 0.05 s for times.
const DIR = 'data/auto-service';
let results: ReportResults;
let survey: Survey;
beforeAll(async () => {
  ({ results, survey } = await runSurvey(resolve(DIR), process.cwd()));
});

function figure(indicator: string, key: string, group: string | null = null): { value: number; n: number } {
  const f = results.indicators[indicator]?.['2025']?.find((x) => x.key === key && x.group === group);
  if (!f || f.value === null) throw new Error(`no figure ${indicator}/${key}/${group}`);
  return { value: f.value, n: f.n };
}
const value = (indicator: string, key: string, group: string | null = null): number => figure(indicator, key, group).value;
const within = (actual: number, published: number, tolerance: number) => expect(Math.abs(actual - published)).toBeLessThanOrEqual(tolerance);

describe('the automotive sample report reproduces the seed study', () => {
  it('has 1,000 evaluations: 50 brands x 5 channels x 4 scenarios', () => {
    expect(results.counts).toEqual({ '2025': 50 * 5 * 4 });
  });

  it('tests 30 fuel and 20 new-energy brands, 20 evaluations each', () => {
    expect(figure('connection_by_type', 'yes', 'fuel').n).toBe(30 * 20);
    expect(figure('connection_by_type', 'yes', 'nev').n).toBe(20 * 20);
  });

  it('connection rate: 90%, level with the industry average', () => {
    within(value('connection', 'yes'), 0.9, 0.01);
  });

  it.each([
    ['online_response', 9.6],
    ['ivr_wait', 24.15],
    ['ivr_menu', 34.53],
  ])('mean %s: %s s', (indicator, published) => within(value(indicator, 'mean'), published, 0.05));

  it('roadside assistance in the first menu layer: under 40% of hotlines (38%)', () => {
    const share = value('roadside_first_layer', 'yes');
    within(share, 0.38, 0.01);
    expect(share).toBeLessThan(0.4);
  });

  it.each([
    ['communication', 93.04],
    ['proficiency', 91.88],
    ['accuracy', 94.63],
    ['capability', 92.14],
  ])('agent %s: %s points', (indicator, published) => within(value(indicator, 'mean'), published, 0.1));

  it('84% of brands run a post-service survey, on scales from 2 to 5 points', () => {
    within(value('survey_run', 'yes'), 0.84, 0.01);
    for (const scale of ['scale_2', 'scale_3', 'scale_4', 'scale_5']) expect(value('survey_scale', scale), scale).toBeGreaterThan(0);
  });

  it('satisfaction: 94, short of the 95 of the CCSO standard', () => {
    const satisfaction = value('satisfaction', 'mean');
    within(satisfaction, 94, 0.1);
    expect(survey.targets.find((t) => t.id === 'ccso_satisfaction')).toMatchObject({ value: 95, better: 'above' });
    expect(satisfaction).toBeLessThan(95);
  });

  it('scores rest on connected evaluations only: 90% of 1,000', () => {
    expect(figure('satisfaction', 'mean').n).toBe(900);
    expect(figure('overall', 'mean').n).toBe(900);
  });

  it('brands differ: a spread of several points, every brand shown', () => {
    const brands = survey.segments.find((s) => s.id === 'brand')!.options.map((o) => value('overall_by_brand', 'mean', o.id));
    expect(brands).toHaveLength(50);
    expect(Math.max(...brands) - Math.min(...brands)).toBeGreaterThan(5);
  });
});

// Comparisons the chapters and chart titles state in words; they must hold in the committed data.
describe('the chapters describe the data', () => {
  it('the phone hotline connects least often, the WeChat account most', () => {
    const channels = ['phone', 'wechat', 'mini_program', 'website', 'app'].map((c) => [c, value('connection_by_channel', 'yes', c)] as const);
    const sorted = [...channels].sort((a, b) => a[1] - b[1]);
    expect(sorted[0]![0]).toBe('phone');
    expect(sorted.at(-1)![0]).toBe('wechat');
  });

  it('new-energy brands connect more, answer online faster, score higher on every dimension and overall', () => {
    expect(value('connection_by_type', 'yes', 'nev')).toBeGreaterThan(value('connection_by_type', 'yes', 'fuel'));
    expect(value('online_response_by_type', 'mean', 'nev')).toBeLessThan(value('online_response_by_type', 'mean', 'fuel'));
    const gaps = ['communication', 'proficiency', 'accuracy', 'capability'].map((d) => value(`${d}_by_type`, 'mean', 'nev') - value(`${d}_by_type`, 'mean', 'fuel'));
    for (const gap of gaps) expect(gap).toBeGreaterThan(0);
    expect(Math.max(...gaps)).toBe(gaps[3]);
    expect(value('overall_by_type', 'mean', 'nev')).toBeGreaterThan(value('overall_by_type', 'mean', 'fuel'));
  });

  it('fuel brands have shorter phone waits but longer voice menus', () => {
    expect(value('ivr_wait_by_type', 'mean', 'fuel')).toBeLessThan(value('ivr_wait_by_type', 'mean', 'nev'));
    expect(value('ivr_menu_by_type', 'mean', 'fuel')).toBeGreaterThan(value('ivr_menu_by_type', 'mean', 'nev'));
  });

  it('complaints score lowest and wait longest online; roadside calls reach an agent soonest', () => {
    const scenarios = ['enquiry', 'maintenance', 'complaint', 'roadside'];
    const of = (indicator: string) => scenarios.map((s) => value(indicator, 'mean', s));
    expect(Math.min(...of('overall_by_scenario'))).toBe(value('overall_by_scenario', 'mean', 'complaint'));
    expect(Math.max(...of('overall_by_scenario'))).toBe(value('overall_by_scenario', 'mean', 'maintenance'));
    expect(Math.max(...of('online_response_by_scenario'))).toBe(value('online_response_by_scenario', 'mean', 'complaint'));
    expect(Math.min(...of('online_response_by_scenario'))).toBe(value('online_response_by_scenario', 'mean', 'roadside'));
    expect(Math.min(...of('ivr_wait_by_scenario'))).toBe(value('ivr_wait_by_scenario', 'mean', 'roadside'));
  });

  it('only the website reaches the satisfaction standard; neither brand type does', () => {
    const meeting = ['phone', 'wechat', 'mini_program', 'website', 'app'].filter((c) => value('satisfaction_by_channel', 'mean', c) >= 95);
    expect(meeting).toEqual(['website']);
    for (const type of ['fuel', 'nev']) expect(value('satisfaction_by_type', 'mean', type)).toBeLessThan(95);
  });

  it('within dimensions, the indicators the chapter names are the strongest and weakest', () => {
    const mean = (id: string) => value(id, 'mean');
    expect(mean('courtesy')).toBe(Math.max(mean('courtesy'), mean('clarity'), mean('listening'), mean('proactive')));
    expect(mean('proactive')).toBe(Math.min(mean('courtesy'), mean('clarity'), mean('listening'), mean('proactive')));
    expect(Math.max(mean('complex_cases'), mean('lookup_speed'))).toBeLessThan(Math.min(mean('process_knowledge'), mean('product_knowledge')));
    expect(mean('product_info')).toBe(Math.max(mean('product_info'), mean('policy_fees'), mean('completeness'), mean('no_evasion')));
    expect(mean('no_evasion')).toBe(Math.min(mean('product_info'), mean('policy_fees'), mean('completeness'), mean('no_evasion')));
    expect(mean('resolution')).toBeGreaterThan(Math.max(mean('flexibility'), mean('empathy'), mean('follow_up')));
  });

  it('brand 41 scores highest and brand 05 lowest', () => {
    const brands = survey.segments.find((s) => s.id === 'brand')!.options.map((o) => o.id);
    const scores = brands.map((b) => value('overall_by_brand', 'mean', b));
    expect(brands[scores.indexOf(Math.max(...scores))]).toBe('brand_41');
    expect(brands[scores.indexOf(Math.min(...scores))]).toBe('brand_05');
  });
});

describe('the committed evaluations', () => {
  it('are what the seeded generator writes', () => {
    const report = SAMPLE_REPORTS.find((r) => r.id === 'auto-service')!;
    const [wave] = report.committed;
    const rows = [...report.generate(survey, { wave: wave!.wave, rows: wave!.rows, seed: wave!.seed })];
    expect(toCsv(rows)).toBe(readFileSync(resolve(DIR, wave!.file), 'utf8'));
  });
});
