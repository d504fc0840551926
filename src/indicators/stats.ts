// Confidence intervals and significance tests for survey figures (reference: indicators.md §1-§5).
// Pure functions on numbers, isomorphic. Wherever a formula says n, callers pass the Kish effective base.

/** A confidence interval, on the scale of the figure it belongs to. */
export interface Interval {
  low: number;
  high: number;
}

/** A two-sided significance test: the z or t statistic, its p-value, and whether p < alpha. */
export interface Test {
  statistic: number;
  p: number;
  significant: boolean;
}

/** A t-test also reports its degrees of freedom. */
export interface TTest extends Test {
  df: number;
}

/** Sufficient statistics of one group: unweighted base, Σw, Σw², and its weighted share or mean (sd for means). */
export interface GroupStats {
  n: number;
  w: number;
  w2: number;
  value: number;
  sd?: number | null;
}

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const TINY = 1e-300;
const MAX_TERMS = 10_000;

/** Kish effective base (Σw)² / Σw²; 0 for an empty group. */
export function effectiveBase(w: number, w2: number): number {
  return w2 > 0 ? (w * w) / w2 : 0;
}

/** P(Z > z) for a standard normal Z, accurate in the far tail (p-values of large z do not round to 0). */
function normalUpper(z: number): number {
  if (z < 0) return 1 - normalUpper(-z);
  const density = Math.exp(-0.5 * z * z - LN_SQRT_2PI);
  if (z < 3) {
    // Marsaglia (2004), J. Stat. Softw. 11(4): Φ(z) − ½ = φ(z)·(z + z³/3 + z⁵/(3·5) + …); all terms positive.
    let sum = z;
    let term = z;
    for (let i = 3; sum + term !== sum; i += 2) {
      term *= (z * z) / i;
      sum += term;
    }
    return 0.5 - density * sum;
  }
  // Laplace's continued fraction for the Mills ratio, z + 1/(z + 2/(z + 3/(z + …))), by modified Lentz.
  let f = z;
  let c = z;
  let d = 0;
  for (let k = 1; k <= MAX_TERMS; k++) {
    d = 1 / (z + k * d);
    c = z + k / c;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return density / f;
}

/** Standard normal distribution function Φ(z). */
export function normalCdf(z: number): number {
  return 1 - normalUpper(z);
}

/** Two-sided p-value of a standard normal statistic: 2·(1 − Φ(|z|)). */
export function twoSidedP(z: number): number {
  return 2 * normalUpper(Math.abs(z));
}

/** ln Γ(x) for x >= 0.5 (all that t with df >= 1 needs): Lanczos approximation (g = 7, 9 terms), relative error about 1e-15. */
function logGamma(x: number): number {
  const g = 7;
  const coefficients = [
    676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const y = x - 1;
  let series = 0.99999999999980993;
  coefficients.forEach((c, i) => (series += c / (y + i + 1)));
  const t = y + g + 0.5;
  return LN_SQRT_2PI + (y + 0.5) * Math.log(t) - t + Math.log(series);
}

/** Continued fraction of the incomplete beta function (Numerical Recipes §6.4), by modified Lentz. */
function betaFraction(a: number, b: number, x: number): number {
  const guard = (v: number) => (Math.abs(v) < TINY ? TINY : v);
  let c = 1;
  let d = 1 / guard(1 - ((a + b) * x) / (a + 1));
  let h = d;
  for (let m = 1; m <= MAX_TERMS; m++) {
    const even = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    d = 1 / guard(1 + even * d);
    c = guard(1 + even / c);
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 / guard(1 + odd * d);
    c = guard(1 + odd / c);
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b), given x and y = 1 − x (each computed directly, so neither loses digits). */
function regularizedBeta(x: number, y: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log(y) + logGamma(a + b) - logGamma(a) - logGamma(b));
  // The fraction converges fast only below the mean of the beta; above it use I_x(a, b) = 1 − I_y(b, a).
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, y)) / b;
}

function checkDf(df: number): void {
  if (!(df >= 1 && df < Infinity)) throw new RangeError(`invalid degrees of freedom: ${df}`);
}

/** P(T > t) for Student's t with df degrees of freedom. */
function tUpper(t: number, df: number): number {
  checkDf(df);
  const tail = 0.5 * regularizedBeta(df / (df + t * t), (t * t) / (df + t * t), df / 2, 0.5);
  return t >= 0 ? tail : 1 - tail;
}

/** Student's t distribution function with df >= 1 degrees of freedom (non-integer df allowed, as in Welch). */
export function tCdf(t: number, df: number): number {
  return 1 - tUpper(t, df);
}

/** Student's t density, the derivative used by the quantile search. */
function tDensity(t: number, df: number): number {
  const logNorm = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logNorm - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * The x >= 0 with upper(x) = q, for a decreasing upper tail with upper(0) = ½: Newton steps on the tail,
 * falling back to bisection whenever a step leaves the bracket, so it converges for any q in (0, ½].
 */
function invertUpper(q: number, upper: (x: number) => number, density: (x: number) => number): number {
  let low = 0;
  let high = 1;
  while (upper(high) > q) {
    low = high;
    high *= 2;
  }
  let x = (low + high) / 2;
  for (let i = 0; i < 200; i++) {
    const gap = upper(x) - q;
    if (gap === 0) return x;
    if (gap > 0) low = x;
    else high = x;
    const newton = x + gap / density(x);
    const next = newton > low && newton < high ? newton : (low + high) / 2;
    if (Math.abs(next - x) <= 1e-14 * Math.max(1, x)) return next;
    x = next;
  }
  return x;
}

function checkProbability(p: number): void {
  if (!(p > 0 && p < 1)) throw new RangeError(`invalid probability: ${p}`);
}

/** Quantile of the standard normal: the z with Φ(z) = p, for p in (0, 1). */
export function normalQuantile(p: number): number {
  checkProbability(p);
  if (p === 0.5) return 0;
  const z = invertUpper(Math.min(p, 1 - p), normalUpper, (x) => Math.exp(-0.5 * x * x - LN_SQRT_2PI));
  return p > 0.5 ? z : -z;
}

/** Quantile of Student's t with df >= 1 degrees of freedom: the t with tCdf(t, df) = p, for p in (0, 1). */
export function tQuantile(p: number, df: number): number {
  checkProbability(p);
  checkDf(df);
  if (p === 0.5) return 0;
  const t = invertUpper(Math.min(p, 1 - p), (x) => tUpper(x, df), (x) => tDensity(x, df));
  return p > 0.5 ? t : -t;
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`invalid confidence level: ${level}`);
}

/** The critical value of a two-sided interval at `level` (e.g. 1.96 for 0.95). */
function zCritical(level: number): number {
  checkLevel(level);
  return normalQuantile(1 - (1 - level) / 2);
}

/**
 * How far outside [0, 1] a share may fall from rounding alone: shares are ratios of weight sums, and a rest
 * (total minus a part) or a sum of weights in another order lands a few ulps off 0 or 1 (1.0000000000000002,
 * -8.9e-16). Anything further out is a real defect.
 */
const SHARE_TOLERANCE = 1e-9;

/** `p` as a share: clamped into [0, 1] within SHARE_TOLERANCE; a RangeError when further out (or not a number). */
export function share(p: number, name = 'share'): number {
  if (!(p >= -SHARE_TOLERANCE && p <= 1 + SHARE_TOLERANCE)) throw new RangeError(`invalid ${name}: ${p}`);
  return Math.min(1, Math.max(0, p));
}

/** Wilson score interval of a share p (0-1) on base n; null when n <= 0. */
export function wilsonInterval(given: number, n: number, level = 0.95): Interval | null {
  const p = share(given);
  const z = zCritical(level);
  if (!(n > 0)) return null;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  // At p = 0 (or 1) the bound is exactly 0 (or 1); centre ∓ half only lands within rounding of it.
  return { low: p === 0 ? 0 : Math.max(0, centre - half), high: p === 1 ? 1 : Math.min(1, centre + half) };
}

/** t interval of a mean: mean ± t_{df}·sd/√n with df = n − 1; null when n < 2. */
export function meanInterval(mean: number, sd: number, n: number, level = 0.95): Interval | null {
  checkLevel(level);
  if (!(n >= 2)) return null;
  const half = (tQuantile(1 - (1 - level) / 2, n - 1) * sd) / Math.sqrt(n);
  return { low: mean - half, high: mean + half };
}

/** Standard error of an NPS in points: 100·√(V/n), V = p + d − (p − d)² (shares of promoters and detractors). */
export function npsStandardError(promoterShare: number, detractorShare: number, n: number): number {
  const promoters = share(promoterShare, 'promoter share');
  const detractors = share(detractorShare, 'detractor share');
  if (promoters + detractors > 1 + SHARE_TOLERANCE) throw new RangeError(`invalid shares: promoters ${promoters} + detractors ${detractors} > 1`);
  // V = p + d − (p − d)², written as p(1 − p) + d(1 − d) + 2pd: every term >= 0, so rounding cannot make it negative.
  const v = promoters * (1 - promoters) + detractors * (1 - detractors) + 2 * promoters * detractors;
  return 100 * Math.sqrt(v / n);
}

/** Interval of an NPS (−100..100) from the shares of promoters and detractors (0-1), clamped; null when n <= 0. */
export function npsInterval(promoters: number, detractors: number, n: number, level = 0.95): Interval | null {
  const z = zCritical(level);
  if (!(n > 0)) return null;
  const nps = 100 * (promoters - detractors);
  const half = z * npsStandardError(promoters, detractors, n);
  return { low: Math.max(-100, nps - half), high: Math.min(100, nps + half) };
}

function zTest(z: number, alpha: number): Test {
  const p = twoSidedP(z);
  return { statistic: z, p, significant: p < alpha };
}

/** Two-proportion z-test with the pooled share; null when a base is empty or nobody varies. */
export function proportionTest(share1: number, n1: number, share2: number, n2: number, alpha = 0.05): Test | null {
  const p1 = share(share1);
  const p2 = share(share2);
  if (!(n1 > 0 && n2 > 0)) return null;
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  // Everyone in both groups answered alike (pooled share 0 or 1): no variation, so no test.
  if (!(variance > 0)) return null;
  return zTest((p1 - p2) / Math.sqrt(variance), alpha);
}

/** Welch's t-test of two means with the Welch–Satterthwaite df; null when a base is under 2 or neither group varies. */
export function welchTest(m1: number, sd1: number, n1: number, m2: number, sd2: number, n2: number, alpha = 0.05): TTest | null {
  if (!(n1 >= 2 && n2 >= 2)) return null;
  const v1 = (sd1 * sd1) / n1;
  const v2 = (sd2 * sd2) / n2;
  if (!(v1 + v2 > 0)) return null;
  const df = (v1 + v2) ** 2 / ((v1 * v1) / (n1 - 1) + (v2 * v2) / (n2 - 1));
  const t = (m1 - m2) / Math.sqrt(v1 + v2);
  const p = 2 * tUpper(Math.abs(t), df);
  return { statistic: t, p, significant: p < alpha, df };
}

/** z-test of two independent NPS: (NPS₁ − NPS₂)/√(SE₁² + SE₂²); null when a base is empty or neither group varies. */
export function npsTest(p1: number, d1: number, n1: number, p2: number, d2: number, n2: number, alpha = 0.05): Test | null {
  if (!(n1 > 0 && n2 > 0)) return null;
  const se = Math.hypot(npsStandardError(p1, d1, n1), npsStandardError(p2, d2, n2));
  if (!(se > 0)) return null;
  return zTest((100 * (p1 - d1) - 100 * (p2 - d2)) / se, alpha);
}

/**
 * The rest of a total once a part is taken out (e.g. everyone outside a segment), from sufficient statistics:
 * a segment and the total share respondents, so a segment is tested against the rest (§1.3), not the total.
 * The sd follows the cube's definition: weighted variance scaled by n/(n − 1), null below 2 respondents.
 * Null when nothing is left.
 */
export function restOf(total: GroupStats, part: GroupStats): GroupStats | null {
  const n = total.n - part.n;
  const w = total.w - part.w;
  if (!(n > 0 && w > 0)) return null;
  const w2 = total.w2 - part.w2;
  const wx = total.w * total.value - part.w * part.value;
  const value = wx / w;
  if (typeof total.sd !== 'number') return { n, w, w2, value };
  // Σw·x² of a group from its mean and sd: w·(variance + mean²), variance = sd²·(n − 1)/n (0 for one respondent).
  const wxx = (g: GroupStats) => (g.n > 0 ? g.w * (((g.sd ?? 0) ** 2 * (g.n - 1)) / g.n + g.value ** 2) : 0);
  // Equal values left over give a variance of 0 that the subtraction may round to just below it.
  const variance = Math.max((wxx(total) - wxx(part)) / w - value * value, 0);
  return { n, w, w2, value, sd: n > 1 ? Math.sqrt((variance * n) / (n - 1)) : null };
}
