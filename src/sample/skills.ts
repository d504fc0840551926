import type { MaturityScorer } from './maturity.ts';
import { assignByQuota } from './quota.ts';
import { randomInt, type Rng } from './random.ts';

/** Writes `count` whole answers in [min, max] adding up to `total` into out: near-even, then random ±1 pairs. */
export function spreadSum(rng: Rng, total: number, count: number, min: number, max: number, moves: number, out: Uint8Array): void {
  const base = Math.floor(total / count);
  for (let k = 0; k < count; k++) out[k] = base;
  for (let extra = total - base * count; extra > 0; ) {
    const k = randomInt(rng, 0, count - 1);
    if (out[k]! < max) {
      out[k]!++;
      extra--;
    }
  }
  for (let m = 0; m < moves; m++) {
    const up = randomInt(rng, 0, count - 1);
    const down = randomInt(rng, 0, count - 1);
    if (up !== down && out[up]! < max && out[down]! > min) {
      out[up]!++;
      out[down]!--;
    }
  }
}

/** Skill answers of a wave: one row of `scorer.skills.length` answers per respondent, with their score and stage. */
export interface SkillSample {
  values: Uint8Array;
  score: Float64Array;
  stage: Uint8Array;
}

/**
 * Skill answers giving exact stage counts: each respondent gets a stage by quota, a skill sum drawn uniformly
 * among the sums of that stage, and answers spread over the skills. Every respondent with the same sum gets
 * the very same score (the double nearest the exact one), so tied sums stay tied in the pipeline's quantiles.
 */
export function sampleSkills(rng: Rng, scorer: MaturityScorer, stageShares: readonly number[], n: number): SkillSample {
  const count = scorer.skills.length;
  const { min, max } = scorer.scales[0]!;
  if (scorer.scales.some((s) => s.min !== min || s.max !== max || s.good !== 'high')) throw new Error('skills must share one 0-to-high scale');
  const lowest = min * count;
  const highest = max * count;
  // Scores are 100 * (sum - lowest) / (highest - lowest) when competency weights follow skill counts.
  const exact = (sum: number): number => (100 * (sum - lowest)) / (highest - lowest);
  const sumsOf: number[][] = stageShares.map(() => []);
  for (let sum = lowest; sum <= highest; sum++) sumsOf[scorer.stage(exact(sum))]!.push(sum);
  sumsOf.forEach((sums, s) => {
    if (sums.length === 0 && stageShares[s]! > 0) throw new Error(`no skill sum falls in stage ${s}`);
  });
  const stage = assignByQuota(rng, n, stageShares);
  const values = new Uint8Array(n * count);
  const score = new Float64Array(n);
  const row = new Uint8Array(count);
  for (let i = 0; i < n; i++) {
    const sums = sumsOf[stage[i]!]!;
    const sum = sums[randomInt(rng, 0, sums.length - 1)]!;
    const target = exact(sum);
    let got = NaN;
    // Retry spreads until the pipeline's arithmetic lands on the exact score; late tries settle for the stage.
    for (let attempt = 0; ; attempt++) {
      spreadSum(rng, sum, count, min, max, 8 + randomInt(rng, 0, 8), row);
      got = scorer.score(row);
      if (got === target || (attempt >= 200 && scorer.stage(got) === stage[i])) break;
      if (attempt > 2000) throw new Error(`cannot spread skill sum ${sum} into its stage`);
    }
    values.set(row, i * count);
    score[i] = got;
  }
  return { values, score, stage };
}
