import { findMeasure } from '../survey/measures.ts';
import type { ItemIndicator } from '../survey/battery.ts';
import { outcomeOf } from '../survey/report.ts';
import type { Survey } from '../survey/survey.ts';
import type { Row } from '../engine/engine.ts';
import { baseStatus, prunedOf, type Pruned } from './base-rules.ts';
import type { Figure } from './result.ts';
import { effectiveBase } from './stats.ts';

/** Correlation between two measures over the rows answering both, with its base. */
interface Correlation {
  r: number | null;
  n: number;
  w: number;
  w2: number;
  pruned: Pruned;
}

/** Solves A x = b by Gaussian elimination with partial pivoting; null when A is (nearly) singular. */
function solve(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (Math.abs(m[pivot]![col]!) < 1e-12) return null;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = col + 1; r < n; r++) {
      const f = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let c = r + 1; c < n; c++) s -= m[r]![c]! * x[c]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

/**
 * R² of the outcome regressed on a subset of drivers, from correlations alone: r_S' R_SS⁻¹ r_S, where r_S are
 * the drivers' correlations with the outcome and R_SS their correlations among themselves.
 */
export function rSquared(subset: number[], withOutcome: number[], among: number[][]): number | null {
  if (subset.length === 0) return 0;
  const r = subset.map((i) => withOutcome[i]!);
  const beta = solve(subset.map((i) => subset.map((j) => among[i]![j]!)), r);
  return beta === null ? null : beta.reduce((s, b, i) => s + b * r[i]!, 0);
}

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

/**
 * Shapley decomposition of R²: each driver's contribution averaged over every order in which drivers could
 * enter the model. The contributions add up to the full model's R², and, unlike regression weights, do
 * not swing when drivers are correlated with each other. Null when some subset's correlations are singular.
 */
export function shapleyShares(withOutcome: number[], among: number[][]): number[] | null {
  const k = withOutcome.length;
  const r2 = new Map<number, number | null>();
  const of = (mask: number): number | null => {
    if (!r2.has(mask)) r2.set(mask, rSquared([...Array(k).keys()].filter((i) => mask & (1 << i)), withOutcome, among));
    return r2.get(mask)!;
  };
  const shares: number[] = [];
  for (let j = 0; j < k; j++) {
    let total = 0;
    for (let mask = 0; mask < 1 << k; mask++) {
      if (mask & (1 << j)) continue;
      const size = [...Array(k).keys()].filter((i) => mask & (1 << i)).length;
      const [without, withJ] = [of(mask), of(mask | (1 << j))];
      if (without === null || withJ === null) return null;
      total += ((factorial(size) * factorial(k - size - 1)) / factorial(k)) * (withJ - without);
    }
    shares.push(total);
  }
  return shares;
}

const num = (v: Row[string] | undefined): number => (typeof v === 'number' ? v : 0);

/**
 * The figures of a key-driver indicator from its pair rows (key = pair id, n/w/w2, value = r, mean_b = the
 * driver's mean over the pair): per driver, its share of the explained variance (Shapley, summing to 1), its
 * correlation with the measure, and its performance (the driver's mean, on 0-100 for a rating); and on each,
 * the R² of the model with every driver. A 0/1 outcome (`outcome`) makes it a linear probability model.
 */
export function driverFigures(survey: Survey, indicator: ItemIndicator, rows: Row[]): Figure[] {
  const drivers = indicator.drivers ?? [];
  const pair = (a: string, b: string): Correlation => {
    const row = rows.find((r) => r.key === `${a}~${b}`) ?? rows.find((r) => r.key === `${b}~${a}`);
    return { r: typeof row?.value === 'number' ? row.value : null, n: num(row?.n), w: num(row?.w), w2: num(row?.w2), pruned: prunedOf(row?.pruned) };
  };
  const outcome = outcomeOf(indicator);
  const withOutcome = drivers.map((d) => pair(outcome, d));
  const pairs = drivers.map((d) => drivers.map((e) => (d === e ? null : pair(d, e))));
  const among = pairs.map((row) => row.map((c) => (c === null ? 1 : (c.r ?? NaN))));
  // Every share rests on the correlations among drivers too: one of them over a withheld part withholds them all.
  const amongWithheld = pairs.some((row) => row.some((c) => c !== null && c.pruned !== 'none'));
  const complete = withOutcome.every((c) => c.r !== null) && among.every((row) => row.every(Number.isFinite));
  const shares = complete ? shapleyShares(withOutcome.map((c) => c.r!), among) : null;
  const explained = shares?.reduce((a, b) => a + b, 0) ?? 0;
  const statuses = withOutcome.map((c) => baseStatus(survey, c.n, c.pruned === 'none' && amongWithheld ? 'part' : c.pruned));
  // R² rests on every pair: it is shown only when no driver's figures are withheld.
  const r2 = shares && !statuses.some((st) => st.suppressed) ? explained : null;
  return drivers.map((d, i): Figure => {
    const c = withOutcome[i]!;
    const status = statuses[i]!;
    const row = rows.find((r) => r.key === `${outcome}~${d}`);
    const scale = findMeasure(survey, d)?.scale;
    const mean = typeof row?.mean_b === 'number' ? row.mean_b : null;
    const performance = mean === null || !scale ? mean : (100 * (scale.good === 'high' ? mean - scale.min : scale.max - mean)) / (scale.max - scale.min);
    const value = shares && explained > 0 ? shares[i]! / explained : null;
    return {
      group: null,
      key: d,
      value: status.suppressed ? null : value,
      r: status.suppressed ? null : c.r,
      performance: status.suppressed ? null : performance,
      r2,
      n: c.n,
      neff: effectiveBase(c.w, c.w2),
      ...status,
    };
  });
}
