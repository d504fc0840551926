import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromSearch, toSearch } from '../../src/filters/url.ts';
import { readSurvey } from '../../src/pipeline/run.ts';

const survey = readSurvey(resolve('test/fixtures/mini'), process.cwd());

describe('filter state in the URL', () => {
  it('writes dimensions in definition order and values in choice order', () => {
    expect(toSearch(survey, { wave: '2025', dims: { tier: ['top'], region: ['south', 'north'] } })).toBe('?wave=2025&region=north,south&tier=top');
    expect(toSearch(survey, { dims: {} })).toBe('');
  });

  it('reads back what it wrote', () => {
    const state = { wave: '2024', dims: { region: ['north'], tier: ['bottom', 'top'] } };
    expect(fromSearch(survey, toSearch(survey, state))).toEqual(state);
  });

  it('drops what the survey does not know, so a stale or edited link still opens', () => {
    expect(fromSearch(survey, '?wave=1999&region=north,west&colour=red&tier=')).toEqual({ dims: { region: ['north'] } });
  });

  it('holds what is compared, and drops a comparison by a dimension the survey does not have', () => {
    const state = { dims: { region: ['north', 'south'] }, compare: 'region' };
    expect(toSearch(survey, state)).toBe('?region=north,south&compare=region');
    expect(fromSearch(survey, toSearch(survey, state))).toEqual(state);
    expect(fromSearch(survey, '?compare=wave')).toEqual({ dims: {}, compare: 'wave' });
    expect(fromSearch(survey, '?region=north&compare=colour')).toEqual({ dims: { region: ['north'] } });
  });
});
