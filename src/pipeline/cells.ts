import { quoteIdent, type Query, type SqlParam } from '../engine/engine.ts';
import { dimensionsOf } from '../survey/dimensions.ts';
import type { Survey } from '../survey/survey.ts';
import type { Column } from './derive.ts';

/** The column holding each row's cube cell. */
export const CELL = '_cell';

/**
 * One integer per cell of the dimensions (wave x segments x groupings), mixed-radix over the position of
 * each dimension's choice (NULL, read as 0, for a blank): grouping the cube on one integer is far cheaper
 * than grouping on several columns. A dimension is read from its column, or from its expression in `given`.
 */
export function cellColumn(survey: Survey, given: Map<string, Query> = new Map()): Column {
  let stride = 1;
  const terms: string[] = [];
  const params: SqlParam[] = [];
  for (const d of dimensionsOf(survey)) {
    const expr = given.get(d.id);
    terms.push(`${stride} * coalesce((${expr?.sql ?? quoteIdent(d.id)})::INTEGER, 0)`);
    params.push(...(expr?.params ?? []));
    stride *= d.choices.length + 1;
  }
  if (stride > 2 ** 31) throw new Error(`too many cells (${stride}) in the cube of ${survey.id}: reduce the segments`);
  return [CELL, { sql: `(${terms.join(' + ')})::INTEGER`, params }];
}

/** The dimension columns of a cell, decoded from its integer: the inverse of `cellColumn`. */
export function cellDimensions(survey: Survey): Query {
  let stride = 1;
  const columns: string[] = [];
  const params: SqlParam[] = [];
  for (const d of dimensionsOf(survey)) {
    columns.push(`CASE (${CELL} // ${stride}) % ${d.choices.length + 1} ${d.choices.map(() => 'WHEN ? THEN ?').join(' ')} END AS ${quoteIdent(d.id)}`);
    params.push(...d.choices.flatMap((c, i) => [i + 1, c.id]));
    stride *= d.choices.length + 1;
  }
  return { sql: columns.join(', '), params };
}
