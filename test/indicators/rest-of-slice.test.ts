import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Figure } from '../../src/indicators/result.ts';
import { annotate } from '../../src/indicators/significance.ts';
import { runSurvey } from '../../src/pipeline/run.ts';
import type { Indicator } from '../../src/survey/report.ts';

const scratch = mkdtempSync(join(tmpdir(), 'cx-rest-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const figure = (group: string | null, value: number | null, n: number): Figure => ({ group, key: 'yes', value, n, neff: n, low_base: false, suppressed: value === null });

describe('a group against the rest of its slice', () => {
  const share: Indicator = { id: 'x', kind: 'share', measure: 'm', by: 'region' };
  // 14 of 28 chose yes; north: 12 of 20; the rest (south): 2 of 8 = 0.25, withheld itself.
  const groups = { '2025': [figure('north', 0.6, 20), figure('south', null, 8)] };
  const totals = { '2025': [figure(null, 0.5, 28)] };

  it('is not tested when the rest of the slice has a base under the threshold', () => {
    const out = annotate(share, groups, ['2025'], { totals, suppressBelow: 10 });
    expect(out['2025']!.map((f) => f.vs_rest ?? null)).toEqual([null, null]);
  });

  it('is tested against a rest at the threshold, its difference worked out by hand', () => {
    // Rest: (14 − 12) / (28 − 20) = 0.25; north − rest = 0.6 − 0.25 = 0.35.
    const [north] = annotate(share, groups, ['2025'], { totals, suppressBelow: 8 })['2025']!;
    expect(north!.vs_rest!.diff).toBeCloseTo(0.35, 12);
  });

  it('is not tested when the slice itself is withheld', () => {
    const withheld = { '2025': [{ ...figure(null, 0.5, 28), suppressed: true, withheld: true }] };
    const [north] = annotate(share, groups, ['2025'], { totals: withheld, suppressBelow: 1 })['2025']!;
    expect(north!.vs_rest ?? null).toBeNull();
  });

  it('publishes no difference from a small rest in the views the build publishes', async () => {
    // Region by plan, satisfaction 1-5, T = 10:
    //   north: basic 15 (eleven 5s, four 3s), premium 7 (seven 3s): 22, mean (55 + 33) / 22 = 4;
    //   south: basic 5 (4, 4, 4, 2, 2), premium 7 (4, 4, 4, 2, 2, 2, 2): 12, mean 36 / 12 = 3;
    //   west: premium 6 (six 1s), withheld.
    // Whole report: north's rest is south and west, 18, mean (36 + 6) / 18 = 7/3: north − rest = 4 − 7/3 = 5/3;
    // south's rest is north and west, 28, mean (88 + 6) / 28: south − rest = 3 − 94/28.
    // Plan basic: north 15 against a rest of 5 (south): no difference may be published.
    const dir = join(scratch, 'data', 'rest');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'survey.yaml'),
      `id: rest
title: { zh: 余, en: Rest }
description: { zh: 余, en: Rest }
source: { zh: 测试, en: Test }
unit: { zh: 人, en: respondents }
id_column: ID
suppress_below: 10
min_base: 10
waves: [{ id: "2025", file: 2025.csv }]
segments:
  - { id: region, column: Region, label: { zh: 区, en: Region }, options: [{ id: north, code: N, label: { zh: 北, en: North } }, { id: south, code: S, label: { zh: 南, en: South } }, { id: west, code: W, label: { zh: 西, en: West } }] }
  - { id: plan, column: Plan, label: { zh: 套餐, en: Plan }, options: [{ id: basic, code: B, label: { zh: 基本, en: Basic } }, { id: premium, code: P, label: { zh: 高级, en: Premium } }] }
questions:
  - { id: sat, type: rating, column: Sat, label: { zh: 满意, en: Sat }, scale: { min: 1, max: 5 } }
indicators:
  - { id: sat_by_region, kind: mean, measure: sat, by: region }
`,
    );
    const rows = [
      ...Array<string>(11).fill('N,B,5'), ...Array<string>(4).fill('N,B,3'), ...Array<string>(7).fill('N,P,3'),
      'S,B,4', 'S,B,4', 'S,B,4', 'S,B,2', 'S,B,2', 'S,P,4', 'S,P,4', 'S,P,4', 'S,P,2', 'S,P,2', 'S,P,2', 'S,P,2',
      ...Array<string>(6).fill('W,P,1'),
    ];
    writeFileSync(join(dir, '2025.csv'), ['ID,Region,Plan,Sat', ...rows.map((r, i) => `${i + 1},${r}`)].join('\n'));
    const out = await runSurvey(dir, scratch);
    const vsRest = (figures: Figure[]) => Object.fromEntries(figures.map((f) => [f.group, f.vs_rest?.diff ?? null]));
    const whole = vsRest(out.results.indicators.sat_by_region!['2025']!);
    expect(whole.north).toBeCloseTo(5 / 3, 12);
    expect(whole.south).toBeCloseTo(3 - 94 / 28, 12);
    expect(whole.west).toBeNull();
    const readyWhole = vsRest(out.slices.get('_all.json')!.all!.sat_by_region!['2025']!);
    expect(readyWhole.north).toBeCloseTo(5 / 3, 12);
    // Under plan basic, south (5) is withheld, and with it north (15), its one published sibling, which would
    // give south away (basic 20 - north 15): no figure and no difference from a rest is published there.
    const basic = out.slices.get('plan.json')!.basic!.sat_by_region!['2025']!;
    expect(basic.find((f) => f.group === 'north')!.value).toBeNull();
    expect(vsRest(basic)).toEqual({ north: null, south: null, west: null });
  });
});
