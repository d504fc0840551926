import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import type { FilterState } from '../../src/filters/state.ts';
import { compileWhere, publishedSlice } from '../../src/filters/where.ts';
import { PUBLISHED_CUBE_TABLE } from '../../src/indicators/cube.ts';
import { computeIndicators, sliceComputer } from '../../src/indicators/run.ts';
import { buildPublishedCube } from '../../src/pipeline/published.ts';
import { loadCube } from '../../src/pipeline/run.ts';
import type { Survey } from '../../src/survey/survey.ts';

let engine: Engine;
let survey: Survey;
beforeAll(async () => {
  ({ engine, survey } = await loadCube(resolve('data/cx-management'), process.cwd()));
  await buildPublishedCube(engine, survey);
});
afterAll(async () => engine.close());

describe('the published cube', () => {
  it('publishes no base under suppress_below: small parts are markers without numbers', async () => {
    const [row] = await engine.query(`SELECT count(*) AS small FROM ${PUBLISHED_CUBE_TABLE} WHERE value IS NULL AND n < ?`, [survey.suppress_below]);
    expect(Number(row!.small)).toBe(0);
    const [marker] = await engine.query(`SELECT count(*) AS markers, count(w) AS numbers FROM ${PUBLISHED_CUBE_TABLE} WHERE n IS NULL`);
    expect(Number(marker!.markers)).toBeGreaterThan(0);
    expect(Number(marker!.numbers)).toBe(0);
  });

  it('holds the whole wave with every dimension rolled up: 223 respondents in 2025', async () => {
    const nulls = ['industry', 'region', 'company_size', 'business_model', 'cx_group'].map((d) => `"${d}" IS NULL`).join(' AND ');
    const [row] = await engine.query(`SELECT n FROM ${PUBLISHED_CUBE_TABLE} WHERE wave = '2025' AND ${nulls} AND measure = ? AND value IS NULL`, [survey.maturity!.stage]);
    expect(Number(row!.n)).toBe(223);
  });

  it('holds no slice of more than two filters and a "by": three dimensions at most', async () => {
    const [row] = await engine.query(
      `SELECT max((industry IS NOT NULL)::INT + (region IS NOT NULL)::INT + (company_size IS NOT NULL)::INT + (business_model IS NOT NULL)::INT + (cx_group IS NOT NULL)::INT) AS depth FROM ${PUBLISHED_CUBE_TABLE}`,
    );
    expect(Number(row!.depth)).toBe(3);
  });

  it('computes slices one after another with one statement per set of filtered dimensions, each over its own values', async () => {
    const session = await (engine as Awaited<ReturnType<typeof loadCube>>['engine']).connect();
    try {
      const slices = sliceComputer(session, survey);
      const waves = survey.waves.map((w) => w.id);
      // The same shape three times with other values, another shape, then the first values again.
      const states: FilterState[] = [
        { dims: { industry: ['financial', 'retail'] } },
        { dims: { industry: ['healthcare', 'technology'] } },
        { wave: '2025', dims: { industry: ['retail', 'manufacturing'] } },
        { dims: { region: ['apac'], company_size: ['size_1k'] } },
        { dims: { industry: ['financial', 'retail'] } },
      ];
      const bases = new Set<number>();
      let protectedFigures = 0;
      let figures = 0;
      for (const state of states) {
        const partial = Object.values(state.dims).some((values) => values.length > 1);
        const got = await slices.compute(survey.indicators, publishedSlice(survey, state));
        // The build's own path: the full cube, every cell, the values in the statement.
        const want = await computeIndicators(engine, survey, survey.indicators, compileWhere(survey, state), waves);
        for (const indicator of survey.indicators)
          for (const wave of waves)
            want[indicator.id]![wave]!.forEach((f, i) => {
              const g = got[indicator.id]![wave]![i]!;
              const where = `${JSON.stringify(state)} ${indicator.id} ${wave} ${f.group} ${f.key}`;
              figures++;
              // A slice of single values that is too small says so, as the build does.
              if (f.suppressed && !partial) return expect([g.suppressed, g.withheld], where).toEqual([true, undefined]);
              if (f.suppressed) return expect(g.suppressed, where).toBe(true);
              // A value's part under suppress_below is withheld: a figure over several values is then withheld rather than misstated.
              if (g.suppressed && partial) return expect(g.withheld, where).toBe(true);
              // A figure with enough respondents may still be withheld to protect a small one (secondary suppression).
              if (g.suppressed && !f.suppressed) return protectedFigures++;
              expect([g.group, g.key, g.n, g.suppressed], where).toEqual([f.group, f.key, f.n, f.suppressed]);
              expect(Math.abs((g.value ?? 0) - (f.value ?? 0)), where).toBeLessThanOrEqual(1e-9);
            });
        bases.add(got.maturity_score!['2025']![0]!.n);
      }
      // Protection withholds some figures, not most.
      expect(protectedFigures).toBeLessThan(figures / 4);
      // Each slice has its own base: no statement kept the values of the slice it was prepared for.
      expect(bases.size).toBe(4);
      const [row] = await session.query(`SELECT count(*) AS n FROM duckdb_prepared_statements()`);
      expect(Number(row!.n)).toBe(3);
    } finally {
      await session.close();
    }
  });

  it('marks withheld a figure over several values of which one is too small, counting only the others in its base', async () => {
    const session = await (engine as Awaited<ReturnType<typeof loadCube>>['engine']).connect();
    try {
      const indicator = survey.indicators.find((i) => i.id === 'exec_support_by_group')!;
      const got = await sliceComputer(session, survey).compute([indicator], publishedSlice(survey, { dims: { industry: ['financial', 'retail', 'technology'] } }));
      // Respondents answering the question in 2025, from the build's own cube: technology's leaders are under suppress_below.
      const base = async (industry: string, group: string) =>
        Number((await engine.query(`SELECT sum(n) AS n FROM cube WHERE wave = '2025' AND industry = ? AND cx_group = ? AND measure = 'exec_support' AND value IS NULL`, [industry, group]))[0]!.n);
      expect(await base('technology', 'leaders')).toBeLessThan(survey.suppress_below);
      const leaders = got.exec_support_by_group!['2025']!.find((f) => f.group === 'leaders')!;
      // Its base counts the parts the published cube shows: those not withheld, for being small or to protect another.
      const shown = async (industry: string, group = 'leaders') =>
        Number(
          (
            await engine.query(
              `SELECT coalesce(sum(n), 0) AS n FROM ${PUBLISHED_CUBE_TABLE} WHERE wave = '2025' AND industry = ? AND cx_group = ? AND region IS NULL AND company_size IS NULL AND business_model IS NULL AND measure = 'exec_support' AND value IS NULL`,
              [industry, group],
            )
          )[0]!.n,
        );
      expect([leaders.value, leaders.suppressed, leaders.withheld, leaders.n]).toEqual([null, true, true, (await shown('financial')) + (await shown('retail'))]);
      // Laggards: every part published, the figure shown over all three industries.
      const laggards = got.exec_support_by_group!['2025']!.find((f) => f.group === 'laggards')!;
      const parts = [await base('financial', 'laggards'), await base('retail', 'laggards'), await base('technology', 'laggards')];
      expect(Math.min(...parts)).toBeGreaterThanOrEqual(survey.suppress_below);
      // None is small, but protection may withhold one: then the figure is withheld too, its base the parts shown.
      const published = [await shown('financial', 'laggards'), await shown('retail', 'laggards'), await shown('technology', 'laggards')];
      const whole = published.every((n, i) => n === parts[i]);
      expect([laggards.suppressed, laggards.withheld, laggards.n]).toEqual(whole ? [false, undefined, parts.reduce((a, b) => a + b, 0)] : [true, true, published.reduce((a, b) => a + b, 0)]);
      // Technology alone: its leaders are simply too few, as the build says.
      const alone = await sliceComputer(session, survey).compute([indicator], publishedSlice(survey, { dims: { industry: ['technology'] } }));
      expect(alone.exec_support_by_group!['2025']!.find((f) => f.group === 'leaders')!).toMatchObject({ value: null, suppressed: true });
      expect(alone.exec_support_by_group!['2025']!.find((f) => f.group === 'leaders')!.withheld).toBeUndefined();
    } finally {
      await session.close();
    }
  });

  it('prepares one statement per shape, which every slice of that shape runs', async () => {
    const session = await (engine as Awaited<ReturnType<typeof loadCube>>['engine']).connect();
    const statements = async () => Number((await session.query(`SELECT count(*) AS n FROM duckdb_prepared_statements()`))[0]!.n);
    try {
      const slices = sliceComputer(session, survey);
      await slices.compute(survey.indicators, publishedSlice(survey, { dims: { industry: ['financial', 'retail'] } }));
      expect(await statements()).toBe(1);
      const got = await slices.compute(survey.indicators, publishedSlice(survey, { dims: { industry: ['healthcare', 'technology'] } }));
      expect(await statements()).toBe(1);
      const want = await computeIndicators(engine, survey, survey.indicators, compileWhere(survey, { dims: { industry: ['healthcare', 'technology'] } }), ['2025']);
      expect(got.maturity_score!['2025']![0]!.n).toBe(want.maturity_score!['2025']![0]!.n);
      await slices.compute(survey.indicators, publishedSlice(survey, { dims: { region: ['apac', 'emea'] } }));
      expect(await statements()).toBe(2);
    } finally {
      await session.close();
    }
  });
});

describe('key drivers over the published cube', () => {
  let engine: Awaited<ReturnType<typeof loadCube>>['engine'];
  let survey: Survey;
  beforeAll(async () => {
    ({ engine, survey } = await loadCube(resolve('data/satisfaction-loyalty'), process.cwd()));
    await buildPublishedCube(engine, survey);
  });
  afterAll(async () => engine.close());

  /** Respondents of 2024's hotels in `country` answering CSAT and `driver`, from the build's own cube. */
  const base = async (country: string, driver: string) =>
    Number((await engine.query(`SELECT sum(n) AS n FROM cube WHERE wave = '2024' AND industry = 'hotels' AND country = ? AND measure = ? AND value IS NULL`, [country, `csat~${driver}`]))[0]!.n);

  it('withholds every driver of a slice one of whose parts is too small, counting only the others in its base', async () => {
    const indicator = survey.indicators.find((i) => i.id === 'csat_drivers')!;
    const session = await engine.connect();
    try {
      const slices = sliceComputer(session, survey);
      const got = await slices.compute([indicator], publishedSlice(survey, { wave: '2024', dims: { industry: ['hotels'], country: ['australia', 'china'] } }));
      for (const driver of indicator.drivers!) {
        expect(await base('australia', driver)).toBeLessThan(survey.suppress_below);
        const figure = got.csat_drivers!['2024']!.find((f) => f.key === driver)!;
        expect([figure.value, figure.r, figure.suppressed, figure.withheld, figure.n]).toEqual([null, null, true, true, await base('china', driver)]);
      }
      // Australia's hotels alone are simply too few; China's alone are shown as the build computes them.
      const alone = await slices.compute([indicator], publishedSlice(survey, { wave: '2024', dims: { industry: ['hotels'], country: ['australia'] } }));
      expect(alone.csat_drivers!['2024']!.every((f) => f.suppressed && f.withheld === undefined)).toBe(true);
      const china = { wave: '2024', dims: { industry: ['hotels'], country: ['china'] } };
      const shown = (await slices.compute([indicator], publishedSlice(survey, china))).csat_drivers!['2024']!;
      const want = (await computeIndicators(engine, survey, [indicator], compileWhere(survey, china), ['2024'])).csat_drivers!['2024']!;
      expect(shown.map((f) => [f.key, f.n, f.suppressed])).toEqual(want.map((f) => [f.key, f.n, false]));
      shown.forEach((f, i) => expect(Math.abs(f.value! - want[i]!.value!)).toBeLessThan(1e-9));
    } finally {
      await session.close();
    }
  });
});
