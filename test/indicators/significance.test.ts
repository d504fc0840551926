import { describe, expect, it } from 'vitest';
import type { Figure } from '../../src/indicators/result.ts';
import { versusFirst } from '../../src/indicators/significance.ts';
import type { Indicator } from '../../src/survey/report.ts';

const figure = (key: string, value: number, n: number, extra: Partial<Figure> = {}): Figure => ({ group: null, key, value, n, neff: n, low_base: false, suppressed: false, ...extra });

describe('a compared slice against the first', () => {
  const share: Indicator = { id: 'x', kind: 'share', measure: 'm' };

  it('tests shares with the two-proportion z-test, the first slice as reference', () => {
    // 120 of 200 against 90 of 200; R: prop.test(c(120, 90), c(200, 200), correct = FALSE) gives p = 0.0027.
    const [a] = versusFirst(share, [figure('yes', 0.45, 200)], [figure('yes', 0.6, 200)]);
    expect(a!.vs_first!.diff).toBeCloseTo(0.15, 10);
    expect(a!.vs_first!.p).toBeCloseTo(0.0027, 4);
    expect(a!.vs_first!.significant).toBe(true);
  });

  it('tests means with Welch\'s t-test', () => {
    // 3.8 (sd 1, n 50) against 3.5 (sd 1, n 50): t = 0.3 / 0.2 = 1.5 on 98 df, p = 0.1368: not significant.
    const [m] = versusFirst({ id: 'x', kind: 'mean', measure: 'm' }, [figure('mean', 3.5, 50, { sd: 1 })], [figure('mean', 3.8, 50, { sd: 1 })]);
    expect(m!.vs_first!.diff).toBeCloseTo(0.3, 10);
    expect(m!.vs_first!.p).toBeCloseTo(0.1368, 3);
    expect(m!.vs_first!.significant).toBe(false);
  });

  it('leaves a figure the first slice lacks untested', () => {
    const [x] = versusFirst(share, [figure('yes', 0.5, 100)], [figure('no', 0.5, 100)]);
    expect(x!.vs_first).toBeNull();
  });
});
