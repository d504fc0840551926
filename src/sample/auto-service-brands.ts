import type { AutoServiceTargets, ById } from './auto-service-targets.ts';
import { TYPE_LEANS } from './auto-service-targets.ts';
import { normal } from './auto-service-draws.ts';
import { assignByQuota } from './quota.ts';
import { chooseExactly, type Rng } from './random.ts';

/** What a brand brings to each of its evaluations: fixed properties and how it leans. */
export interface BrandProfile {
  /** Brand type id (fuel or nev). */
  type: string;
  /** How good its agents are, in standard deviations of the brand spread (higher is better). */
  quality: number;
  /** Multiplier of its online reply times. */
  onlineResponse: number;
  /** Multiplier of its phone wait for an agent. */
  ivrWait: number;
  /** Multiplier of its voice-menu length. */
  ivrMenu: number;
  /** Whether roadside assistance is offered in the first menu layer of its hotline. */
  roadsideFirstLayer: boolean;
  /** Option id of the scale of its post-service survey; undefined when it runs none. */
  surveyScale: string | undefined;
}

function lean(table: ById, type: string): number {
  const x = table[type];
  if (x === undefined) throw new Error(`no lean for brand type "${type}"`);
  return x;
}

/** Marks exactly `counts[type]` brands of each type, at random within the type. */
function perType(rng: Rng, types: readonly string[], counts: ById, what: string): boolean[] {
  const out = types.map(() => false);
  for (const [type, k] of Object.entries(counts)) {
    const members = types.flatMap((t, b) => (t === type ? [b] : []));
    if (k > members.length) throw new Error(`${what}: ${k} ${type} brands asked for, ${members.length} exist`);
    const chosen = chooseExactly(rng, members.length, k);
    members.forEach((b, j) => (out[b] = chosen[j] === 1));
  }
  return out;
}

/**
 * The brands in segment order: the first `brands.fuel` are fuel brands, the rest new energy. Exact counts
 * of brands with roadside assistance in the first layer, with a survey, and using each survey scale.
 */
export function planBrands(rng: Rng, targets: AutoServiceTargets, brandCount: number): BrandProfile[] {
  const typeOrder = Object.entries(targets.brands);
  const total = typeOrder.reduce((a, [, k]) => a + k, 0);
  if (total !== brandCount) throw new Error(`the calibration has ${total} brands, the survey lists ${brandCount}`);
  const types = typeOrder.flatMap(([type, k]) => Array.from({ length: k }, () => type));
  const roadside = perType(rng, types, targets.roadsideFirstLayer, 'roadside assistance');
  const running = perType(rng, types, targets.surveyRun, 'post-service survey');
  const runners = running.filter(Boolean).length;
  const scaleIds = Object.keys(targets.surveyScales);
  const scaleCounts = Object.values(targets.surveyScales);
  if (scaleCounts.reduce((a, b) => a + b, 0) !== runners) throw new Error(`survey scales cover ${scaleCounts.join('+')} brands, ${runners} run a survey`);
  const scales = assignByQuota(rng, runners, scaleCounts.map((k) => k / runners));
  let next = 0;
  return types.map((type, b) => ({
    type,
    quality: lean(TYPE_LEANS.quality, type) + normal(rng),
    // Brand-to-brand variation of about a fifth around the type's lean.
    onlineResponse: lean(TYPE_LEANS.onlineResponse, type) * Math.exp(0.2 * normal(rng)),
    ivrWait: lean(TYPE_LEANS.ivrWait, type) * Math.exp(0.25 * normal(rng)),
    ivrMenu: lean(TYPE_LEANS.ivrMenu, type) * Math.exp(0.2 * normal(rng)),
    roadsideFirstLayer: roadside[b]!,
    surveyScale: running[b] ? scaleIds[scales[next++]!] : undefined,
  }));
}
