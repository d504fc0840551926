import { selectExactly } from './quota.ts';
import { randomInt, weightedIndex, type Rng } from './random.ts';

/** How one option of a multi question is chosen: exactly `count` respondents, leaning to strata by `weights`. */
export interface OptionQuota {
  count: number;
  weights?: readonly number[];
}

function bitCount(mask: number): number {
  let c = 0;
  for (let m = mask; m; m &= m - 1) c++;
  return c;
}

/**
 * Answers to a multi question as bitmasks (bit j = option j chosen), with exactly each option's count among
 * the eligible respondents; when `atLeastOne`, respondents left empty take a choice from one who has several,
 * which keeps every count exact.
 */
export function multiByQuota(rng: Rng, stratum: Uint8Array, eligible: Uint8Array, options: readonly OptionQuota[], atLeastOne: boolean): Uint16Array {
  const n = stratum.length;
  const masks = new Uint16Array(n);
  options.forEach((o, j) => {
    const chosen = selectExactly(rng, stratum, eligible, o.weights ?? [], o.count);
    for (let i = 0; i < n; i++) if (chosen[i]) masks[i]! |= 1 << j;
  });
  if (!atLeastOne) return masks;
  const pool: number[] = [];
  for (let i = 0; i < n; i++) if (eligible[i]) pool.push(i);
  const counts = options.map((o) => o.count);
  for (const i of pool) {
    if (masks[i]) continue;
    let moved = false;
    for (let attempt = 0; attempt < 50 && !moved; attempt++) {
      const bit = 1 << weightedIndex(rng, counts);
      for (let probe = 0; probe < 200; probe++) {
        const donor = pool[randomInt(rng, 0, pool.length - 1)]!;
        if (masks[donor]! & bit && bitCount(masks[donor]!) > 1) {
          masks[donor]! &= ~bit;
          masks[i] = bit;
          moved = true;
          break;
        }
      }
    }
    // No donor found: this respondent still answers, at the cost of one choice over quota.
    if (!moved) masks[i] = 1 << weightedIndex(rng, counts);
  }
  return masks;
}
