import { dimensionsOf, WAVE } from '../survey/dimensions.ts';
import type { Survey } from '../survey/survey.ts';
import { MAX_SLICES, readyMade, slicesOf } from './slices.ts';
import type { FilterState } from './state.ts';
import { toSearch } from './url.ts';

/** `state` with one value of a dimension ticked, or unticked if it was. */
export function toggled(state: FilterState, dim: string, value: string): FilterState {
  const chosen = state.dims[dim] ?? [];
  const values = chosen.includes(value) ? chosen.filter((v) => v !== value) : [...chosen, value];
  return { ...state, dims: { ...state.dims, [dim]: values } };
}

/**
 * The states one tick away from `state` within the dimensions it already filters, in the order their lists
 * show them: the changes a reader makes most after a first one, and the ones whose statement the engine has
 * already prepared. A compared dimension never goes beyond MAX_SLICES values.
 */
export function nextStates(survey: Survey, state: FilterState): FilterState[] {
  return dimensionsOf(survey)
    .filter((d) => d.id !== WAVE && (state.dims[d.id]?.length ?? 0) > 0)
    .flatMap((d) => d.choices.map((c) => toggled(state, d.id, c.id)).filter((next) => next.compare !== d.id || next.dims[d.id]!.length <= MAX_SLICES));
}

/**
 * The slices the engine computes to show `states` (a comparison's slices apart), each once, leaving out the
 * views the build publishes ready-made and those of `except` (a view already on screen).
 */
export function engineSlices(survey: Survey, states: readonly FilterState[], except?: FilterState): FilterState[] {
  // Labels play no part here: any language gives the same slices.
  const slices = (s: FilterState) => slicesOf(survey, s, 'en').map((x) => x.state);
  const seen = new Set((except ? slices(except) : []).map((s) => toSearch(survey, s)));
  return states.flatMap(slices).filter((s) => {
    const key = toSearch(survey, s);
    if (seen.has(key) || readyMade(survey, s) !== undefined) return false;
    seen.add(key);
    return true;
  });
}
