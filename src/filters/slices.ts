import { dimensionsOf, WAVE } from '../survey/dimensions.ts';
import type { Survey } from '../survey/survey.ts';
import type { Lang } from '../survey/text.ts';
import type { FilterState } from './state.ts';

/** How many slices a reader may compare side by side. */
export const MAX_SLICES = 4;

/** One slice of a comparison: its label in the page language, and the filters that make it. */
export interface Slice {
  label: string;
  state: FilterState;
}

/**
 * The slices the reader compares: one per chosen value of the compared dimension (in choice order, at most
 * MAX_SLICES), or the latest MAX_SLICES waves; the other filters apply to every slice. A comparison needs two
 * slices: with fewer, the state is one slice, as if nothing were compared.
 */
export function slicesOf(survey: Survey, state: FilterState, lang: Lang): Slice[] {
  const { compare, ...rest } = state;
  const single = [{ label: '', state: rest }];
  if (compare === WAVE) {
    const waves = survey.waves.slice(-MAX_SLICES);
    if (waves.length < 2) return single;
    return waves.map((w) => ({ label: w.id, state: { dims: rest.dims, wave: w.id } }));
  }
  const dim = dimensionsOf(survey).find((d) => d.id === compare);
  const chosen = new Set(state.dims[compare ?? ''] ?? []);
  const values = dim ? dim.choices.filter((c) => chosen.has(c.id)).slice(0, MAX_SLICES) : [];
  if (!dim || values.length < 2) return single;
  return values.map((c) => ({ label: c.label[lang], state: { ...rest, dims: { ...rest.dims, [dim.id]: [c.id] } } }));
}
