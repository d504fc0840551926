import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { slicesOf } from '../../src/filters/slices.ts';
import { readSurvey } from '../../src/pipeline/run.ts';

const survey = readSurvey(resolve('test/fixtures/mini'), process.cwd());

describe('the slices a reader compares', () => {
  it('are the chosen values of the compared dimension, each with the other filters', () => {
    const slices = slicesOf(survey, { wave: '2024', dims: { region: ['south', 'north'], tier: ['top'] }, compare: 'region' }, 'en');
    expect(slices).toEqual([
      { label: 'North', state: { wave: '2024', dims: { region: ['north'], tier: ['top'] } } },
      { label: 'South', state: { wave: '2024', dims: { region: ['south'], tier: ['top'] } } },
    ]);
  });

  it('are the waves when waves are compared, the wave filter set aside', () => {
    expect(slicesOf(survey, { wave: '2024', dims: { tier: ['top'] }, compare: 'wave' }, 'zh')).toEqual([
      { label: '2024', state: { wave: '2024', dims: { tier: ['top'] } } },
      { label: '2025', state: { wave: '2025', dims: { tier: ['top'] } } },
    ]);
  });

  it('are one slice, as if nothing were compared, until two values are chosen', () => {
    const state = { dims: { region: ['north'] }, compare: 'region' };
    expect(slicesOf(survey, state, 'en')).toEqual([{ label: '', state: { dims: { region: ['north'] } } }]);
    expect(slicesOf(survey, { dims: {} }, 'en')).toEqual([{ label: '', state: { dims: {} } }]);
  });

  it('are at most four', () => {
    const many = { ...survey, segments: [{ ...survey.segments[0]!, options: 'abcdef'.split('').map((id) => ({ id, code: id, exclusive: false, label: { zh: id, en: id } })) }] };
    expect(slicesOf(many, { dims: { region: ['f', 'e', 'd', 'c', 'b', 'a'] }, compare: 'region' }, 'en').map((s) => s.label)).toEqual(['a', 'b', 'c', 'd']);
  });
});
