import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import { PUBLISHED_CUBE_TABLE } from '../../src/indicators/cube.ts';
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
});
