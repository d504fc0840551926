import { quoteIdent, type Engine } from '../engine/engine.ts';
import { CUBE_STAT_COLUMNS, CUBE_TABLE, PUBLISHED_CUBE_TABLE } from '../indicators/cube.ts';
import { MAX_FILTERED_DIMS } from '../filters/where.ts';
import { dimensionsOf, WAVE } from '../survey/dimensions.ts';
import type { Survey } from '../survey/survey.ts';
import { total } from './cube.ts';
import { protectCounts, type Disclosure } from './disclosure/protect.ts';
import { readPublishedCounts, WITHHELD_TABLES, writeWithheld } from './disclosure/relations.ts';
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
 * ("all"). A measure whose base is withheld (under `suppress_below`, or withheld to protect another, see
 * `protectCounts`) keeps one row with a NULL n and no statistics; a slice with every base withheld keeps one
 * row with measure NULL: the browser then suppresses the figure, and no small number is published nor can be
 * worked out. Returns what it withheld, for the audit.
 */
export async function buildPublishedCube(engine: Engine, survey: Survey): Promise<Disclosure> {
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
  const same = (a: string, b: string) => cell.map((c) => `${a}.${c} IS NOT DISTINCT FROM ${b}.${c}`).join(' AND ');
  await engine.query(
    `CREATE OR REPLACE TEMP TABLE ${SLICED} AS
SELECT ${cell.join(', ')}, measure, value, x, ${sums.join(', ')}
FROM ${CUBE_TABLE} GROUP BY GROUPING SETS (${sets.join(', ')}) HAVING ${['TRUE', ...blanks].join(' AND ')}`,
  );
  const protectedAt = performance.now();
  const counts = await readPublishedCounts(engine, survey, SLICED);
  const withheld = protectCounts(counts, survey.suppress_below);
  const ms = performance.now() - protectedAt;
  await writeWithheld(engine, survey, counts, withheld);
  await engine.query(
    `CREATE OR REPLACE TABLE ${PUBLISHED_CUBE_TABLE} AS
WITH marked AS (
  SELECT s.*, c.measure IS NOT NULL AS hidden, w.${quoteIdent(WAVE)} IS NOT NULL AS gone FROM ${SLICED} s
  LEFT JOIN ${WITHHELD_TABLES.cells} c ON ${same('s', 'c')} AND s.measure = c.measure
  LEFT JOIN ${WITHHELD_TABLES.slices} w ON ${same('s', 'w')}
)
-- Measures published, in full.
SELECT ${cell.join(', ')}, measure, value, x, ${stats.join(', ')} FROM marked WHERE NOT hidden
UNION ALL
-- A published slice's withheld measure: one marker for the measure.
SELECT DISTINCT ${cell.join(', ')}, measure, NULL, NULL, ${nulls(stats.length)} FROM marked WHERE hidden AND NOT gone
UNION ALL
-- A slice withheld whole: one marker for the slice (measure NULL), which every indicator of it sees.
SELECT DISTINCT ${cell.join(', ')}, NULL, NULL, NULL, ${nulls(stats.length)} FROM marked WHERE gone
ORDER BY ALL NULLS FIRST`,
  );
  await poolPublishedBins(engine, survey);
  await engine.query(`DROP TABLE ${SLICED}`);
  return { counts, withheld, ms };
}

/** The cube's rows rolled up into every published slice, before anything is withheld. */
const SLICED = 'sliced';
