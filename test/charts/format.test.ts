import { describe, expect, it } from 'vitest';
import { baseText, formatChange, formatFigure, numText } from '../../src/charts/format.ts';

describe('number formats', () => {
  it('round the decimal a reader expects, not a sum that landed a hair below it', () => {
    // Sums of weighted values can land a hair below a mean of exactly 24.15.
    expect(formatFigure(24.15 - 1e-12, 'mean', 'zh')).toBe('24.2');
    expect(formatFigure(24.14, 'mean', 'en')).toBe('24.1');
  });

  it('print shares as whole percentages, NPS scores signed, changes in points', () => {
    expect(formatFigure(0.5714, 'share', 'en')).toBe('57%');
    expect(formatFigure(12, 'score', 'en')).toBe('+12');
    expect(formatChange(-0.013, 'share', 'en')).toBe('-1 pp');
    expect(formatChange(0.004, 'share', 'zh')).toBe('0 个百分点');
  });
});

describe('inline numbers', () => {
  const figure = { group: null, key: 'top_box', value: 0.913, n: 504, neff: 504, low: 0.885, high: 0.934, change: { diff: 0.0449, p: 0.01, significant: true }, low_base: false, suppressed: false };
  it('show the figure, its interval, its base or its change, with the decimals asked for', () => {
    expect(numText(figure, 'share', 'en', 30)).toBe('91%');
    expect(numText(figure, 'share', 'en', 30, 'value', 1)).toBe('91.3%');
    expect(numText(figure, 'share', 'en', 30, 'interval', 1)).toBe('88.5%–93.4%');
    expect(numText(figure, 'share', 'zh', 30, 'base')).toBe('504');
    expect(numText(figure, 'share', 'en', 30, 'change', 1)).toBe('+4.5 pp');
  });

  it('show only the suppression mark for the interval or change of a suppressed figure', () => {
    const hidden = { ...figure, value: null, low: null, high: null, suppressed: true, n: 4 };
    expect(numText(hidden, 'share', 'en', 30, 'interval')).toBe('withheld');
    expect(numText(hidden, 'share', 'en', 30, 'change')).toBe('withheld');
  });

  it('say a figure is withheld, not under the threshold, when only some parts of its slice were, and give its base as a lower bound', () => {
    const withheld = { ...figure, value: null, low: null, high: null, suppressed: true, withheld: true, n: 1204 };
    expect(numText(withheld, 'share', 'en', 30)).toBe('withheld');
    expect(numText(withheld, 'share', 'zh', 30, 'change')).toBe('未公布');
    expect(numText(withheld, 'share', 'en', 30, 'base')).toBe('≥ 1,204');
    expect(baseText(withheld, 'en')).toBe('n ≥ 1,204');
    expect(baseText(figure, 'zh')).toBe('n = 504');
  });

  it('give no lower bound of 0 for a withheld figure whose published parts are all empty', () => {
    const unknown = { ...figure, value: null, low: null, high: null, suppressed: true, withheld: true, n: 0 };
    expect(numText(unknown, 'share', 'en', 30, 'base')).toBe('withheld');
    expect(baseText(unknown, 'en')).toBe('n withheld');
    expect(baseText(unknown, 'zh')).toBe('n 未公布');
  });
});
