/** A source of uniform random numbers in [0, 1). */
export type Rng = () => number;

/** A seeded sfc32 generator: the same seed always gives the same sequence. */
export function createRng(seed: number): Rng {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next: Rng = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs still show the seed's bit pattern; discard them.
  for (let i = 0; i < 15; i++) next();
  return next;
}

/** A uniform integer in [min, max], both included. */
export function randomInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** Chooses exactly k of n indices at random: mask[i] is 1 for the chosen ones (selection sampling). */
export function chooseExactly(rng: Rng, n: number, k: number): Uint8Array {
  const mask = new Uint8Array(n);
  let needed = Math.max(0, Math.min(k, n));
  for (let i = 0; i < n && needed > 0; i++) {
    if (rng() * (n - i) < needed) {
      mask[i] = 1;
      needed--;
    }
  }
  return mask;
}

/** An index drawn with probability proportional to its weight. */
export function weightedIndex(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let r = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!;
    if (r < 0) return i;
  }
  return weights.length - 1;
}
