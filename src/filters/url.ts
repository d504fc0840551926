import { COMPARE, dimensionsOf, WAVE } from '../survey/dimensions.ts';
import type { Survey } from '../survey/survey.ts';
import type { FilterState } from './state.ts';

/**
 * Filter state as a URL query: `?wave=2025&industry=retail,healthcare&compare=industry`, so that a filtered
 * view can be shared, bookmarked and reloaded. Dimensions in definition order, values in choice order: one
 * state, one URL.
 */
export function toSearch(survey: Survey, state: FilterState): string {
  const params = new URLSearchParams();
  if (state.wave !== undefined) params.set(WAVE, state.wave);
  for (const d of dimensionsOf(survey)) {
    const chosen = new Set(state.dims[d.id] ?? []);
    const values = d.choices.filter((c) => chosen.has(c.id)).map((c) => c.id);
    if (d.id !== WAVE && values.length) params.set(d.id, values.join(','));
  }
  if (state.compare !== undefined) params.set(COMPARE, state.compare);
  const text = params.toString().replaceAll('%2C', ',');
  return text ? `?${text}` : '';
}

/** Reads filter state from a URL query, keeping only known waves, dimensions and values (a stale link still opens). */
export function fromSearch(survey: Survey, search: string): FilterState {
  const params = new URLSearchParams(search);
  const state: FilterState = { dims: {} };
  for (const d of dimensionsOf(survey)) {
    const raw = params.get(d.id);
    if (raw === null) continue;
    const known = new Set(d.choices.map((c) => c.id));
    const values = raw.split(',').filter((v) => known.has(v));
    if (d.id === WAVE) {
      if (values[0] !== undefined) state.wave = values[0];
    } else if (values.length) state.dims[d.id] = values;
  }
  const compare = params.get(COMPARE);
  if (compare !== null && dimensionsOf(survey).some((d) => d.id === compare)) state.compare = compare;
  return state;
}
