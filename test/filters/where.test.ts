import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileWhere, publishedSlice } from '../../src/filters/where.ts';
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

  it('reads the deep part of the published cube only when a third dimension is left for a "by"', () => {
    // The mini survey has two dimensions (region, tier): a slice of both reads no row of three.
    expect(publishedSlice(survey, { dims: { region: ['north'], tier: ['top'] } }).deep).toBe(false);
    expect(publishedSlice(survey, { dims: { region: ['north'] } }).deep).toBe(false);
    const third = { ...survey, segments: [...survey.segments, { ...survey.segments[0]!, id: 'zone', column: 'Zone' }] };
    expect(publishedSlice(third, { dims: { region: ['north'], tier: ['top'] } }).deep).toBe(true);
    expect(publishedSlice(third, { dims: { region: ['north'] } }).deep).toBe(false);
  });

  it('gives slices that filter the same dimensions the same statement: the values go in the chosen rows only', () => {
    const a = publishedSlice(survey, { wave: '2025', dims: { region: ['north', 'south'] } });
    const b = publishedSlice(survey, { wave: '2024', dims: { region: ['south'] } });
    expect(a.chosen).toEqual([['wave', '2025'], ['region', 'north'], ['region', 'south']]);
    expect(b.chosen).toEqual([['wave', '2024'], ['region', 'south']]);
    expect(a.rows).toEqual(b.rows);
    expect(a.rows.params).toEqual(['wave', 'region']);
    // The rows any slice of the shape may read: region not rolled up, tier either way (an indicator's "by").
    expect(a.shape).toBe('TRUE AND "region" IS NOT NULL');
    expect(publishedSlice(survey, { dims: { region: ['north'], tier: ['top'] } }).shape).toBe('TRUE AND "region" IS NOT NULL AND "tier" IS NOT NULL');
    expect(a.where('tier')).toBe(b.where('tier'));
    const other = publishedSlice(survey, { dims: { tier: ['top'] } });
    expect(other.rows.sql).not.toBe(a.rows.sql);
    expect(() => publishedSlice(survey, { dims: { region: ['west'] } })).toThrow('invalid filter: unknown value "west" of "region"');
  });
});
