import type { Rng } from './random.ts';

/** Whole counts for shares of n (largest remainder), each within 1 of share × n, adding up to round(Σ shares × n). */
export function quotaCounts(shares: readonly number[], n: number): number[] {
  const exact = shares.map((p) => p * n);
  const counts = exact.map((x) => Math.floor(x));
  const total = Math.round(exact.reduce((a, b) => a + b, 0));
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  let missing = total - counts.reduce((a, b) => a + b, 0);
  for (const [, i] of byRemainder) {
    if (missing <= 0) break;
    counts[i]!++;
    missing--;
  }
  return counts;
}

/** Splits k over strata in proportion to size × weight, never more than a stratum holds (water filling). */
export function tiltedCounts(sizes: readonly number[], weights: readonly number[], k: number): number[] {
  const counts = sizes.map(() => 0);
  const capacity = sizes.reduce((a, b) => a + b, 0);
  let left = Math.min(k, capacity);
  const open = new Set(sizes.flatMap((s, i) => (s > 0 ? [i] : [])));
  while (left > 0 && open.size > 0) {
    let weighted = 0;
    for (const i of open) weighted += sizes[i]! * (weights[i] ?? 1);
    // Strata of weight 0 still take what the others cannot hold.
    const flat = weighted <= 0;
    const weightOf = (i: number): number => sizes[i]! * (flat ? 1 : (weights[i] ?? 1));
    let mass = 0;
    for (const i of open) mass += weightOf(i);
    const full = [...open].filter((i) => (left * weightOf(i)) / mass >= sizes[i]!);
    if (full.length > 0) {
      for (const i of full) {
        counts[i] = sizes[i]!;
        left -= sizes[i]!;
        open.delete(i);
      }
      continue;
    }
    const ids = [...open];
    const shares = ids.map((i) => weightOf(i) / mass);
    const part = quotaCounts(shares, left);
    ids.forEach((i, j) => (counts[i] = part[j]!));
    left = 0;
  }
  return counts;
}

/** Marks exactly counts[s] eligible respondents of each stratum s, every subset of a stratum equally likely. */
export function selectPerStratum(rng: Rng, stratum: Uint8Array, eligible: Uint8Array | undefined, counts: readonly number[]): Uint8Array {
  const n = stratum.length;
  const avail = Float64Array.from(strataSizes(stratum, eligible, counts.length));
  const need = avail.map((a, s) => Math.min(a, counts[s] ?? 0));
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (eligible && !eligible[i]) continue;
    const s = stratum[i]!;
    // Selection sampling: pick with probability still needed / still available.
    if (need[s]! > 0 && rng() * avail[s]! < need[s]!) {
      mask[i] = 1;
      need[s]!--;
    }
    avail[s]!--;
  }
  return mask;
}

/** How many eligible respondents each stratum holds (at least `strata` entries). */
export function strataSizes(stratum: Uint8Array, eligible: Uint8Array | undefined, strata: number): number[] {
  const sizes = new Float64Array(256);
  let top = strata - 1;
  for (let i = 0; i < stratum.length; i++) {
    if (eligible && !eligible[i]) continue;
    const s = stratum[i]!;
    sizes[s]!++;
    if (s > top) top = s;
  }
  return Array.from(sizes.subarray(0, top + 1));
}

/**
 * Marks exactly k eligible respondents, spread over strata (such as maturity stages) in proportion to
 * stratum size × weight; within a stratum every eligible respondent is equally likely.
 */
export function selectExactly(rng: Rng, stratum: Uint8Array, eligible: Uint8Array | undefined, weights: readonly number[], k: number): Uint8Array {
  const sizes = strataSizes(stratum, eligible, weights.length);
  return selectPerStratum(rng, stratum, eligible, tiltedCounts(sizes, weights, k));
}

/** Category of each respondent with exact counts (largest remainder of shares), in random order; 255 where not eligible. */
export function assignByQuota(rng: Rng, n: number, shares: readonly number[], eligible?: Uint8Array): Uint8Array {
  return assignTilted(rng, new Uint8Array(n), shares, [], eligible);
}

/**
 * Category of each eligible respondent with exact counts, each category leaning to the strata its
 * weights favour; categories are filled in `order` and the last one takes the rest. 255 where not eligible.
 */
export function assignTilted(
  rng: Rng,
  stratum: Uint8Array,
  shares: readonly number[],
  weights: readonly (readonly number[])[],
  eligible?: Uint8Array,
  order: readonly number[] = shares.map((_, i) => i),
): Uint8Array {
  const n = stratum.length;
  const out = new Uint8Array(n).fill(255);
  const open = new Uint8Array(n);
  let base = 0;
  for (let i = 0; i < n; i++) {
    if (!eligible || eligible[i]) {
      open[i] = 1;
      base++;
    }
  }
  const counts = quotaCounts(shares, base);
  for (const [j, c] of order.entries()) {
    const chosen = j === order.length - 1 ? open : selectExactly(rng, stratum, open, weights[c] ?? [], counts[c]!);
    for (let i = 0; i < n; i++) {
      if (chosen[i] && open[i]) {
        out[i] = c;
        open[i] = 0;
      }
    }
  }
  return out;
}
