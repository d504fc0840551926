import { quoteIdent, type Engine } from '../engine/engine.ts';
import { CUBE_STAT_COLUMNS, CUBE_TABLE, PUBLISHED_CUBE_TABLE } from '../indicators/cube.ts';
import { MAX_FILTERED_DIMS } from '../filters/where.ts';
import { dimensionsOf, WAVE } from '../survey/dimensions.ts';
import type { Survey } from '../survey/survey.ts';
import { total } from './cube.ts';
import { poolPublishedBins } from './pooled-bins.ts';

/** Every set of at most `size` of `items`, the empty set included, in a stable order. */
function subsets<T>(items: T[], size: number): T[][] {
  const out: T[][] = [[]];
  for (const item of items) for (const s of [...out]) if (s.length < size) out.push([...s, item]);
  return out;
}

/**
 * The rows of the published cube that only slices of MAX_FILTERED_DIMS filters read (those filters and an
 * indicator's "by" not rolled up): most of its rows, published in a file of their own that the browser
 * loads only when such a slice is asked for.
 */
export function deepRows(survey: Survey): string {
  const dims = dimensionsOf(survey).filter((d) => d.id !== WAVE);
  // With no more dimensions than filters, every slice is shallow.
  if (dims.length <= MAX_FILTERED_DIMS) return 'FALSE';
  return `${dims.map((d) => `(${quoteIdent(d.id)} IS NOT NULL)::INTEGER`).join(' + ')} > ${MAX_FILTERED_DIMS}`;
}

/**
 * The cube the site publishes for filtering in the browser. Instead of every cell of every dimension (where
 * many cells hold one respondent), it holds every slice readers can ask for: each wave by every set of up to
 * MAX_FILTERED_DIMS + 1 dimensions (two filters and an indicator's "by"), the others rolled up to NULL
 * ("all"). A slice whose base is under `suppress_below` keeps one row per measure with a NULL n and no
 * statistics: the browser then suppresses the figure, and no small number is published.
 */
export async function buildPublishedCube(engine: Engine, survey: Survey): Promise<void> {
  const dims = dimensionsOf(survey).filter((d) => d.id !== WAVE).map((d) => quoteIdent(d.id));
  const keys = [quoteIdent(WAVE), 'measure', 'value', 'x'];
  const sets = subsets(dims, MAX_FILTERED_DIMS + 1).map((s) => `(${[...keys, ...s].join(', ')})`);
  // Exact sums (see `total`), so that parallel grouping gives the same bytes every build.
  const sums = CUBE_STAT_COLUMNS.filter((c) => !['measure', 'value', 'x'].includes(c)).map((c) => (c === 'n' ? 'sum(n) AS n' : `${total(c)} AS ${c}`));
  // A dimension grouped on but NULL holds the rows whose answer was blank: not a slice readers can ask for.
  const blanks = ['TRUE', ...dims.map((d) => `NOT (grouping(${d}) = 0 AND ${d} IS NULL)`)];
  const cell = [quoteIdent(WAVE), ...dims];
  const stats = CUBE_STAT_COLUMNS.filter((c) => !['measure', 'value', 'x'].includes(c));
  const nulls = (n: number) => Array.from({ length: n }, () => 'NULL').join(', ');
  await engine.query(
    `CREATE OR REPLACE TABLE ${PUBLISHED_CUBE_TABLE} AS
WITH sliced AS (
  SELECT ${cell.join(', ')}, measure, value, x, ${sums.join(', ')}
  FROM ${CUBE_TABLE} GROUP BY GROUPING SETS (${sets.join(', ')}) HAVING ${['TRUE', ...blanks].join(' AND ')}
),
based AS (SELECT *, max(CASE WHEN value IS NULL THEN n END) OVER (PARTITION BY ${cell.join(', ')}, measure) AS base FROM sliced),
sized AS (SELECT *, max(base) OVER (PARTITION BY ${cell.join(', ')}) AS size FROM based)
-- Slices and measures with enough respondents, in full.
SELECT ${cell.join(', ')}, measure, value, x, ${stats.join(', ')} FROM sized WHERE base >= ?
UNION ALL
-- A large slice's measure with a small base: one marker for the measure.
SELECT DISTINCT ${cell.join(', ')}, measure, NULL, NULL, ${nulls(stats.length)} FROM sized WHERE base < ? AND size >= ?
UNION ALL
-- A small slice: one marker for the whole slice (measure NULL), which every indicator of it sees.
SELECT DISTINCT ${cell.join(', ')}, NULL, NULL, NULL, ${nulls(stats.length)} FROM sized WHERE size < ?
ORDER BY ALL NULLS FIRST`,
    [survey.suppress_below, survey.suppress_below, survey.suppress_below, survey.suppress_below],
  );
  await poolPublishedBins(engine, survey);
}
