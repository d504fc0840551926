import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runSurvey } from '../../src/pipeline/run.ts';
import { withholdGroup } from '../../src/pipeline/withheld-counts.ts';

// A survey of 40 respondents with suppress_below 10: every count of 1 to 9 the data-quality page would show
// must be withheld, and so must whatever would give one away by subtraction from the 40.
const root = mkdtempSync(join(tmpdir(), 'cx-quality-withheld-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SURVEY = `id: small
title: { zh: 小, en: Small }
description: { zh: 小, en: Small }
source: { zh: 测试, en: Test }
unit: { zh: 人, en: respondents }
id_column: ID
suppress_below: 10
min_base: 10
waves:
  - { id: "2025", file: "2025.csv" }
segments:
  - id: region
    column: Region
    label: { zh: 地区, en: Region }
    missing: [X]
    options:
      - { id: north, code: N, label: { zh: 北, en: North } }
      - { id: south, code: S, label: { zh: 南, en: South } }
      - { id: east, code: E, label: { zh: 东, en: East } }
questions:
  - id: sat
    type: rating
    column: Sat
    label: { zh: 满意度, en: Satisfaction }
    missing: [9]
    scale: { min: 1, max: 5 }
  - id: a
    type: rating
    column: A
    label: { zh: 甲, en: A }
    scale: { min: 1, max: 7 }
  - id: b
    type: rating
    column: B
    label: { zh: 乙, en: B }
    scale: { min: 1, max: 7 }
  - id: c
    type: rating
    column: C
    label: { zh: 丙, en: C }
    scale: { min: 1, max: 7 }
  - id: e
    type: rating
    column: E
    label: { zh: 戊, en: E }
    missing: [9]
    scale: { min: 1, max: 4 }
indicators:
  - { id: sat_mean, kind: mean, measure: sat }
`;

/**
 * Row i (0-39): region N for rows 0-21 (22), S for 22-33 (12), E for 34-36 (3), the "not stated" code X for
 * 37-39 (3); satisfaction 9 ("don't know") on rows 0-6 (7), blank on rows 7-8 (2), else 4; the grid A, B, C
 * all 3 on rows 0-4 (5 straight-liners), else 1, 2, 3; C blank on row 39, so 39 answer the whole grid; E
 * "don't know" (9) on rows 0-2, else 2.
 */
function rows(): string {
  const lines = ['ID,Region,Sat,A,B,C,E'];
  for (let i = 0; i < 40; i++) {
    const region = i < 22 ? 'N' : i < 34 ? 'S' : i < 37 ? 'E' : 'X';
    const sat = i < 7 ? '9' : i < 9 ? '' : '4';
    const grid = i < 5 ? ['3', '3', '3'] : ['1', '2', i === 39 ? '' : '3'];
    lines.push([`r${i}`, region, sat, ...grid, i < 3 ? '9' : '2'].join(','));
  }
  return lines.join('\n') + '\n';
}

describe('the data-quality figures of a survey with small counts', () => {
  it('withhold every count under suppress_below, every share of one, and the count that would give one away', async () => {
    const dir = join(root, 'data', 'small');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'survey.yaml'), SURVEY);
    writeFileSync(join(dir, '2025.csv'), rows());
    const [wave] = (await runSurvey(dir, root)).quality;
    expect(wave!.respondents).toBe(40);
    // East (3) and "not stated" (3) are under 10; together 6, still under 10, so the next smallest, south
    // (12), is withheld too: 40 - 22 leaves 18 for the three, which no longer pins any of them.
    expect(wave!.segments).toEqual({ region: { north: 22, south: null, east: null } });
    expect(wave!.segmentMissing).toEqual({ region: { X: null } });
    const items = Object.fromEntries(wave!.items.map((i) => [i.question, [i.blank, i.missing]]));
    // Satisfaction: 2 blank and 7 "don't know", both under 10; C: 1 blank (it has no "don't know" code).
    expect(items.sat).toEqual([null, null]);
    expect(items.c).toEqual([null, 0]);
    expect(items.a).toEqual([0, 0]);
    // E: no blank, 3 "don't know". The 0 blanks are withheld too: with the base of E's figures (37), which the
    // report publishes, a published 0 would give the 3 away (40 - 37 - 0).
    expect(items.e).toEqual([null, null]);
    // A, B and C (1-7, apart from satisfaction's 1-5) are the grid: 5 straight-liners among 39 who answered every item.
    expect(wave!.grids).toEqual([{ questions: ['a', 'b', 'c'], straight: null, answered: 39 }]);
  });
});

describe('withholding a group of counts', () => {
  it('never leaves a count under the threshold published, nor one withheld count alone, nor withheld counts summing under it', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 2, max: 15 }), (ns, t) => {
        const counts = Object.fromEntries(ns.map((n, i) => [`k${i}`, n]));
        const out = withholdGroup(counts, t);
        const withheld = ns.filter((_, i) => out[`k${i}`] === null);
        for (const [i, n] of ns.entries()) {
          if (n > 0 && n < t) expect(out[`k${i}`]).toBeNull();
          // What is published is the count itself.
          if (out[`k${i}`] !== null) expect(out[`k${i}`]).toBe(n);
        }
        // Unless every other count is zero, withheld counts are never alone and never sum under the threshold.
        const others = ns.filter((n, i) => n > 0 && out[`k${i}`] !== null);
        if (withheld.length && others.length) {
          expect(withheld.length).toBeGreaterThanOrEqual(2);
          expect(withheld.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(t);
        }
      }),
    );
  });

  it('withholds the smallest published count next, the earlier one on a tie', () => {
    // 3 alone would follow from the total: 12 (the smallest other) goes with it; 3 + 12 = 15 is not under 10.
    expect(withholdGroup({ a: 20, b: 3, c: 15, d: 12, e: 15 }, 10)).toEqual({ a: 20, b: null, c: 15, d: null, e: 15 });
    // 4 alone: of the two 12s, the earlier goes with it.
    expect(withholdGroup({ a: 30, b: 4, c: 12, d: 12 }, 10)).toEqual({ a: 30, b: null, c: null, d: 12 });
    // 2 and 3 are withheld but sum to 5, under 10: the next smallest, 11, goes with them.
    expect(withholdGroup({ a: 2, b: 3, c: 40, d: 11 }, 10)).toEqual({ a: null, b: null, c: 40, d: null });
    expect(withholdGroup({ a: 64, b: 60, c: 8, d: 20, e: 8 }, 10)).toEqual({ a: 64, b: 60, c: null, d: 20, e: null });
    expect(withholdGroup({ a: 0, b: 30 }, 10)).toEqual({ a: 0, b: 30 });
  });
});
