import { quoteIdent, type Engine, type Query } from '../engine/engine.ts';
import { CUBE_TABLE } from '../indicators/cube.ts';
import { cubeMeasures, findMeasure, type Measure } from '../survey/measures.ts';
import { pairsOf, type Pair } from '../survey/report.ts';
import type { Survey } from '../survey/survey.ts';
import { CELL, cellDimensions } from './cells.ts';
import { RESPONSES_TABLE, WEIGHT } from './responses.ts';

const W = quoteIdent(WEIGHT);

/**
 * Σ expr, summed exactly: in fixed point (10 decimals), so that the result does not depend on the order in
 * which threads add their partial sums, and the same inputs give the same bytes.
 */
export const total = (expr: string, filter?: string): string => `(sum((${expr})::DECIMAL(38, 10))${filter === undefined ? '' : ` FILTER (WHERE ${filter})`})::DOUBLE`;

/** Counts and weight sums of the rows in a group (without weights, every weight is 1: the sums are the count). */
const counts = (weighted: boolean) => (weighted ? `count(*) AS n, ${total(W)} AS w, ${total(`${W} * ${W}`)} AS w2` : 'count(*) AS n, count(*)::DOUBLE AS w, count(*)::DOUBLE AS w2');

/**
 * Value rows of one measure: (cell, measure, value, x, n, w, w2). Each is one scan grouped on the integer
 * cell and the raw value; scale points become text only after grouping, on the few grouped rows.
 */
function valueRows(m: Measure, weighted: boolean): Query | undefined {
  const c = quoteIdent(m.id);
  switch (m.shape) {
    case 'categorical':
      // The column holds the choice's position; its id is looked up after grouping.
      return {
        sql: `SELECT ${CELL}, ?::VARCHAR AS measure, (?::VARCHAR[])[c] AS value, NULL::DOUBLE AS x, n, w, w2
  FROM (SELECT ${CELL}, ${c} AS c, ${counts(weighted)} FROM ${RESPONSES_TABLE} WHERE ${c} IS NOT NULL GROUP BY ${CELL}, ${c})`,
        params: [m.id, m.choices.map((o) => o.id)],
      };
    case 'scale':
      return {
        sql: `SELECT ${CELL}, ?::VARCHAR AS measure, CAST(CAST(x AS BIGINT) AS VARCHAR) AS value, x, n, w, w2
  FROM (SELECT ${CELL}, ${c} AS x, ${counts(weighted)} FROM ${RESPONSES_TABLE} WHERE ${c} IS NOT NULL GROUP BY ${CELL}, ${c})`,
        params: [m.id],
      };
    case 'multi': {
      // One scan per question: every option's counts side by side, then one row per option.
      // The question's column is a bit mask: bit i set when option i was chosen.
      const cols = m.choices.map((_, i) => `(${c} & ${2 ** i}) <> 0`);
      const aggs = cols.map((col, i) =>
        weighted
          ? `count_if(${col}) AS n${i}, ${total(W, col)} AS w${i}, ${total(`${W} * ${W}`, col)} AS q${i}`
          : `count_if(${col}) AS n${i}, n${i}::DOUBLE AS w${i}, n${i}::DOUBLE AS q${i}`,
      );
      const list = (p: string) => `[${cols.map((_, i) => `${p}${i}`).join(', ')}]`;
      return {
        sql: `SELECT ${CELL}, ?::VARCHAR AS measure, unnest(?::VARCHAR[]) AS value, NULL::DOUBLE AS x, unnest(${list('n')}) AS n, unnest(${list('w')}) AS w, unnest(${list('q')}) AS w2
  FROM (SELECT ${CELL}, ${aggs.join(', ')} FROM ${RESPONSES_TABLE} WHERE ${c} IS NOT NULL GROUP BY ${CELL})`,
        params: [m.id, m.choices.map((o) => o.id)],
      };
    }
    case 'numeric':
      // Binned values are counted like scale points, so that medians and percentiles can be read off them.
      if (m.bin === undefined) return undefined;
      return {
        sql: `SELECT ${CELL}, ?::VARCHAR AS measure, CAST(x AS VARCHAR) AS value, x, n, w, w2
  FROM (SELECT ${CELL}, round(round(${c} / ?) * ?, 9) AS x, ${counts(weighted)} FROM ${RESPONSES_TABLE} WHERE ${c} IS NOT NULL GROUP BY ALL)`,
        params: [m.id, m.bin, m.bin],
      };
  }
}

/**
 * Base rows of the measures that value rows do not cover: those answering a multi question, and the
 * moments of numeric measures. (The bases of single and scale measures are sums of their value rows.)
 */
function baseRows(m: Measure, weighted: boolean): Query | undefined {
  const c = quoteIdent(m.id);
  if (m.shape === 'multi') {
    return {
      sql: `SELECT ${CELL}, ?::VARCHAR AS measure, ${counts(weighted)}, NULL::DOUBLE AS wx, NULL::DOUBLE AS wxx FROM ${RESPONSES_TABLE} WHERE ${c} IS NOT NULL GROUP BY ${CELL}`,
      params: [m.id],
    };
  }
  if (m.shape === 'numeric') {
    const wx = weighted ? `${W} * ${c}` : c;
    return {
      sql: `SELECT ${CELL}, ?::VARCHAR AS measure, ${counts(weighted)}, ${total(wx)} AS wx, ${total(`${wx} * ${c}`)} AS wxx FROM ${RESPONSES_TABLE} WHERE ${c} IS NOT NULL GROUP BY ${CELL}`,
      params: [m.id],
    };
  }
  return undefined;
}

/**
 * A 0/1 outcome as SQL over the responses table: 1 for the chosen option of a categorical measure (held as
 * its position) or for a rating in its top box, 0 for any other answer, NULL when unanswered. The position and
 * the scale points are integers from the validated definition, so they are written into the SQL as numbers.
 */
function outcomeColumn(survey: Survey, outcome: NonNullable<Pair['outcome']>): string {
  const m = findMeasure(survey, outcome.measure);
  const c = quoteIdent(outcome.measure);
  if (m?.scale && outcome.option === 'top_box') {
    const { min, max, top_box, good } = m.scale;
    return good === 'high' ? `(${c} >= ${max - top_box + 1})::INTEGER` : `(${c} <= ${min + top_box - 1})::INTEGER`;
  }
  const at = m?.choices.findIndex((ch) => ch.id === outcome.option) ?? -1;
  if (at < 0) throw new Error(`invalid outcome "${outcome.option}" of "${outcome.measure}"`);
  return `(${c} = ${at + 1})::INTEGER`;
}

/** The base row of a pair per cell: sums over the rows answering both measures (see CUBE_TABLE). */
function pairRows(survey: Survey, p: Pair, weighted: boolean): Query {
  const [a, b] = [p.outcome ? outcomeColumn(survey, p.outcome) : quoteIdent(p.a), quoteIdent(p.b)];
  const w = (x: string) => (weighted ? `${W} * ${x}` : x);
  return {
    sql: `SELECT ${CELL}, ?::VARCHAR AS measure, ${counts(weighted)}, ${total(w(a))} AS wx, ${total(`${w(a)} * ${a}`)} AS wxx, ${total(w(b))} AS wy, ${total(`${w(b)} * ${b}`)} AS wyy, ${total(`${w(a)} * ${b}`)} AS wxy
  FROM ${RESPONSES_TABLE} WHERE ${a} IS NOT NULL AND ${b} IS NOT NULL GROUP BY ${CELL}`,
    params: [p.id],
  };
}

/**
 * The rows of every part; a survey may have no part of a kind (no multi or numeric question, no key
 * drivers), and then `empty`, a typed query of no rows with the same columns, stands in for them.
 */
function union(parts: Query[], empty: string): Query {
  if (parts.length === 0) return { sql: `${empty} WHERE FALSE`, params: [] };
  if (parts.length > UNION_FAN) {
    // DuckDB nests each UNION ALL one level deeper and stops at 1,000 levels (about 990 measures): unions of
    // unions keep the depth near √parts.
    const size = Math.ceil(Math.sqrt(parts.length));
    const groups = Array.from({ length: Math.ceil(parts.length / size) }, (_, i) => union(parts.slice(i * size, (i + 1) * size), empty));
    return { sql: groups.map((g) => `SELECT * FROM (${g.sql})`).join('\nUNION ALL\n'), params: groups.flatMap((g) => g.params) };
  }
  return { sql: parts.map((p) => p.sql).join('\nUNION ALL\n'), params: parts.flatMap((p) => p.params) };
}

/** Parts a union takes side by side before it is split into unions of unions. */
const UNION_FAN = 100;

const NO_COUNTS = '0::BIGINT AS n, 0::DOUBLE AS w, 0::DOUBLE AS w2';
const NO_VALUES = `SELECT NULL::INTEGER AS ${CELL}, NULL::VARCHAR AS measure, NULL::VARCHAR AS value, NULL::DOUBLE AS x, ${NO_COUNTS}`;
const NO_BASES = `SELECT NULL::INTEGER AS ${CELL}, NULL::VARCHAR AS measure, ${NO_COUNTS}, NULL::DOUBLE AS wx, NULL::DOUBLE AS wxx`;
const NO_PAIRS = `${NO_BASES}, NULL::DOUBLE AS wy, NULL::DOUBLE AS wyy, NULL::DOUBLE AS wxy`;

/**
 * Reduces the responses table to the cube, sorted so that the same inputs give the same bytes. Every
 * measure is grouped by the integer cell of its rows; cells are decoded into dimension values at the end.
 */
export async function buildCube(engine: Engine, survey: Survey): Promise<void> {
  // Cells and answer values are small integers, so (cell, value) keys fit a directly indexed table of up to
  // 2^18 groups (a few MB) instead of a hash table: DuckDB's default stops at 2^12, which halves the speed.
  await engine.query('SET perfect_ht_threshold = 18');
  const dims = cellDimensions(survey);
  const measures = cubeMeasures(survey);
  const weighted = survey.weight_column !== undefined;
  const values = union(measures.map((m) => valueRows(m, weighted)).filter((q): q is Query => q !== undefined), NO_VALUES);
  const bases = union(measures.map((m) => baseRows(m, weighted)).filter((q): q is Query => q !== undefined), NO_BASES);
  const summed = measures.filter((m) => m.shape === 'categorical' || m.shape === 'scale').map((m) => m.id);
  // Unweighted counts of whole scale points sum exactly in floating point; weights need fixed point.
  const exact = (expr: string) => (weighted ? total(expr) : `sum(${expr})`);
  const paired = union(pairsOf(survey.indicators).map((p) => pairRows(survey, p, weighted)), NO_PAIRS);
  await engine.query(
    `CREATE OR REPLACE TABLE ${CUBE_TABLE} AS
WITH vals AS MATERIALIZED (${values.sql}),
rows AS (
  SELECT ${CELL}, measure, value, x, n, w, w2, NULL::DOUBLE AS wx, NULL::DOUBLE AS wxx, NULL::DOUBLE AS wy, NULL::DOUBLE AS wyy, NULL::DOUBLE AS wxy FROM vals
  UNION ALL
  SELECT ${CELL}, measure, NULL, NULL, sum(n), ${exact('w')}, ${exact('w2')}, ${exact('w * x')}, ${exact('w * x * x')}, NULL, NULL, NULL FROM vals WHERE list_contains(?::VARCHAR[], measure) GROUP BY ${CELL}, measure
  UNION ALL
  SELECT ${CELL}, measure, NULL, NULL, n, w, w2, wx, wxx, NULL, NULL, NULL FROM (${bases.sql})
  UNION ALL
  SELECT ${CELL}, measure, NULL, NULL, n, w, w2, wx, wxx, wy, wyy, wxy FROM (${paired.sql})
)
SELECT ${dims.sql}, measure, value, x, n::INTEGER AS n, w, w2, wx, wxx, wy, wyy, wxy FROM rows
ORDER BY ${CELL}, measure, value NULLS FIRST`,
    [...values.params, summed, ...bases.params, ...paired.params, ...dims.params],
  );
}
