import { quotaCounts } from './quota.ts';
import type { Rng } from './random.ts';

/** A standard normal draw (Box-Muller). */
export function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** An exponential draw with mean 1. */
export function exponential(rng: Rng): number {
  return -Math.log(1 - rng());
}

/**
 * Whole units in proportion to `raw` (non-negative) that add up to exactly `total`, each within one unit
 * of its exact share (largest remainder): the published mean then holds to the last digit, while the
 * pattern of `raw` (brands, channels, scenarios) is kept. `max` bounds every value.
 */
export function unitsWithTotal(raw: Float64Array, total: number, max = Infinity): Int32Array {
  let sum = 0;
  for (const x of raw) sum += x;
  if (!(sum > 0)) throw new Error('cannot scale values that add up to 0');
  const counts = quotaCounts(Array.from(raw, (x) => x / sum), total);
  const out = Int32Array.from(counts);
  const over = out.findIndex((x) => x > max);
  if (over >= 0) throw new Error(`value ${out[over]} exceeds ${max} after scaling to the total ${total}`);
  return out;
}
