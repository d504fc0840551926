import { describe, expect, it } from 'vitest';
import { formatChange, formatFigure } from '../../src/charts/format.ts';

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
