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
 * How many views the engine computes before the reader's first change. Besides the views themselves, this is
 * what brings the engine to full speed: the browser compiles duckdb-wasm's functions fully only once they
 * have run for a while (the 1M report's overview page: a slice takes 60-190 ms for the first thirty or so,
 * 15-30 ms after).
 */
export const COMMON_VIEWS = 40;

/**
 * The views readers ask the engine for most before any other: two values of one segment or grouping. Every
 * pair of a dimension's values, in the order its list shows them, the first pairs of every dimension first;
 * COMMON_VIEWS at most.
 */
export function commonStates(survey: Survey): FilterState[] {
  const pairs = dimensionsOf(survey)
    .filter((d) => d.id !== WAVE)
    .map((d) => d.choices.flatMap((a, i) => d.choices.slice(i + 1).map((b): FilterState => ({ dims: { [d.id]: [a.id, b.id] } }))));
  const longest = Math.max(0, ...pairs.map((p) => p.length));
  return Array.from({ length: longest }, (_, i) => pairs.flatMap((p) => (i < p.length ? [p[i]!] : [])))
    .flat()
    .slice(0, COMMON_VIEWS);
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
