import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readyMade, readyMadeStates, slicesOf } from '../../src/filters/slices.ts';
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

describe('the views published ready-made', () => {
  it('are the whole report, each wave alone, and each value of each segment and grouping alone, in every wave and in each', () => {
    // The mini survey: waves 2024 and 2025, region north | south, tier bottom | top.
    const values = [{ region: ['north'] }, { region: ['south'] }, { tier: ['bottom'] }, { tier: ['top'] }];
    expect(readyMadeStates(survey)).toEqual([
      { dims: {} },
      { wave: '2024', dims: {} },
      { wave: '2025', dims: {} },
      ...values.map((dims) => ({ dims })),
      ...values.map((dims) => ({ wave: '2024', dims })),
      ...values.map((dims) => ({ wave: '2025', dims })),
    ]);
    // With one wave, a wave alone is the whole report.
    const single = { ...survey, waves: survey.waves.slice(-1) };
    expect(readyMadeStates(single)).toEqual([{ dims: {} }, { wave: '2025', dims: {} }, ...values.map((dims) => ({ dims }))]);
    expect(readyMade(single, { wave: '2025', dims: { region: ['north'] } })).toBeUndefined();
  });

  it('are found in one file per dimension, an entry per value, and the whole report and its waves in _all.json', () => {
    expect(readyMade(survey, { dims: {} })).toEqual({ file: '_all.json', entry: 'all' });
    expect(readyMade(survey, { wave: '2024', dims: { region: [] } })).toEqual({ file: '_all.json', entry: 'wave=2024' });
    expect(readyMade(survey, { dims: { region: [], tier: ['top'] } })).toEqual({ file: 'tier.json', entry: 'top' });
    expect(readyMade(survey, { dims: { region: ['south'] } })).toEqual({ file: 'region.json', entry: 'south' });
    expect(readyMade(survey, { wave: '2024', dims: { region: ['north'] } })).toEqual({ file: 'region@2024.json', entry: 'north' });
  });

  it('are not any other view: two values, two dimensions, a comparison', () => {
    expect(readyMade(survey, { dims: { region: ['north', 'south'] } })).toBeUndefined();
    expect(readyMade(survey, { dims: { region: ['north'], tier: ['top'] } })).toBeUndefined();
    expect(readyMade(survey, { dims: { region: ['north'] }, compare: 'region' })).toBeUndefined();
  });
});
