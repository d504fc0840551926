import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMON_VIEWS, commonStates, engineSlices, nextStates, toggled } from '../../src/filters/ahead.ts';
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

  it('before any change, are two values of one dimension: every pair, the first of every dimension first, forty at most', () => {
    expect(commonStates(survey)).toEqual([{ dims: { region: ['north', 'south'] } }, { dims: { tier: ['bottom', 'top'] } }]);
    // Twelve regions make 66 pairs: the tier's one pair comes second, then the regions' pairs, a with each
    // other region (11), b (10), c (9), d (8), and the first of e.
    const options = 'abcdefghijkl'.split('').map((id) => ({ id, code: id, exclusive: false, label: { zh: id, en: id } }));
    const states = commonStates({ ...survey, segments: [{ ...survey.segments[0]!, options }] });
    expect(COMMON_VIEWS).toBe(40);
    expect(states).toHaveLength(40);
    expect(states.slice(0, 4)).toEqual([{ dims: { region: ['a', 'b'] } }, { dims: { tier: ['bottom', 'top'] } }, { dims: { region: ['a', 'c'] } }, { dims: { region: ['a', 'd'] } }]);
    expect(states.at(-2)).toEqual({ dims: { region: ['d', 'l'] } });
    expect(states.at(-1)).toEqual({ dims: { region: ['e', 'f'] } });
  });
});
