import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChartSpec, Mark } from '../../src/charts/spec.ts';
import { chartUnits, inUnit } from '../../src/charts/units.ts';
import { readSurvey } from '../../src/pipeline/run.ts';

const survey = readSurvey(resolve('test/fixtures/mini'), process.cwd());

const mark = (key: string, series: string | null, value: number | null, count: number | null, n: number): Mark => ({
  key,
  label: key.toUpperCase(),
  series,
  value,
  count,
  low: value === null ? null : value - 0.1,
  high: value === null ? null : value + 0.1,
  signif: value === null ? null : 'up',
  n,
  low_base: false,
  suppressed: value === null,
});

const spec = (marks: Mark[], type: ChartSpec['type'] = 'bars'): ChartSpec => ({
  id: 'c',
  type,
  lang: 'en',
  title: 'T',
  question: 'Q',
  unit: 'share',
  marks,
  keys: [...new Set(marks.map((m) => m.label))],
  series: [...new Set(marks.flatMap((m) => (m.series === null ? [] : [m.series])))],
  target: null,
  min_base: 5,
  suppress_below: 3,
  note: null,
  compare: 'previous',
  population: 'respondents',
});

describe('the units a chart can switch between', () => {
  it('offers shares of answers for multi-select questions only, and counts for every chart of shares', () => {
    const units = (indicator: string, type: 'bars' | 'stacked' | 'trend' = 'bars') => chartUnits(survey, { id: 'x', indicator, type, sort: 'value', title: { zh: 'x', en: 'x' } });
    expect(units('reasons')).toEqual(['respondents', 'answers', 'count']);
    expect(units('channel')).toEqual(['respondents', 'count']);
    expect(units('stages', 'stacked')).toEqual(['respondents', 'count']);
    // A mean, a score or a trend has one unit: no menu.
    expect(units('sat_mean')).toEqual([]);
    expect(units('rec_nps')).toEqual([]);
    expect(units('channel', 'trend')).toEqual([]);
  });

  it('offers the mean point for a rating scale asked as shares of its points, and only over all of them', () => {
    const rated = { ...survey, indicators: [...survey.indicators, { id: 'sat_points', kind: 'share' as const, measure: 'sat' }, { id: 'sat_some', kind: 'share' as const, measure: 'sat', options: ['4', '5'] }] };
    expect(chartUnits(rated, { id: 'x', indicator: 'sat_points', type: 'stacked', sort: 'definition', title: { zh: 'x', en: 'x' } })).toEqual(['respondents', 'count', 'mean']);
    expect(chartUnits(rated, { id: 'x', indicator: 'sat_some', type: 'bars', sort: 'definition', title: { zh: 'x', en: 'x' } })).toEqual(['respondents', 'count']);
  });
});

describe('a chart of shares in another unit', () => {
  // 10 respondents chose among three options, 16 answers in all: 8, 5 and 3.
  const multi = spec([mark('a', null, 0.8, 8, 10), mark('b', null, 0.5, 5, 10), mark('c', null, 0.3, 3, 10)]);

  it('is unchanged in its own unit', () => {
    expect(inUnit(multi, 'respondents')).toBe(multi);
  });

  it('shows each option as a share of all answers given, untested', () => {
    const answers = inUnit(multi, 'answers');
    expect(answers.marks.map((m) => m.value)).toEqual([0.5, 0.3125, 0.1875]);
    expect(answers.marks.every((m) => m.low === null && m.high === null && m.signif === null)).toBe(true);
    expect(answers.compare).toBeNull();
    expect(answers.unit).toBe('share');
  });

  it('adds up answers within each series (wave or group), not across them', () => {
    const waves = spec([mark('a', '2024', 0.6, 6, 10), mark('b', '2024', 0.2, 2, 10), mark('a', '2025', 0.5, 1, 2), mark('b', '2025', 1, 3, 3)]);
    expect(inUnit(waves, 'answers').marks.map((m) => m.value)).toEqual([0.75, 0.25, 0.25, 0.75]);
  });

  it('shows counts as bars, and nothing for a suppressed figure', () => {
    const stacked = spec([mark('a', null, 0.7, 7, 10), mark('b', null, null, null, 2)], 'stacked');
    const counts = inUnit(stacked, 'count');
    expect(counts.type).toBe('bars');
    expect(counts.unit).toBe('count');
    expect(counts.marks.map((m) => m.value)).toEqual([7, null]);
  });

  it('turns the shares of a scale\'s points into the mean point of each series', () => {
    // Points 1..5 chosen by 1, 1, 2, 3 and 3 of 10 respondents: mean (1 + 2 + 6 + 12 + 15) / 10 = 3.6.
    const points = [1, 1, 2, 3, 3].map((k, i) => mark(String(i + 1), '2025', k / 10, k, 10));
    // And by 2, 2, 2, 2, 2 in the wave before: 3.0.
    const before = [2, 2, 2, 2, 2].map((k, i) => mark(String(i + 1), '2024', k / 10, k, 10));
    const mean = inUnit(spec([...before, ...points], 'stacked'), 'mean');
    expect(mean.type).toBe('bars');
    expect(mean.unit).toBe('mean');
    expect(mean.keys).toEqual(['Q']);
    expect(mean.marks.map((m) => [m.series, m.key, m.value === null ? null : Number(m.value.toFixed(10)), m.n])).toEqual([
      ['2024', 'mean', 3, 10],
      ['2025', 'mean', 3.6, 10],
    ]);
  });
});
