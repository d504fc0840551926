import { quotaCounts } from './quota.ts';

/** Indices of the respondents marked in `member` (all when undefined), by ascending score; ties keep index order. */
function ranked(score: Float64Array, member?: Uint8Array): number[] {
  const idx: number[] = [];
  for (let i = 0; i < score.length; i++) if (!member || member[i]) idx.push(i);
  return idx.sort((a, b) => score[a]! - score[b]! || a - b);
}

/** Marks exactly counts[s] respondents of each stratum s: those with the highest scores in it. */
export function topByScore(score: Float64Array, stratum: Uint8Array, counts: readonly number[]): Uint8Array {
  const mask = new Uint8Array(score.length);
  const left = [...counts];
  const order = ranked(score).reverse();
  for (const i of order) {
    const s = stratum[i]!;
    if ((left[s] ?? 0) > 0) {
      mask[i] = 1;
      left[s]!--;
    }
  }
  if (left.some((c) => c > 0)) throw new Error(`a stratum holds fewer respondents than its count (${counts.join(', ')})`);
  return mask;
}

/**
 * Writes a point of `points` (least to most favourable) into `out` for each respondent marked in `member`,
 * in `shares` of them (largest remainder), the lowest scores getting the least favourable points.
 */
export function pointsByRank(score: Float64Array, member: Uint8Array, points: readonly number[], shares: readonly number[], out: Uint8Array): void {
  const order = ranked(score, member);
  const counts = quotaCounts(shares, order.length);
  let at = 0;
  points.forEach((p, j) => {
    for (let k = 0; k < counts[j]! && at < order.length; k++) out[order[at++]!] = p;
  });
  // Shares that add up to a little under 1 leave the best-scored few; they take the best point.
  while (at < order.length) out[order[at++]!] = points[points.length - 1]!;
}
