import type { BrandProfile } from './auto-service-brands.ts';
import { MISS_LEANS, type AutoServiceTargets } from './auto-service-targets.ts';
import { selectExactly } from './quota.ts';
import type { Rng } from './random.ts';

/** The evaluations of a wave: which brand, channel and scenario each tests, and whether it reached an agent. */
export interface Evaluations {
  n: number;
  brands: BrandProfile[];
  channelIds: readonly string[];
  scenarioIds: readonly string[];
  /** Brand index of each evaluation. */
  brand: Uint8Array;
  /** Channel index of each evaluation. */
  channel: Uint8Array;
  /** Scenario index of each evaluation. */
  scenario: Uint8Array;
  /** 1 when the evaluation reached a human agent. */
  connected: Uint8Array;
}

/** The channel whose evaluations are phone calls; every other channel is online. */
export const PHONE = 'phone';

/** Rows of the evaluations that match `keep`, as a mask. */
export function rowsWhere(e: Evaluations, keep: (i: number) => boolean): Uint8Array {
  const mask = new Uint8Array(e.n);
  for (let i = 0; i < e.n; i++) mask[i] = keep(i) ? 1 : 0;
  return mask;
}

/** The number of marked rows. */
export function countOf(mask: Uint8Array): number {
  let c = 0;
  for (const m of mask) c += m;
  return c;
}

/**
 * A full crossing of brand x channel x scenario, repeated when `n` asks for more rounds (1,000 evaluations
 * are one round of 50 x 5 x 4). Each channel misses an agent on exactly its calibrated share, the misses
 * falling more often on weaker brands and where a brand type invests less.
 */
export function planEvaluations(rng: Rng, targets: AutoServiceTargets, brands: BrandProfile[], channelIds: readonly string[], scenarioIds: readonly string[], n: number): Evaluations {
  if (brands.length > 255) throw new Error('at most 255 brands are supported');
  const brand = new Uint8Array(n);
  const channel = new Uint8Array(n);
  const scenario = new Uint8Array(n);
  const cells = brands.length * channelIds.length * scenarioIds.length;
  for (let i = 0; i < n; i++) {
    const cell = i % cells;
    scenario[i] = cell % scenarioIds.length;
    channel[i] = Math.floor(cell / scenarioIds.length) % channelIds.length;
    brand[i] = Math.floor(cell / (scenarioIds.length * channelIds.length));
  }
  const e: Evaluations = { n, brands, channelIds, scenarioIds, brand, channel, scenario, connected: new Uint8Array(n).fill(1) };
  channelIds.forEach((id, c) => {
    const share = targets.connected[id];
    if (share === undefined) throw new Error(`no connection rate for channel "${id}"`);
    const inChannel = rowsWhere(e, (i) => channel[i] === c);
    const size = countOf(inChannel);
    const weights = brands.map((b) => Math.exp(-0.6 * b.quality) * (MISS_LEANS[b.type]?.[id] ?? 1));
    const missed = selectExactly(rng, brand, inChannel, weights, size - Math.round(share * size));
    for (let i = 0; i < n; i++) if (missed[i]) e.connected[i] = 0;
  });
  return e;
}
