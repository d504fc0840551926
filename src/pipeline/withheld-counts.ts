/** A count as published: null when it is under `threshold` but not none (0 is published: none is no small number). */
export function withholdCount(n: number, threshold: number): number | null {
  return n > 0 && n < threshold ? null : n;
}

/**
 * The counts of a group that add up to a published total, as published: each count under `threshold` is
 * withheld (null), and when that leaves one withheld count, or withheld counts summing to less than
 * `threshold`, the next smallest counts are withheld too, so that no small count follows from the total by
 * subtraction. Ties go to the earlier key, so the same counts always withhold the same cells.
 */
export function withholdGroup(counts: Record<string, number>, threshold: number): Record<string, number | null> {
  const out: Record<string, number | null> = Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, withholdCount(n, threshold)]));
  const withheld = () => Object.entries(counts).filter(([k]) => out[k] === null);
  const sum = () => withheld().reduce((s, [, n]) => s + n, 0);
  while (withheld().length > 0 && (withheld().length === 1 || sum() < threshold)) {
    // Stable sort: among equal counts the earlier key comes first.
    const next = Object.entries(counts)
      .filter(([k, n]) => out[k] !== null && n > 0)
      .sort((a, b) => a[1] - b[1])[0];
    if (!next) break;
    out[next[0]] = null;
  }
  return out;
}
