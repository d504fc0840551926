import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileWhere } from '../../src/filters/where.ts';
import { parseSurvey } from '../../src/survey/parse.ts';

const survey = parseSurvey(readFileSync('test/fixtures/mini/survey.yaml', 'utf8'), 'survey.yaml');

describe('filter state to WHERE clause', () => {
  it('puts every value in a parameter, never in the SQL text', () => {
    expect(compileWhere(survey, { wave: '2025', dims: { tier: ['top'], region: ['north', 'south'] } })).toEqual({
      sql: '"wave" IN (?) AND "region" IN (?, ?) AND "tier" IN (?)',
      params: ['2025', 'north', 'south', 'top'],
    });
  });

  it('an empty state selects everything', () => {
    expect(compileWhere(survey, { dims: { region: [] } })).toEqual({ sql: 'TRUE', params: [] });
  });

  it('rejects unknown dimensions and values', () => {
    expect(() => compileWhere(survey, { dims: { colour: ['red'] } })).toThrow('invalid filter: unknown dimension "colour"');
    expect(() => compileWhere(survey, { dims: { region: ["north' OR 1=1 --"] } })).toThrow(`invalid filter: unknown value "north' OR 1=1 --" of "region"`);
    expect(() => compileWhere(survey, { wave: '1999', dims: {} })).toThrow('invalid filter: unknown value "1999" of "wave"');
  });
});
