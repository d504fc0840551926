import { quoteIdent, type Query, type SqlParam } from '../engine/engine.ts';
import { dimensionsOf, WAVE } from '../survey/dimensions.ts';
import type { Survey } from '../survey/survey.ts';
import type { FilterState } from './state.ts';

/** The one place where filter state becomes SQL: a parameterised condition over the cube's dimensions. */
export function compileWhere(survey: Survey, state: FilterState): Query {
  const dims = new Map(dimensionsOf(survey).map((d) => [d.id, new Set(d.choices.map((c) => c.id))]));
  const terms: string[] = [];
  const params: SqlParam[] = [];
  const add = (dim: string, values: readonly string[]): void => {
    const allowed = dims.get(dim);
    if (!allowed) throw new Error(`invalid filter: unknown dimension "${dim}"`);
    for (const v of values) if (!allowed.has(v)) throw new Error(`invalid filter: unknown value "${v}" of "${dim}"`);
    if (values.length === 0) return;
    terms.push(`${quoteIdent(dim)} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  if (state.wave !== undefined) add(WAVE, [state.wave]);
  for (const [dim, values] of Object.entries(state.dims).sort(([a], [b]) => a.localeCompare(b))) {
    if (dim === WAVE) throw new Error('invalid filter: the wave is set with "wave", not among dimensions');
    add(dim, values);
  }
  return { sql: terms.length ? terms.join(' AND ') : 'TRUE', params };
}
