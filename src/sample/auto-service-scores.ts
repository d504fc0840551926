import { countOf, type Evaluations } from './auto-service-design.ts';
import { exponential, normal, unitsWithTotal } from './auto-service-draws.ts';
import { DEDUCTION_LEANS, type AutoServiceTargets } from './auto-service-targets.ts';
import type { Rng } from './random.ts';

/** A score per evaluation (0-100), or -1 where the evaluation reached no agent. */
export type Scores = Int16Array;

/** Chance that an agent loses no point on an indicator: most checklists are met in full. */
const FULL_MARKS = 0.45;
/** Chance that an evaluator rates the service 100. */
const FULL_SATISFACTION = 0.35;
/** Largest deduction drawn before scaling: one indicator never costs an agent everything. */
const MAX_DRAW = 60;

function lean(table: Readonly<Record<string, number>>, id: string): number {
  return table[id] ?? 1;
}

/** Scores out of 100 built from point deductions whose total makes the mean exactly `mean`. */
function scoresWithMean(connected: Uint8Array, deduction: Float64Array, mean: number): Scores {
  const rows = countOf(connected);
  const units = unitsWithTotal(deduction, Math.round((100 - mean) * rows), 100);
  const out = new Int16Array(connected.length).fill(-1);
  for (let i = 0, k = 0; i < connected.length; i++) if (connected[i]) out[i] = 100 - units[k++]!;
  return out;
}

/**
 * The indicator scores of every connected evaluation, by question id. Deductions are larger for weaker
 * brands, for complaints and for some channels, and shared within an evaluation (one agent answers every
 * indicator); each indicator's mean is exactly its dimension's published mean plus its offset.
 */
export function planScores(rng: Rng, e: Evaluations, targets: AutoServiceTargets, dimensions: ReadonlyMap<string, readonly string[]>): Map<string, Scores> {
  const rows: number[] = [];
  for (let i = 0; i < e.n; i++) if (e.connected[i]) rows.push(i);
  const size = rows.map((i) => {
    const b = e.brands[e.brand[i]!]!;
    const agent = Math.exp(0.35 * normal(rng));
    return agent * Math.exp(-0.3 * b.quality) * lean(DEDUCTION_LEANS.scenario, e.scenarioIds[e.scenario[i]!]!) * lean(DEDUCTION_LEANS.channel, e.channelIds[e.channel[i]!]!);
  });
  const out = new Map<string, Scores>();
  for (const [dimension, questions] of dimensions) {
    const target = targets.dimensions[dimension];
    if (!target) throw new Error(`no calibration for dimension "${dimension}"`);
    const offsets = Object.keys(target.offsets);
    if (offsets.length !== questions.length || questions.some((q) => !offsets.includes(q))) {
      throw new Error(`dimension "${dimension}" averages ${questions.join(', ')}; the calibration has ${offsets.join(', ')}`);
    }
    // The dimension's mean is the mean of its indicators' means only when the offsets cancel out.
    const drift = Object.values(target.offsets).reduce((a, b) => a + b, 0);
    if (Math.abs(drift) > 1e-9) throw new Error(`the offsets of dimension "${dimension}" add up to ${drift}, not 0`);
    for (const q of questions) {
      const mean = target.mean + target.offsets[q]!;
      // Drawn near the published size already, so that the cap means what it says after scaling.
      const typical = (100 - mean) / (1 - FULL_MARKS);
      const deduction = Float64Array.from(size, (s) => (rng() < FULL_MARKS ? 0 : Math.min(MAX_DRAW, typical * s * exponential(rng))));
      out.set(q, scoresWithMean(e.connected, deduction, mean));
    }
  }
  return out;
}

/** Satisfaction (0-100) of every connected evaluation, lower where the agent lost more points; mean exactly as published. */
export function planSatisfaction(rng: Rng, e: Evaluations, targets: AutoServiceTargets, scores: ReadonlyMap<string, Scores>): Scores {
  const lost = new Float64Array(countOf(e.connected));
  const all = [...scores.values()];
  for (let i = 0, k = 0; i < e.n; i++) {
    if (!e.connected[i]) continue;
    let sum = 0;
    for (const s of all) sum += 100 - s[i]!;
    // A third of customers give full marks; the others take off more the more points the agent lost,
    // and a little even after a flawless contact.
    lost[k++] = rng() < FULL_SATISFACTION ? 0 : Math.min(MAX_DRAW, (0.5 + sum / all.length) * exponential(rng));
  }
  return scoresWithMean(e.connected, lost, targets.satisfaction);
}
