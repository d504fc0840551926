import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine, Row } from '../../src/engine/engine.ts';
import { inlineParams } from '../../src/engine/literals.ts';
import { compileWhere } from '../../src/filters/where.ts';
import { compileIndicators } from '../../src/indicators/compile.ts';
import { itemIndicators } from '../../src/survey/battery.ts';
import type { Survey } from '../../src/survey/survey.ts';
import { loadMini } from '../indicators/mini.ts';

describe('parameters written into the statement', () => {
  it('quote text, keep numbers, and leave question marks inside quotes alone', () => {
    expect(inlineParams(`SELECT ? AS "why?", '?' AS q, ?, ?, ? WHERE x IN (?, ?)`, ["it's", 2.5, -3, null, true, 'a'])).toBe(
      `SELECT 'it''s' AS "why?", '?' AS q, 2.5, -3, NULL WHERE x IN (TRUE, 'a')`,
    );
  });

  it('refuse a count that does not match, and values that are no scalar', () => {
    expect(() => inlineParams('SELECT ?, ?', [1])).toThrow('more placeholders than parameters');
    expect(() => inlineParams('SELECT ?', [1, 2])).toThrow('2 parameters for 1 placeholders');
    expect(() => inlineParams('SELECT ?', [Number.NaN])).toThrow('only finite scalar parameters');
    expect(() => inlineParams('SELECT ?', [['a']])).toThrow('only finite scalar parameters');
  });
});

describe('every indicator query, its parameters inlined', () => {
  let engine: Engine;
  let survey: Survey;
  beforeAll(async () => ({ engine, survey } = await loadMini()));
  afterAll(async () => engine?.close());

  it('returns exactly the rows of the prepared statement', async () => {
    const where = compileWhere(survey, { dims: { region: ['north'] } });
    for (const indicator of survey.indicators.flatMap((i) => itemIndicators(survey.batteries, i))) {
      const q = compileIndicators(survey, [indicator], where);
      // Rows come in no order: compared as sets.
      const sorted = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).sort();
      expect(sorted(await engine.query(inlineParams(q.sql, q.params))), indicator.id).toEqual(sorted(await engine.query(q.sql, q.params)));
    }
  });
});
