import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publishedSlice } from '../../src/filters/where.ts';
import type { Figure } from '../../src/indicators/result.ts';
import { sliceComputer } from '../../src/indicators/run.ts';
import { buildPublishedCube } from '../../src/pipeline/published.ts';
import { computeResults } from '../../src/pipeline/results.ts';
import { checkAll } from '../../src/pipeline/check.ts';
import { loadCube, runSurvey } from '../../src/pipeline/run.ts';
import { expected } from './expected.ts';

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

describe('so-survey-2011 through the whole pipeline', () => {
  it('publishes no free-text answer: not in the results, the cube, the ready-made views or the data-quality figures', async () => {
    const out = await runSurvey(resolve('test/real/so-survey-2011'), process.cwd());
    const published = [
      JSON.stringify(out.results),
      JSON.stringify([...out.slices]),
      JSON.stringify(out.quality),
      Buffer.from(out.cube).toString('latin1'),
      Buffer.from(out.deepCube).toString('latin1'),
    ].join('\n');
    // Answers written in "other (please specify)" (Objective-C 55 times, Haskell 16, iPod Touch 27) and the country
    // (United States of America 1,037): declared text, so never loaded.
    for (const text of ['Objective-C', 'Haskell', 'iPod Touch', 'United States of America']) expect(published.includes(text), text).toBe(false);
    // The languages themselves are published: the check would see a leak.
    expect(published.includes('c_plus_plus')).toBe(true);
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

describe('corp-rep slices, any one or two segments with one or two values each', () => {
  // The original file, read here directly: a quoted header, then integers only; -99 is missing.
  const [head, ...lines] = readFileSync('test/real/corp-rep/corp_rep_data.csv', 'utf8').trim().split('\n');
  const columns = head!.split(',').map((c) => c.replaceAll('"', ''));
  const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [columns[i]!, Number(v)])));
  const codes: Record<string, [string, Record<string, number>]> = {
    provider: ['serviceprovider', { provider_1: 1, provider_2: 2, provider_3: 3, provider_4: 4 }],
    plan: ['servicetype', { prepaid: 1, contract: 2 }],
    age: ['age', { band_1: 1, band_2: 2, band_3: 3, band_4: 4, band_5: 5, band_6: 6 }],
  };
  /** Satisfied (cusa 6-7) among the rows answering cusa, over the rows of `dims`. */
  const satisfied = (dims: Record<string, string[]>) => {
    const base = rows.filter((r) => r.cusa !== -99 && Object.entries(dims).every(([d, values]) => values.some((v) => r[codes[d]![0]] === codes[d]![1][v])));
    return { n: base.length, value: base.filter((r) => r.cusa! >= 6).length / base.length };
  };
  /** Each combination of one value per filtered dimension: the parts the published cube holds apart. */
  const parts = (dims: Record<string, string[]>): Record<string, string[]>[] =>
    Object.entries(dims).reduce<Record<string, string[]>[]>((acc, [d, values]) => acc.flatMap((p) => values.map((v) => ({ ...p, [d]: [v] }))), [{}]);
  const filter = fc
    .subarray(Object.keys(codes), { minLength: 1, maxLength: 2 })
    .chain((dims) => fc.record(Object.fromEntries(dims.map((d) => [d, fc.uniqueArray(fc.constantFrom(...Object.keys(codes[d]![1])), { minLength: 1, maxLength: 2 })]))));

  it('shows the share computed from the file unless the slice or one of its non-empty parts has under 10 answers, and then withholds it', async () => {
    const { survey, engine } = await loadCube(resolve('test/real/corp-rep'), process.cwd());
    try {
      await buildPublishedCube(engine, survey);
      const session = await engine.connect();
      try {
        const slices = sliceComputer(session, survey);
        const indicator = survey.indicators.filter((i) => i.id === 'satisfaction');
        const seen = { shown: 0, withheld: 0 };
        await fc.assert(
          fc.asyncProperty(filter, async (dims) => {
            const got = (await slices.compute(indicator, publishedSlice(survey, { dims }))).satisfaction!['2017']![0]!;
            const want = satisfied(dims);
            // A part nobody is in hides nothing: only a part of 1 to 9 answers withholds the figure.
            const small = want.n < survey.suppress_below || parts(dims).some((p) => satisfied(p).n > 0 && satisfied(p).n < survey.suppress_below);
            // A figure with enough answers may also be withheld, to protect a small one (secondary suppression).
            if (small) expect(got.suppressed, JSON.stringify(dims)).toBe(true);
            seen[got.suppressed ? 'withheld' : 'shown']++;
            if (got.suppressed) {
              expect(got.value).toBeNull();
            } else {
              expect(got.n).toBe(want.n);
              expect(Math.abs(got.value! - want.value)).toBeLessThanOrEqual(1e-9);
            }
          }),
          { numRuns: 150, seed: 20261204 },
        );
        // Both rules were exercised.
        expect(Math.min(seen.shown, seen.withheld)).toBeGreaterThan(10);
      } finally {
        await session.close();
      }
    } finally {
      await engine.close();
    }
  });
});
