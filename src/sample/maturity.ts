import type { Maturity } from '../survey/derived.ts';
import type { Scale } from '../survey/question.ts';
import type { Survey } from '../survey/survey.ts';

/** The maturity model as the pipeline computes it, over skill answers listed in `skills` order. */
export interface MaturityScorer {
  /** Skill question ids, competency by competency. */
  skills: string[];
  /** The scale of each skill, in `skills` order. */
  scales: Scale[];
  /** Maturity score (0-100) of one respondent's skill answers. */
  score(values: ArrayLike<number>): number;
  /** Index (in `maturity.stages`) of the stage a score falls in. */
  stage(score: number): number;
}

/** Builds the scorer of a survey's maturity model, with the pipeline's double arithmetic in the same order. */
export function createMaturityScorer(survey: Survey): MaturityScorer {
  const m: Maturity | undefined = survey.maturity;
  if (!m) throw new Error(`survey ${survey.id} has no maturity model`);
  const scaleOf = new Map(survey.questions.flatMap((q) => (q.type === 'rating' ? [[q.id, q.scale] as const] : [])));
  const skills = m.competencies.flatMap((c) => c.skills);
  const scales = skills.map((s) => {
    const scale = scaleOf.get(s);
    if (!scale) throw new Error(`skill ${s} is not a rating question`);
    return scale;
  });
  // The pipeline rescales 100 * (x - worst) / (best - worst); same operands, same order, same result.
  const worst = scales.map((s) => (s.good === 'high' ? s.min : s.max));
  const span = scales.map((s) => (s.good === 'high' ? s.max - s.min : s.min - s.max));
  const sizes = m.competencies.map((c) => c.skills.length);
  const weights = m.competencies.map((c) => c.weight);
  const froms = m.stages.map((s) => s.from);
  return {
    skills,
    scales,
    score(values) {
      let total = 0;
      let k = 0;
      for (let c = 0; c < sizes.length; c++) {
        let sum = 0;
        for (let j = 0; j < sizes[c]!; j++, k++) sum += (100 * (values[k]! - worst[k]!)) / span[k]!;
        const term = weights[c]! * (sum / sizes[c]!);
        total = c === 0 ? term : total + term;
      }
      return total;
    },
    stage(score) {
      for (let s = froms.length - 1; s > 0; s--) if (score >= froms[s]!) return s;
      return 0;
    },
  };
}
