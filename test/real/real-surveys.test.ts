import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishedSlice } from '../../src/filters/where.ts';
import type { Figure } from '../../src/indicators/result.ts';
import { sliceComputer } from '../../src/indicators/run.ts';
import { buildPublishedCube } from '../../src/pipeline/published.ts';
import { computeResults } from '../../src/pipeline/results.ts';
import { checkAll } from '../../src/pipeline/check.ts';
import { loadCube } from '../../src/pipeline/run.ts';

/** One figure of test/real/expected.json, computed by expected.py from the original files. */
interface Expected {
  survey: string;
  indicator: string;
  wave: string;
  filters: Record<string, string[]>;
  group: string | null;
  key: string;
  value: number;
  n: number;
}

const expected = JSON.parse(readFileSync('test/real/expected.json', 'utf8')) as Expected[];
const surveys = [...new Set(expected.map((e) => e.survey))];

describe('the real-survey corpus', () => {
  it('passes npm run check: every definition and wave file valid, with the respondents each SOURCE.md counts', async () => {
    const report = await checkAll(process.cwd(), 'test/real', join('test/real', 'no-chapters'));
    expect(report.problems).toEqual([]);
    // gss-cat: the waves 2008-2014 of SOURCE.md's year counts, 2023 + 2044 + 1974 + 2538.
    expect(Object.fromEntries(report.surveys.map((s) => [s.id, s.respondents]))).toEqual({
      'corp-rep': 344,
      'food-world-cup': 1373,
      'gss-cat': 8579,
      masculinity: 1615,
      mobi: 250,
      'so-survey-2011': 2813,
    });
  });
});

describe.each(surveys)('real survey %s', (id) => {
  it('validates, loads and publishes every figure expected.py computes, unfiltered and through the published slices', async () => {
    const { survey, engine, counts } = await loadCube(resolve('test/real', id), process.cwd());
    try {
      const results = await computeResults(engine, survey, counts);
      await buildPublishedCube(engine, survey);
      const session = await engine.connect();
      try {
        const slices = sliceComputer(session, survey);
        for (const want of expected.filter((e) => e.survey === id)) {
          const where = JSON.stringify(want);
          const byWave = Object.keys(want.filters).length
            ? (await slices.compute(survey.indicators.filter((i) => i.id === want.indicator), publishedSlice(survey, { dims: want.filters })))[want.indicator]
            : results.indicators[want.indicator];
          const got: Figure | undefined = byWave?.[want.wave]?.find((f) => f.group === want.group && f.key === want.key);
          expect(got, where).toBeDefined();
          expect([got!.n, got!.suppressed], where).toEqual([want.n, false]);
          expect(Math.abs(got!.value! - want.value), where).toBeLessThanOrEqual(1e-9);
        }
      } finally {
        await session.close();
      }
    } finally {
      await engine.close();
    }
  });
});
