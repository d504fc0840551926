import { quoteIdent, type Query } from '../engine/engine.ts';
import { CHOSEN_TABLE } from '../engine/session.ts';
import { dimensionsOf, WAVE } from '../survey/dimensions.ts';
import type { Survey } from '../survey/survey.ts';
import type { FilterState } from './state.ts';

/** The values a filter state chooses, checked against the survey, as [dimension, value] pairs: the wave first, then the dimensions by id. */
function chosenValues(survey: Survey, state: FilterState): [string, string][] {
  const dims = new Map(dimensionsOf(survey).map((d) => [d.id, new Set(d.choices.map((c) => c.id))]));
  const chosen: [string, string][] = [];
  const add = (dim: string, values: readonly string[]): void => {
    const allowed = dims.get(dim);
    if (!allowed) throw new Error(`invalid filter: unknown dimension "${dim}"`);
    for (const v of values) if (!allowed.has(v)) throw new Error(`invalid filter: unknown value "${v}" of "${dim}"`);
    chosen.push(...values.map((v): [string, string] => [dim, v]));
  };
  if (state.wave !== undefined) add(WAVE, [state.wave]);
  for (const [dim, values] of Object.entries(state.dims).sort(([a], [b]) => a.localeCompare(b))) {
    if (dim === WAVE) throw new Error('invalid filter: the wave is set with "wave", not among dimensions');
    add(dim, values);
  }
  return chosen;
}

/** The chosen values grouped by dimension, in the order of `chosenValues`. */
function byDimension(chosen: [string, string][]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [dim, value] of chosen) out.set(dim, [...(out.get(dim) ?? []), value]);
  return out;
}

/** The one place where filter state becomes SQL: a parameterised condition over the cube's dimensions. */
export function compileWhere(survey: Survey, state: FilterState): Query {
  const terms = [...byDimension(chosenValues(survey, state))].map(([dim, values]) => ({ sql: `${quoteIdent(dim)} IN (${values.map(() => '?').join(', ')})`, params: values }));
  return { sql: terms.length ? terms.map((t) => t.sql).join(' AND ') : 'TRUE', params: terms.flatMap((t) => t.params) };
}

/** How many dimensions (beyond the wave) a reader may filter at once: the published cube holds every slice of up to this many, plus an indicator's "by". */
export const MAX_FILTERED_DIMS = 2;

function filteredDims(state: FilterState): Set<string> {
  const used = new Set(Object.entries(state.dims).flatMap(([d, values]) => (values.length ? [d] : [])));
  if (used.size > MAX_FILTERED_DIMS) throw new Error(`invalid filter: at most ${MAX_FILTERED_DIMS} dimensions at once`);
  return used;
}

/** The quoted dimensions, beside the wave, that are neither filtered nor `by`: rolled up in a slice's rows. */
function unfilteredDims(survey: Survey, used: Set<string>, by?: string): string[] {
  return dimensionsOf(survey)
    .filter((d) => d.id !== WAVE && d.id !== by && !used.has(d.id))
    .map((d) => quoteIdent(d.id));
}

/**
 * A slice of the published cube as SQL that names no value, so that every slice filtering the same dimensions
 * has the same statement: `chosen`, the values chosen, as [dimension, value] rows of CHOSEN_TABLE; `shape`,
 * the condition on the rows that any indicator over any slice filtering these dimensions may read, whatever
 * its "by" (the filtered dimensions not rolled up, and at most one other); `rows`, the condition that keeps
 * those of this slice (the chosen values, read from CHOSEN_TABLE), taken out once per slice so that no
 * indicator scans the whole cube; and `where`, each indicator's condition on those rows,
 * where a NULL dimension means "all values" (it is rolled up): every group of the indicator's "by" dimension,
 * NULL in the other dimensions not filtered. `deep`: whether it filters MAX_FILTERED_DIMS dimensions and another
 * dimension is left for a "by", and so reads rows of that many dimensions and a "by" (which the site publishes
 * apart, in the deep part of the cube).
 */
export function publishedSlice(
  survey: Survey,
  state: FilterState,
): { chosen: [string, string][]; shape: string; rows: Query; where: (by: string | undefined) => string; deep: boolean } {
  const chosen = chosenValues(survey, state);
  const used = filteredDims(state);
  const others = unfilteredDims(survey, used);
  const dims = [...byDimension(chosen).keys()];
  const filtered = dims.map((dim) => `${quoteIdent(dim)} IN (SELECT value FROM ${CHOSEN_TABLE} WHERE dim = ?)`);
  const present = dims.filter((dim) => dim !== WAVE).map((dim) => `${quoteIdent(dim)} IS NOT NULL`);
  const rolled = others.length > 1 ? [`${others.map((d) => `(${d} IS NOT NULL)::INTEGER`).join(' + ')} <= 1`] : [];
  const where = (by: string | undefined): string => {
    const nulls = unfilteredDims(survey, used, by).map((d) => `${d} IS NULL`);
    const grouped = by === undefined || used.has(by) ? [] : [`${quoteIdent(by)} IS NOT NULL`];
    return ['TRUE', ...nulls, ...grouped].join(' AND ');
  };
  return { chosen, shape: ['TRUE', ...present, ...rolled].join(' AND '), rows: { sql: ['TRUE', ...filtered].join(' AND '), params: dims }, where, deep: used.size === MAX_FILTERED_DIMS && others.length > 0 };
}
