import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { PUBLISHED_CUBE_TABLE } from '../../src/indicators/cube.ts';
import { poolBins } from '../../src/pipeline/pooled-bins.ts';
import { buildPublishedCube } from '../../src/pipeline/published.ts';
import { loadCube, runSurvey } from '../../src/pipeline/run.ts';

// Waiting times counted in bins of 1 second, with suppress_below 5: no bin of fewer than 5 respondents may be
// published in any slice, and medians and percentiles are read off what is published.
const root = mkdtempSync(join(tmpdir(), 'cx-pooled-bins-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SURVEY = `id: waits
title: { zh: 等待, en: Waits }
description: { zh: 等待, en: Waits }
source: { zh: 测试, en: Test }
unit: { zh: 人, en: respondents }
id_column: ID
suppress_below: 5
min_base: 5
waves:
  - { id: "2025", file: "2025.csv" }
segments:
  - id: region
    column: Region
    label: { zh: 地区, en: Region }
    options:
      - { id: north, code: N, label: { zh: 北, en: North } }
      - { id: south, code: S, label: { zh: 南, en: South } }
questions:
  - id: wait
    type: number
    column: Wait
    label: { zh: 等待, en: Wait }
    min: 0
    bin: 1
indicators:
  - { id: wait_median, kind: percentile, measure: wait, at: 0.5 }
  - { id: wait_p10, kind: percentile, measure: wait, at: 0.1 }
  - { id: wait_p10_region, kind: percentile, measure: wait, at: 0.1, by: region }
`;

let made = 0;
/** Writes the survey with one row per [region, wait] and returns its folder. */
function write(rows: [string, number][]): string {
  const dir = join(root, 'data', `s${++made}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'survey.yaml'), SURVEY.replace('id: waits', `id: s${made}`));
  writeFileSync(join(dir, '2025.csv'), `ID,Region,Wait\n${rows.map(([r, w], i) => `r${i},${r},${w}`).join('\n')}\n`);
  return dir;
}

/** The published cube's rows of the wait question: value rows (bins) and base rows, per slice. */
async function published(dir: string) {
  const { survey, engine } = await loadCube(dir, root);
  try {
    await buildPublishedCube(engine, survey);
    const bins = await engine.query(`SELECT wave, region, x, n FROM ${PUBLISHED_CUBE_TABLE} WHERE measure = 'wait' AND value IS NOT NULL ORDER BY ALL`);
    const bases = await engine.query(`SELECT wave, region, n FROM ${PUBLISHED_CUBE_TABLE} WHERE measure = 'wait' AND value IS NULL AND n IS NOT NULL ORDER BY ALL`);
    return { bins, bases };
  } finally {
    await engine.close();
  }
}

describe('bins of a number in the published cube', () => {
  // Rows 0-4 wait 1, 2, 3, 4 and 5 seconds (one each), rows 5-29 wait 10, rows 30-49 wait 20; rows 0-24 are
  // north, 25-49 south.
  const rows: [string, number][] = Array.from({ length: 50 }, (_, i) => [i < 25 ? 'N' : 'S', i < 5 ? i + 1 : i < 30 ? 10 : 20]);

  it('pool bins of fewer than suppress_below respondents, lowest first, valued at their mean', async () => {
    const { bins } = await published(write(rows));
    const slice = (region: string | null) => bins.filter((b) => b.region === region).map((b) => [b.x, b.n]);
    // All: 1-5 (one each) make a pool of 5 valued at (1+2+3+4+5)/5 = 3; 10 (25) and 20 (20) stand alone.
    expect(slice(null)).toEqual([[3, 5], [10, 25], [20, 20]]);
    // North: the same pool of 5, then 10 (rows 5-24: 20).
    expect(slice('north')).toEqual([[3, 5], [10, 20]]);
    // South: 10 (rows 25-29: 5) and 20 (20).
    expect(slice('south')).toEqual([[10, 5], [20, 20]]);
  });

  it('give medians and percentiles read off the pooled bins, in the build as in the browser', async () => {
    const { results } = await runSurvey(write(rows), root);
    // Cumulative counts over the pools 3, 10, 20: 5, 30, 50. The median (25 of 50) falls in 10; the 10th
    // percentile (5 of 50) in the pool valued 3, where the unpooled bins would have given 5.
    expect(results.indicators.wait_median!['2025']![0]!.value).toBe(10);
    expect(results.indicators.wait_p10!['2025']![0]!.value).toBe(3);
    // North: pools 3 (5) and 10 (20): 10% of 25 is 2.5, reached in the pool valued 3. South: 10 (5), 20 (20): 10.
    const byRegion = Object.fromEntries(results.indicators.wait_p10_region!['2025']!.map((f) => [f.group, f.value]));
    expect(byRegion).toEqual({ north: 3, south: 10 });
  });

  it('never publish a bin of 1 to suppress_below - 1 respondents, and keep every slice’s count, over random data', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('N', 'S'), fc.integer({ min: 0, max: 40 })), { minLength: 5, maxLength: 80 }), async (data) => {
        const { bins, bases } = await published(write(data));
        expect(bins.filter((b) => b.n !== null && Number(b.n) > 0 && Number(b.n) < 5)).toEqual([]);
        // Each published base is the sum of its slice's bins, counted from the data itself.
        for (const base of bases) {
          const inSlice = bins.filter((b) => b.region === base.region);
          expect(inSlice.reduce((s, b) => s + Number(b.n), 0)).toBe(Number(base.n));
          const counted = data.filter(([r]) => base.region === null || (base.region === 'north') === (r === 'N')).length;
          expect(Number(base.n)).toBe(counted);
        }
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});

describe('pooling the bins of one slice', () => {
  it('makes contiguous pools of at least the threshold each, when the slice holds that many', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 20 }), (counts, t) => {
        const pools = poolBins(counts, t);
        const totals = new Map<number, number>();
        pools.forEach((p, i) => totals.set(p, (totals.get(p) ?? 0) + counts[i]!));
        // Pools are numbered 0, 1, 2… in order of value.
        pools.forEach((p, i) => expect(p - (pools[i - 1] ?? p)).toBeGreaterThanOrEqual(0));
        expect([...totals.keys()]).toEqual([...totals.keys()].map((_, i) => i));
        const sum = counts.reduce((a, b) => a + b, 0);
        if (sum >= t) for (const n of totals.values()) expect(n).toBeGreaterThanOrEqual(t);
      }),
    );
  });
});
