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

/**
 * The views whose figures the build publishes ready-made, so that the most common changes (one value of one
 * segment, one wave, and going back to the whole report) redraw without starting the in-browser engine: the
 * whole report, the whole report in each wave alone (which also makes comparing the waves ready-made), each
 * single value of each dimension (every wave's figures are in each), and, where there are several waves,
 * each single value in each wave alone (which makes comparing the waves of one value ready-made), nothing
 * compared. Any other view is computed in the browser.
 */
export function readyMadeStates(survey: Survey): FilterState[] {
  const waves = survey.waves.map((w): FilterState => ({ wave: w.id, dims: {} }));
  const values = dimensionsOf(survey)
    .filter((d) => d.id !== WAVE)
    .flatMap((d) => d.choices.map((c) => ({ [d.id]: [c.id] })));
  const inWaves = survey.waves.length > 1 ? survey.waves.flatMap((w) => values.map((dims): FilterState => ({ wave: w.id, dims }))) : [];
  return [{ dims: {} }, ...waves, ...values.map((dims): FilterState => ({ dims })), ...inWaves];
}

/** The file, in a report's `slices/` folder, of the whole report's ready-made views. No dimension id starts with "_": it cannot be taken for one's. */
export const WHOLE_REPORT_FILE = '_all.json';

/**
 * The file, in a report's `slices/` folder, of a dimension's ready-made views, every wave or one `wave` alone:
 * one entry per value, so that opening its list fetches them all at once.
 */
export const dimensionFile = (dim: string, wave?: string): string => (wave === undefined ? `${dim}.json` : `${dim}@${wave}.json`);

/**
 * Where the ready-made figures of `state` may be (see `readyMadeStates`): a file in the report's `slices/`
 * folder, and the entry in it. The whole report is the entry "all" of `_all.json`, a wave alone its entry
 * "wave=<id>"; undefined for a view that is never ready-made.
 */
export function readyMade(survey: Survey, state: FilterState): { file: string; entry: string } | undefined {
  if (state.compare !== undefined) return undefined;
  const chosen = Object.entries(state.dims).filter(([, values]) => values.length > 0);
  if (chosen.length === 0) return { file: WHOLE_REPORT_FILE, entry: state.wave === undefined ? 'all' : `${WAVE}=${state.wave}` };
  const [[dim, values]] = chosen as [[string, string[]]];
  if (chosen.length > 1 || values.length > 1 || (state.wave !== undefined && survey.waves.length < 2)) return undefined;
  return { file: dimensionFile(dim, state.wave), entry: values[0]! };
}
