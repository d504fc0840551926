import type { Scale } from '../survey/question.ts';
import { weightedIndex, type Rng } from './random.ts';

/** The points of a scale in the top box and outside it, each from least to most favourable. */
export function scalePoints(scale: Pick<Scale, 'min' | 'max' | 'good' | 'top_box'>): { top: number[]; rest: number[] } {
  const ascending: number[] = [];
  for (let v = scale.min; v <= scale.max; v++) ascending.push(v);
  const fromWorst = scale.good === 'high' ? ascending : ascending.reverse();
  const cut = fromWorst.length - scale.top_box;
  return { top: fromWorst.slice(cut), rest: fromWorst.slice(0, cut) };
}

/**
 * Ratings of the respondents marked in `answering`: those in `top` get a top-box point (the lower ones more
 * often), the others a point below it (the higher ones more often); 0 for respondents who do not answer.
 */
export function ratingsFromTopBox(rng: Rng, scale: Pick<Scale, 'min' | 'max' | 'good' | 'top_box'>, top: Uint8Array, answering?: Uint8Array): Uint8Array {
  const { top: topPoints, rest } = scalePoints(scale);
  const topWeights = topPoints.map((_, i) => topPoints.length - i + 1);
  const restWeights = rest.map((_, i) => i + 1);
  const out = new Uint8Array(top.length);
  for (let i = 0; i < top.length; i++) {
    if (answering && !answering[i]) continue;
    out[i] = top[i] ? topPoints[weightedIndex(rng, topWeights)]! : rest[weightedIndex(rng, restWeights)]!;
  }
  return out;
}
