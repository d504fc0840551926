import type { Rng } from './random.ts';

/** A standard normal draw (Box-Muller). */
export function gaussian(rng: Rng): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Effect of each option of a segment on the experience, in standard deviations of the respondents. */
type Effects = Readonly<Record<string, number>>;

/**
 * How each segment shifts the experience a respondent reports. Figures calibrated by stratum (satisfaction
 * by country, intentions by industry) hit their targets whatever these are; the effects shape everything
 * else: Japanese and government-service customers score low, high-value and our own customers high,
 * phone contacts low, and the months move a little (Chinese New Year in February, sales in November).
 */
const EFFECTS: Readonly<Record<string, Effects>> = {
  industry: { hotels: 0.2, supermarkets: 0.05, finance: 0.25, ecommerce: 0.25, retail: 0.2, telecoms: -0.15, airlines: 0, government: -0.5 },
  country: { china: 0.5, japan: -0.6, korea: -0.05, india: 0.4, australia: 0.1, usa: 0.15, uk: 0, germany: -0.1, brazil: 0.3 },
  customer_segment: { new: -0.2, returning: 0, high_value: 0.35 },
  channel: { store: 0.05, web: 0, app: 0.1, phone: -0.25 },
  month: { m01: 0, m02: -0.08, m03: 0, m04: 0.02, m05: 0.03, m06: 0.02, m07: -0.02, m08: -0.03, m09: 0, m10: 0.02, m11: 0.05, m12: -0.02 },
  provider: { our_company: 0.8, peers: 0 },
};

/** Extra pull of the customer segment on buying again: new customers have had little chance to. */
export const REPURCHASE_PULL: Effects = { new: -1.2, returning: 0, high_value: 0.6 };

/** Each respondent's option id in each segment. */
export type SegmentAnswers = ReadonlyMap<string, readonly string[]>;

/** Two latent traits per respondent: the quality of the experience, and the emotional bond it leaves. */
export interface Latent {
  quality: Float64Array;
  bond: Float64Array;
}

/**
 * Draws the latent traits. The bond follows quality only in part (correlation about 0.5), which is what
 * leaves satisfied customers without loyal intentions: satisfaction reads quality, intentions read the bond.
 */
export function drawLatent(rng: Rng, segments: SegmentAnswers, n: number): Latent {
  const quality = new Float64Array(n);
  const bond = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let shift = 0;
    for (const [id, options] of segments) shift += EFFECTS[id]?.[options[i]!] ?? 0;
    quality[i] = shift + gaussian(rng);
    bond[i] = 0.55 * quality[i]! + 0.85 * gaussian(rng);
  }
  return { quality, bond };
}

/** A score per respondent: a weighted sum of the traits, an extra shift, and fresh noise of the given size. */
export function mix(rng: Rng, latent: Latent, weights: { quality: number; bond: number }, noise: number, shift?: (i: number) => number): Float64Array {
  const out = new Float64Array(latent.quality.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = weights.quality * latent.quality[i]! + weights.bond * latent.bond[i]! + (shift?.(i) ?? 0) + noise * gaussian(rng);
  }
  return out;
}
