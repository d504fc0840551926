import { describe, expect, it } from 'vitest';
import {
  effectiveBase,
  meanInterval,
  normalCdf,
  normalQuantile,
  npsInterval,
  npsStandardError,
  npsTest,
  proportionTest,
  restOf,
  tCdf,
  tQuantile,
  twoSidedP,
  welchTest,
  wilsonInterval,
} from '../../src/indicators/stats.ts';

// Expected values come from printed tables, closed forms or arithmetic done by hand in the comments; a few
// extra digits of table values were confirmed with scipy.stats (named where used).
const Z95 = 1.959963984540054; // Φ⁻¹(0.975), A&S Table 26.5

describe('normal distribution', () => {
  it('matches the standard normal table', () => {
    // Abramowitz & Stegun Table 26.1: P(1) = 0.8413447461, P(1.96) = 0.9750021049, P(3) = 0.9986501020.
    expect(normalCdf(1)).toBeCloseTo(0.8413447461, 9);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021049, 9);
    expect(normalCdf(3)).toBeCloseTo(0.998650102, 9);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(-1.96)).toBeCloseTo(1 - 0.9750021049, 9);
  });

  it('keeps its digits in the far tail', () => {
    // Q(5) = 2.8665157e-7 and Q(10) = 7.6198530e-24 (A&S Table 26.1 tail values; scipy.stats.norm.sf agrees).
    expect(twoSidedP(5) / 2 / 2.8665157e-7).toBeCloseTo(1, 6);
    expect(twoSidedP(-10) / 2 / 7.619853e-24).toBeCloseTo(1, 6);
  });

  it('gives two-sided p-values', () => {
    // 2·(1 − 0.9750021049) = 0.0499957902; z = 0 leaves no evidence at all.
    expect(twoSidedP(1.96)).toBeCloseTo(0.0499957902, 9);
    expect(twoSidedP(-1.96)).toBeCloseTo(0.0499957902, 9);
    expect(twoSidedP(0)).toBe(1);
  });

  it('inverts to the usual critical values', () => {
    // A&S Table 26.5: Φ⁻¹(0.975) = 1.959963985, Φ⁻¹(0.95) = 1.644853627, Φ⁻¹(0.999) = 3.090232306.
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 9);
    expect(normalQuantile(0.95)).toBeCloseTo(1.644853627, 9);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 9);
    expect(normalQuantile(0.5)).toBe(0);
    expect(() => normalQuantile(1)).toThrow('invalid probability: 1');
  });
});

describe('Student t distribution', () => {
  it('matches the closed forms for 1 and 2 degrees of freedom', () => {
    // df = 1 is the Cauchy distribution: F(t) = ½ + atan(t)/π, so F(1) = 0.75 and t_p = tan(π(p − ½)).
    expect(tCdf(1, 1)).toBeCloseTo(0.75, 12);
    expect(tCdf(-3, 1)).toBeCloseTo(0.5 + Math.atan(-3) / Math.PI, 12);
    expect(tQuantile(0.975, 1)).toBeCloseTo(Math.tan(0.475 * Math.PI), 9); // table: 12.706
    // df = 2: F(t) = ½ + t/(2√(2 + t²)), so F(1) = ½ + 1/(2√3); t_p = (2p − 1)/√(2p(1 − p)).
    expect(tCdf(1, 2)).toBeCloseTo(0.5 + 1 / (2 * Math.sqrt(3)), 12);
    expect(tQuantile(0.975, 2)).toBeCloseTo(0.95 / Math.sqrt(2 * 0.975 * 0.025), 9); // table: 4.303
  });

  it('matches the closed form for 4 degrees of freedom', () => {
    // F(t) = ½ + (3/8)·(t/√(1 + t²/4))·(1 − t²/(12(1 + t²/4))); at the table's t_{0.975,4} = 2.776 it is about 0.975.
    const f4 = (t: number) => 0.5 + (3 / 8) * (t / Math.sqrt(1 + (t * t) / 4)) * (1 - (t * t) / (12 * (1 + (t * t) / 4)));
    expect(tCdf(2.776, 4)).toBeCloseTo(f4(2.776), 12);
    expect(tCdf(-0.7, 4)).toBeCloseTo(f4(-0.7), 12);
    expect(tQuantile(0.975, 4)).toBeCloseTo(2.776, 3);
  });

  it('matches the t table', () => {
    // t_{0.975,10} = 2.228 and t_{0.975,30} = 2.042 (any t table; 2.228139 and 2.042272 to six decimals, scipy).
    expect(tQuantile(0.975, 10)).toBeCloseTo(2.228139, 6);
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.042272, 6);
    expect(tQuantile(0.025, 30)).toBeCloseTo(-2.042272, 6);
    expect(tQuantile(0.995, 10)).toBeCloseTo(3.169, 3);
    expect(tCdf(2.228139, 10)).toBeCloseTo(0.975, 6);
  });

  it('accepts non-integer degrees of freedom, as Welch produces', () => {
    // Between the table's t_{0.975,7} = 2.365 and t_{0.975,8} = 2.306; scipy.stats.t.ppf(0.975, 7.5) = 2.333040.
    const t = tQuantile(0.975, 7.5);
    expect(t).toBeCloseTo(2.33304, 5);
    expect(tCdf(t, 7.5)).toBeCloseTo(0.975, 10);
  });

  it('tends to the normal for large degrees of freedom', () => {
    // The gap is about φ(z)·(z³ + z)/(4·df) ≈ 1.4e-7 at z = 1.96, df = 1e6.
    expect(tCdf(1.96, 1e6)).toBeCloseTo(0.9750021049, 6);
    expect(tQuantile(0.975, 1e6)).toBeCloseTo(Z95, 5);
  });

  it('rejects degrees of freedom under 1 or not finite', () => {
    expect(() => tCdf(1, 0.5)).toThrow('invalid degrees of freedom: 0.5');
    expect(() => tCdf(1, Infinity)).toThrow('invalid degrees of freedom: Infinity');
    expect(() => tQuantile(0.9, Number.NaN)).toThrow('invalid degrees of freedom: NaN');
  });
});

describe('Kish effective base', () => {
  it('is (Σw)²/Σw²', () => {
    // Weights 1, 1, 2, 2, 1: Σw = 7, Σw² = 11, so 49/11; equal weights give the head count; nobody gives 0.
    expect(effectiveBase(7, 11)).toBeCloseTo(49 / 11, 12);
    expect(effectiveBase(20, 20)).toBe(20);
    expect(effectiveBase(0, 0)).toBe(0);
  });
});

describe('Wilson interval', () => {
  it('reproduces the worked example p = 0.5, n = 100', () => {
    // centre = 0.5 by symmetry; half = (1.96/1.0384)·√(0.0025 + 3.8415/40000) = 0.0962 -> [0.4038, 0.5962].
    const ci = wilsonInterval(0.5, 100)!;
    expect(ci.low).toBeCloseTo(0.4038, 4);
    expect(ci.high).toBeCloseTo(0.5962, 4);
  });

  it('reproduces Newcombe (1998), Statistics in Medicine 17:857, Table I, method 3', () => {
    // 81/263 -> 0.2553-0.3662; 15/148 -> 0.0624-0.1605; 1/29 -> 0.0061-0.1718.
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [x, n, low, high] of cases) {
      const ci = wilsonInterval(x / n, n)!;
      expect(ci.low).toBeCloseTo(low, 4);
      expect(ci.high).toBeCloseTo(high, 4);
    }
  });

  it('stays inside [0, 1] at shares of 0 and 1', () => {
    // At p = 0 the interval is [0, z²/(n + z²)]; at p = 1 it is [n/(n + z²), 1]. Newcombe: 0/20 -> 0-0.1611.
    const z2 = Z95 * Z95;
    expect(wilsonInterval(0, 20)).toEqual({ low: 0, high: expect.closeTo(z2 / (20 + z2), 12) });
    expect(wilsonInterval(0, 20)!.high).toBeCloseTo(0.1611, 4);
    expect(wilsonInterval(1, 20)).toEqual({ low: expect.closeTo(20 / (20 + z2), 12), high: 1 });
    // At n = 40 centre − half and centre + half round to just outside [0, 1]; the bounds must not.
    expect(wilsonInterval(0, 40)!.low).toBe(0);
    expect(wilsonInterval(1, 40)!.high).toBe(1);
    // Shares a hair inside (0, 1), as ratios of weight sums give, round over the edge too (n = 10 and 38 do).
    expect(wilsonInterval(1e-17, 10)!.low).toBeGreaterThanOrEqual(0);
    expect(wilsonInterval(1 - 2 ** -53, 38)!.high).toBeLessThanOrEqual(1);
  });

  it('covers a single respondent widely and an empty base not at all', () => {
    // n = 1, p = 1: [1/(1 + z²), 1] = [1/4.8415, 1] = [0.2065, 1].
    expect(wilsonInterval(1, 1)!.low).toBeCloseTo(0.2065, 4);
    expect(wilsonInterval(0.5, 0)).toBeNull();
    expect(wilsonInterval(0.5, -3)).toBeNull();
  });

  it('narrows at a lower confidence level', () => {
    // 90%: z = 1.644854, z²/n = 0.027055; half = (1.644854/1.027055)·√(0.0025 + 0.02705/400) = 0.08115.
    const ci = wilsonInterval(0.5, 100, 0.9)!;
    expect(ci.low).toBeCloseTo(0.41885, 4);
    expect(ci.high).toBeCloseTo(0.58115, 4);
  });

  it('reads a share a rounding step outside 0-1 as 0 or 1', () => {
    // Weighted shares of 100% come out as 1.0000000000000002; p = 1, n = 10: z²/n = 0.384146, centre =
    // 1.192073/1.384146 = 0.861234, half = 1.416013·√(0.384146/40) = 0.138767: low 0.722467, high exactly 1.
    const ci = wilsonInterval(1.0000000000000002, 10)!;
    expect(ci.low).toBeCloseTo(0.722467, 5);
    expect(ci.high).toBe(1);
    expect(wilsonInterval(-8.9e-16, 10)!.low).toBe(0);
    // Both groups at 100%: no variation, no test (rather than an error).
    expect(proportionTest(1.0000000000000002, 10, 1, 20)).toBeNull();
  });

  it('rejects shares and levels outside their range', () => {
    expect(() => wilsonInterval(1.2, 10)).toThrow('invalid share: 1.2');
    expect(() => wilsonInterval(1 + 1e-6, 10)).toThrow('invalid share');
    expect(() => wilsonInterval(-1e-6, 10)).toThrow('invalid share');
    expect(() => wilsonInterval(0.5, 10, 95)).toThrow('invalid confidence level: 95');
  });
});

describe('mean interval', () => {
  it('uses t with n − 1 degrees of freedom', () => {
    // mean 3.5, sd 1.2, n = 11: half = t_{0.975,10}·1.2/√11 = 2.228139·0.361814 = 0.806171.
    const ci = meanInterval(3.5, 1.2, 11)!;
    expect(ci.low).toBeCloseTo(3.5 - 0.806171, 5);
    expect(ci.high).toBeCloseTo(3.5 + 0.806171, 5);
  });

  it('is very wide for two respondents and absent below two', () => {
    // n = 2, df = 1: half = 12.706205·1/√2 = 8.984644.
    expect(meanInterval(4, 1, 2)!.high).toBeCloseTo(4 + 8.984644, 5);
    expect(meanInterval(4, 0, 1)).toBeNull();
    expect(meanInterval(4, 1, 1.5)).toBeNull();
    expect(meanInterval(4, 1, 0)).toBeNull();
  });
});

describe('NPS interval', () => {
  it('has zero width when everyone is a promoter', () => {
    // p = 1, d = 0: V = 1 + 0 − 1² = 0.
    expect(npsInterval(1, 0, 50)).toEqual({ low: 100, high: 100 });
    expect(npsInterval(0, 1, 1)).toEqual({ low: -100, high: -100 });
  });

  it('works a mixed case by hand', () => {
    // p = 0.5, d = 0.2, n = 100: NPS = 30; V = 0.7 − 0.3² = 0.61 (also 0.5·0.7² + 0.3·0.3² + 0.2·1.3², scoring
    // +1/0/−1 around the mean 0.3); SE = 100·√0.0061 = 7.810250; MOE = 1.959964·7.810250 = 15.307808.
    expect(npsStandardError(0.5, 0.2, 100)).toBeCloseTo(7.81025, 5);
    const ci = npsInterval(0.5, 0.2, 100)!;
    expect(ci.low).toBeCloseTo(14.692192, 5);
    expect(ci.high).toBeCloseTo(45.307808, 5);
  });

  it('clamps to -100..100', () => {
    // p = 0.95, d = 0, n = 20: V = 0.95 − 0.9025 = 0.0475; SE = 100·√0.002375 = 4.873397; MOE = 1.959964·4.873397 = 9.551683.
    const ci = npsInterval(0.95, 0, 20)!;
    expect(ci.low).toBeCloseTo(95 - 9.551683, 5);
    expect(ci.high).toBe(100);
  });

  it('has no interval on an empty base and rejects impossible shares', () => {
    expect(npsInterval(0.5, 0.2, 0)).toBeNull();
    expect(() => npsInterval(0.7, 0.4, 10)).toThrow('invalid shares');
  });

  it('reads a promoter share a rounding step below 0 as 0', () => {
    // An unweighted two-wave survey gave -8.9e-16; p = 0, d = 0.5, n = 100: V = 0.5 − 0.25 = 0.25, SE = 100·√0.0025 = 5.
    expect(npsStandardError(-8.9e-16, 0.5, 100)).toBeCloseTo(5, 10);
    expect(() => npsStandardError(-0.01, 0.5, 100)).toThrow('invalid promoter share: -0.01');
  });
});

describe('two-proportion z-test', () => {
  it('matches prop.test without continuity correction', () => {
    // 60/100 vs 50/100: pooled 0.55; var = 0.55·0.45·(2/100) = 0.00495; z = 0.1/0.070356 = 1.421338;
    // z² = 0.01/0.00495 = 2.0202 (R: X-squared = 2.0202, p-value = 0.1552). Table: Φ(1.42) = 0.92220.
    const test = proportionTest(0.6, 100, 0.5, 100)!;
    expect(test.statistic).toBeCloseTo(1.421338, 6);
    expect(test.p).toBeCloseTo(0.1552, 4);
    expect(test.significant).toBe(false);
  });

  it('finds a real difference', () => {
    // 0.60 vs 0.45 on 200 each: pooled 0.525; var = 0.249375·0.01; z = 0.15/0.0499375 = 3.003757; p ≈ 0.0027.
    const test = proportionTest(0.6, 200, 0.45, 200)!;
    expect(test.statistic).toBeCloseTo(3.003757, 6);
    expect(test.p).toBeCloseTo(0.0027, 4);
    expect(test.significant).toBe(true);
    expect(proportionTest(0.45, 200, 0.6, 200)!.statistic).toBeCloseTo(-3.003757, 6);
  });

  it('finds nothing between equal groups', () => {
    expect(proportionTest(0.4, 80, 0.4, 120)).toEqual({ statistic: 0, p: 1, significant: false });
  });

  it('does not test an empty base or groups without variation', () => {
    expect(proportionTest(0.4, 0, 0.5, 10)).toBeNull();
    expect(proportionTest(0, 30, 0, 40)).toBeNull();
    expect(proportionTest(1, 30, 1, 40)).toBeNull();
    // One group all yes, the other all no: pooled 0.5, so there is variation to test.
    expect(proportionTest(1, 30, 0, 30)!.significant).toBe(true);
  });
});

describe('Welch t-test', () => {
  it('works an unequal-variance case by hand', () => {
    // 4.2 (sd 0.9, n 40) vs 3.8 (sd 1.5, n 25): s²/n = 0.02025 and 0.09, sum 0.11025;
    // t = 0.4/√0.11025 = 1.204677; df = 0.11025²/(0.02025²/39 + 0.09²/24) = 0.012155/0.00034801 = 34.9269.
    // |t| < t_{0.90,35} = 1.306, so p > 0.20 (scipy ttest_ind_from_stats, equal_var=False: p = 0.23643).
    const test = welchTest(4.2, 0.9, 40, 3.8, 1.5, 25)!;
    expect(test.statistic).toBeCloseTo(1.204677, 6);
    expect(test.df).toBeCloseTo(34.927, 3);
    expect(test.p).toBeCloseTo(0.23643, 5);
    expect(test.significant).toBe(false);
  });

  it('matches the closed form when the df come out at 4', () => {
    // 10 vs 6, sd 2 and n 3 in both: s²/n = 4/3 each; t = 4/√(8/3) = √6; df = (8/3)²/(2·(4/3)²/2) = 4.
    // F₄(√6) = ½ + (3/8)·(√6/√2.5)·(1 − 6/30) = 0.964758, so p = 2·(1 − 0.964758) = 0.070484.
    const test = welchTest(10, 2, 3, 6, 2, 3)!;
    expect(test.statistic).toBeCloseTo(Math.sqrt(6), 12);
    expect(test.df).toBeCloseTo(4, 12);
    expect(test.p).toBeCloseTo(0.070484, 6);
    expect(test.significant).toBe(false);
    expect(welchTest(10, 2, 3, 6, 2, 3, 0.1)!.significant).toBe(true);
  });

  it('finds nothing between equal groups and tests nothing without data or variation', () => {
    expect(welchTest(3, 1, 10, 3, 1, 12)).toMatchObject({ statistic: 0, p: 1, significant: false });
    expect(welchTest(3, 1, 1, 4, 1, 12)).toBeNull();
    expect(welchTest(3, 0, 10, 4, 0, 12)).toBeNull();
    // One group without variation still leaves the other's: df = n₂ − 1 = 11, t = −1/(1/√12) = −√12.
    expect(welchTest(3, 0, 10, 4, 1, 12)).toMatchObject({ statistic: expect.closeTo(-Math.sqrt(12), 12), df: expect.closeTo(11, 12) });
  });
});

describe('NPS test', () => {
  it('works a case by hand', () => {
    // NPS 30 (p 0.5, d 0.2, n 100): SE² = 10000·0.61/100 = 61. NPS 10 (p 0.4, d 0.3, n 150): V = 0.7 − 0.01 = 0.69,
    // SE² = 10000·0.69/150 = 46. z = 20/√107 = 1.933473; table Φ(1.93) = 0.97320, Φ(1.94) = 0.97381 -> p ≈ 0.0532.
    const test = npsTest(0.5, 0.2, 100, 0.4, 0.3, 150)!;
    expect(test.statistic).toBeCloseTo(1.933473, 6);
    expect(test.p).toBeCloseTo(0.0532, 3);
    expect(test.significant).toBe(false);
    expect(npsTest(0.5, 0.2, 100, 0.4, 0.3, 150, 0.1)!.significant).toBe(true);
  });

  it('finds nothing between equal groups and tests nothing without data or variation', () => {
    expect(npsTest(0.5, 0.2, 100, 0.5, 0.2, 40)).toEqual({ statistic: 0, p: 1, significant: false });
    expect(npsTest(0.5, 0.2, 0, 0.5, 0.2, 40)).toBeNull();
    expect(npsTest(1, 0, 20, 0, 1, 20)).toBeNull();
  });
});

describe('the rest of a total', () => {
  it('takes a share out of a total', () => {
    // 6 of 10 say yes; the part has 1 of 4; the rest has 5 of 6.
    expect(restOf({ n: 10, w: 10, w2: 10, value: 0.6 }, { n: 4, w: 4, w2: 4, value: 0.25 })).toEqual({
      n: 6,
      w: 6,
      w2: 6,
      value: expect.closeTo(5 / 6, 12),
    });
  });

  it('takes a weighted mean and sd out of a total', () => {
    // x = 1, 2, 3, 4, 5 with weights 1, 1, 2, 2, 1; the part is the first two.
    // Total: Σw 7, Σw² 11, Σwx 22, Σwx² 80: mean 22/7, weighted variance 80/7 − (22/7)² = 76/49, sd √(76/49·5/4).
    // Part: Σw 2, mean 1.5, variance 0.25, sd √(0.25·2/1). Rest (3, 4, 5 weighted 2, 2, 1): Σw 5, Σw² 9,
    // mean 19/5 = 3.8, variance (18 + 32 + 25)/5 − 3.8² = 0.56, sd √(0.56·3/2) = √0.84.
    const rest = restOf({ n: 5, w: 7, w2: 11, value: 22 / 7, sd: Math.sqrt((76 / 49) * 1.25) }, { n: 2, w: 2, w2: 2, value: 1.5, sd: Math.sqrt(0.5) })!;
    expect(rest).toMatchObject({ n: 3, w: 5, w2: 9 });
    expect(rest.value).toBeCloseTo(3.8, 12);
    expect(rest.sd).toBeCloseTo(Math.sqrt(0.84), 12);
    expect(effectiveBase(rest.w, rest.w2)).toBeCloseTo(25 / 9, 12);
  });

  it('handles a single respondent on either side', () => {
    // 2, 4, 6 (mean 4, sd 2) without the 6 leaves 2, 4: mean 3, sd √2.
    const rest = restOf({ n: 3, w: 3, w2: 3, value: 4, sd: 2 }, { n: 1, w: 1, w2: 1, value: 6, sd: null })!;
    expect(rest.value).toBeCloseTo(3, 12);
    expect(rest.sd).toBeCloseTo(Math.SQRT2, 12);
    // 2, 4 without the 4 leaves one respondent: mean 2, no sd.
    expect(restOf({ n: 2, w: 2, w2: 2, value: 3, sd: Math.SQRT2 }, { n: 1, w: 1, w2: 1, value: 4, sd: null })).toMatchObject({ n: 1, value: 2, sd: null });
  });

  it('gives an sd of 0 when the rest all answered alike', () => {
    // 0.1, 0.1, 5: Σx = 5.2, Σx² = 25.02, s² = (25.02 − 5.2²/3)/2. Without the 5, the rest is 0.1, 0.1: sd 0.
    const rest = restOf({ n: 3, w: 3, w2: 3, value: 5.2 / 3, sd: Math.sqrt((25.02 - 5.2 ** 2 / 3) / 2) }, { n: 1, w: 1, w2: 1, value: 5, sd: null })!;
    expect(rest.value).toBeCloseTo(0.1, 12);
    expect(rest.sd).toBeCloseTo(0, 6);
  });

  it('leaves nothing when the part is the whole', () => {
    expect(restOf({ n: 5, w: 7, w2: 11, value: 0.4 }, { n: 5, w: 7, w2: 11, value: 0.4 })).toBeNull();
  });
});
