/** The q-quantile of ascending values by linear interpolation (R type 7), with DuckDB quantile_cont's arithmetic. */
export function quantileCont(sorted: ArrayLike<number>, q: number): number {
  const rn = (sorted.length - 1) * q;
  const lo = Math.floor(rn);
  const hi = Math.ceil(rn);
  if (lo === hi) return sorted[lo]!;
  const a = sorted[lo]!;
  return a + (sorted[hi]! - a) * (rn - lo);
}

/** Band of each score: band i holds scores from the quantile at froms[i] up to (not including) the next band's. */
export function bandsByQuantile(scores: Float64Array, froms: readonly number[]): Uint8Array {
  const sorted = Float64Array.from(scores).sort();
  const cuts = froms.map((f) => quantileCont(sorted, f));
  const out = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    let band = 0;
    for (let b = cuts.length - 1; b > 0; b--) {
      if (scores[i]! >= cuts[b]!) {
        band = b;
        break;
      }
    }
    out[i] = band;
  }
  return out;
}
