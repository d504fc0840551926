import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineSlices, nextStates, toggled } from '../../src/filters/ahead.ts';
import { readSurvey } from '../../src/pipeline/run.ts';

// The mini survey: waves 2024 and 2025, region north | south, tier bottom | top.
const survey = readSurvey(resolve('test/fixtures/mini'), process.cwd());

describe('the views computed ahead of the reader', () => {
  it('tick a value, or untick it when it was ticked', () => {
    expect(toggled({ dims: { region: ['north'] } }, 'region', 'south')).toEqual({ dims: { region: ['north', 'south'] } });
    expect(toggled({ wave: '2024', dims: { region: ['north'], tier: ['top'] } }, 'region', 'north')).toEqual({ wave: '2024', dims: { region: [], tier: ['top'] } });
    expect(toggled({ dims: {} }, 'tier', 'top')).toEqual({ dims: { tier: ['top'] } });
  });

  it('are one tick away within the dimensions already filtered, in the order of their lists', () => {
    expect(nextStates(survey, { dims: { region: ['north'] } })).toEqual([{ dims: { region: [] } }, { dims: { region: ['north', 'south'] } }]);
    expect(nextStates(survey, { wave: '2024', dims: { region: ['south'], tier: ['top'] } })).toEqual([
      { wave: '2024', dims: { region: ['south', 'north'], tier: ['top'] } },
      { wave: '2024', dims: { region: [], tier: ['top'] } },
      { wave: '2024', dims: { region: ['south'], tier: ['top', 'bottom'] } },
      { wave: '2024', dims: { region: ['south'], tier: [] } },
    ]);
    expect(nextStates(survey, { dims: {} })).toEqual([]);
  });

  it('never compare more than four slices', () => {
    const options = 'abcdef'.split('').map((id) => ({ id, code: id, exclusive: false, label: { zh: id, en: id } }));
    const many = { ...survey, segments: [{ ...survey.segments[0]!, options }] };
    const next = nextStates(many, { dims: { region: ['a', 'b', 'c', 'd'] }, compare: 'region' });
    expect(next.map((s) => s.dims.region)).toEqual([['b', 'c', 'd'], ['a', 'c', 'd'], ['a', 'b', 'd'], ['a', 'b', 'c']]);
    // Without comparing, five values are one slice like any other.
    expect(nextStates(many, { dims: { region: ['a', 'b', 'c', 'd'] } })).toHaveLength(6);
  });

  it('leave out what is ready-made, what is on screen, and any slice met twice', () => {
    const twoDims = { dims: { region: ['north'], tier: ['top'] } };
    // Unticking one of two dimensions leaves one value of one segment: ready-made.
    expect(engineSlices(survey, nextStates(survey, twoDims), twoDims)).toEqual([
      { dims: { region: ['north', 'south'], tier: ['top'] } },
      { dims: { region: ['north'], tier: ['top', 'bottom'] } },
    ]);
    expect(engineSlices(survey, [{ dims: { region: ['north', 'south'] } }, { dims: { region: ['south', 'north'] } }])).toEqual([{ dims: { region: ['north', 'south'] } }]);
    expect(engineSlices(survey, [twoDims], twoDims)).toEqual([]);
    // Compared slices are single values, each ready-made in every wave.
    expect(engineSlices(survey, nextStates(survey, { dims: { tier: ['top', 'bottom'] }, compare: 'wave' }))).toEqual([]);
    expect(engineSlices(survey, [{ dims: { region: ['north', 'south'] }, compare: 'region' }])).toEqual([]);
  });
});
