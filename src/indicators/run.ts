import type { Engine, Query, Row } from '../engine/engine.ts';
import { inlineParams } from '../engine/literals.ts';
import { CHOSEN_TABLE, SLICE_SETTINGS } from '../engine/session.ts';
import { dimensionsOf } from '../survey/dimensions.ts';
import { findMeasure } from '../survey/measures.ts';
import { itemIndicators, type ItemIndicator } from '../survey/battery.ts';
import type { Indicator } from '../survey/report.ts';
import type { Survey } from '../survey/survey.ts';
import { offeredIn } from '../survey/waves.ts';
import { baseStatus, prunedOf } from './base-rules.ts';
import { compileIndicators, measuresRead, NPS_KEYS, sameQuery } from './compile.ts';
import { CUBE_TABLE, PUBLISHED_CUBE_TABLE } from './cube.ts';
import { driverFigures } from './drivers.ts';
import { batteryKeys, keyByItem } from './items.ts';
import { annotate } from './significance.ts';
import { effectiveBase, share } from './stats.ts';
import type { Figure, IndicatorResult, SliceResults } from './result.ts';

/** The keys an indicator reports, in display order. */
export function indicatorKeys(survey: Survey, indicator: Indicator): string[] {
  if (indicator.battery !== undefined) return batteryKeys(survey, indicator);
  switch (indicator.kind) {
    case 'share':
      return indicator.options ?? findMeasure(survey, indicator.measure!)!.choices.map((c) => c.id);
    case 'top_box':
      return ['top_box'];
    case 'mean':
      return ['mean'];
    case 'nps':
      return [...NPS_KEYS];
    case 'percentile':
      return ['percentile'];
    case 'drivers':
      return indicator.drivers ?? [];
  }
}

const HEADLINE: Record<Indicator['kind'], string> = { share: 'top_box', top_box: 'top_box', mean: 'mean', nps: 'nps', percentile: 'percentile', drivers: '' };

/** The key a single figure of an indicator stands for by default (key drivers have none: no KPI tile shows them): the score, the mean or the top box. */
export function headlineKey(indicator: Indicator): string {
  return HEADLINE[indicator.kind];
}

/** The groups an indicator reports: every value of its "by" dimension, or the whole slice (null). */
export function indicatorGroups(survey: Survey, indicator: Indicator): (string | null)[] {
  if (indicator.by === undefined) return [null];
  return dimensionsOf(survey).find((d) => d.id === indicator.by)!.choices.map((c) => c.id);
}

const num = (v: Row[string] | undefined): number => (typeof v === 'number' ? v : 0);

/** Turns the rows of an indicator query into figures: every group x key, zeros filled, base rules applied. */
export function shapeFigures(survey: Survey, indicator: ItemIndicator, rows: Row[], wave: string): IndicatorResult {
  const figures: Figure[] = [];
  // An option added in a later wave was not offered in this one: no figure rather than a false 0.
  const options = new Map(survey.questions.flatMap((q) => (q.id === indicator.measure && (q.type === 'single' || q.type === 'multi') ? q.options : [])).map((o) => [o.id, o]));
  const offered = (key: string) => { const o = options.get(key); return o === undefined || offeredIn(survey, o, wave); };
  for (const group of indicatorGroups(survey, indicator)) {
    const mine = rows.filter((r) => (r.grp ?? null) === group);
    const base = mine[0];
    const n = num(base?.n);
    const w = num(base?.w);
    const w2 = num(base?.w2);
    const status = baseStatus(survey, n, prunedOf(base?.pruned));
    for (const key of indicatorKeys(survey, indicator)) {
      const row = mine.find((r) => r.key === key);
      // A key with no row in a non-empty base was chosen by nobody: its share is 0.
      const raw = row ? row.value : n > 0 && indicator.kind === 'share' ? 0 : null;
      const proportion = indicator.kind === 'share' || indicator.kind === 'top_box' || (indicator.kind === 'nps' && key !== 'nps');
      // A ratio of weight sums may land a rounding step outside 0-1: published as 0 or 1.
      const value = status.suppressed || typeof raw !== 'number' || !offered(key) ? null : proportion ? share(raw) : raw;
      const sd = status.suppressed || typeof row?.sd !== 'number' ? null : row.sd;
      const count = value !== null && proportion ? value * w : null;
      figures.push({ group, key, value, sd, count, n, neff: effectiveBase(w, w2), w, w2, ...status });
    }
  }
  return figures;
}

/** Where an indicator query reads from: a condition over the cube (see `computeIndicators`). */
export type IndicatorWhere = Query | ((by: string | undefined) => Query);

/** One statement computing indicators, and how its rows become their figures. */
interface IndicatorsStatement {
  query: Query;
  read(rows: Row[]): Record<string, Record<string, IndicatorResult>>;
}

/**
 * The statement computing `indicators` over the rows of the cube that `where` lets through (from
 * `compileWhere` over the full cube, or a function of the indicator's "by" from `publishedSlice`), for each
 * of `waves`. All of them run as one statement: a query's fixed cost (planning, a round trip to the
 * browser's worker) outweighs its scan of the cube many times over. With `source` (a SELECT over the
 * published cube that keeps only the rows of one slice), the cube is that slice, read once for every indicator.
 */
function indicatorsStatement(survey: Survey, indicators: readonly Indicator[], where: IndicatorWhere, waves: readonly string[], source?: Query): IndicatorsStatement {
  // Each group is tested against the rest of the slice, which needs the slice's own figures: one more run.
  const runs = indicators.flatMap((ind) => (ind.by === undefined ? [ind] : [ind, { ...ind, by: undefined }]));
  // A battery runs as one indicator per item; runs that one query computes together (see sameQuery), and which query computes each.
  const items = runs.map((run) => itemIndicators(survey.batteries, run));
  const together: ItemIndicator[][] = [];
  const queryOf = items.flat().map((run) => {
    const known = together.findIndex((q) => sameQuery(q[0]!, run));
    if (known >= 0) {
      together[known]!.push(run);
      return known;
    }
    together.push([run]);
    return together.length - 1;
  });
  const queries = together.map((q) => compileIndicators(survey, q, typeof where === 'function' ? where(q[0]!.by) : where));
  const sql = [
    source ? `WITH ${CUBE_TABLE} AS MATERIALIZED (${source.sql})` : '',
    queries.map((q, i) => `SELECT ${i} AS query, * FROM (${q.sql})`).join('\nUNION ALL BY NAME\n'),
  ].join('\n');
  const read = (rows: Row[]) => {
    const byQuery = queries.map((): Row[] => []);
    for (const r of rows) byQuery[Number(r.query)]!.push(r);
    let at = 0;
    const shaped = runs.map((run, i) => {
      const byItem = items[i]!.map((ind) => {
        const shape = ind.kind === 'drivers' ? driverFigures : shapeFigures;
        const query = queryOf[at++]!;
        const mine = ind.kind === 'drivers' ? byQuery[query]! : byQuery[query]!.filter((r) => r.measure === ind.measure);
        return waves.map((w) => shape(survey, ind, mine.filter((r) => r.wave === w), w));
      });
      const merged = (w: number) => (run.battery === undefined ? byItem[0]![w]! : byItem.flatMap((f, j) => keyByItem(run, items[i]![j]!.measure, f[w]!)));
      return Object.fromEntries(waves.map((w, j) => [w, merged(j)]));
    });
    const out: Record<string, Record<string, IndicatorResult>> = {};
    let next = 0;
    for (const ind of indicators) {
      const own = shaped[next++]!;
      const totals = ind.by === undefined ? undefined : shaped[next++];
      out[ind.id] = annotate(ind, own, waves, totals && { totals, suppressBelow: survey.suppress_below });
    }
    return out;
  };
  return { query: { sql, params: [...(source?.params ?? []), ...queries.flatMap((q) => q.params)] }, read };
}

/** Computes indicators on any engine holding the cube, over the rows that `where` lets through, for each of `waves` (see `indicatorsStatement`). */
export async function computeIndicators(
  engine: Engine,
  survey: Survey,
  indicators: readonly Indicator[],
  where: IndicatorWhere,
  waves: readonly string[],
): Promise<Record<string, Record<string, IndicatorResult>>> {
  if (!indicators.length) return {};
  const statement = indicatorsStatement(survey, indicators, where, waves);
  return statement.read(await engine.query(statement.query.sql, statement.query.params));
}

/**
 * A slice of the published cube (see `publishedSlice` in filters): the values chosen, by dimension; the
 * condition on the rows the indicators of any slice of its shape (the same dimensions filtered) may read; the
 * condition that keeps this slice's among them, which reads the chosen values from CHOSEN_TABLE; and each
 * indicator's condition on those rows by its "by". No condition names a value.
 */
export interface PublishedSlice {
  chosen: (readonly [string, string])[];
  shape: string;
  rows: Query;
  where: (by: string | undefined) => string;
}

/** Computes indicators over slices of the published cube, one slice at a time, on one connection (see `sliceComputer`). */
export interface SliceComputer {
  compute(indicators: readonly Indicator[], slice: PublishedSlice): Promise<SliceResults>;
}

/**
 * Indicators over slices of the published cube, every wave: what the browser runs in duckdb-wasm for a
 * filtered view, and what the build runs natively for the views it publishes ready-made. The statement of a
 * slice depends on the indicators and on which dimensions are filtered, not on the values chosen, which it
 * reads from a temporary table: it is prepared once, and each slice of the same shape only runs it. Planning
 * took most of a slice's time (the 1M report's overview page, 7 indicators, in duckdb-wasm: 170-230 ms a
 * slice planned each time, 65-115 ms prepared), with the settings such statements need (SLICE_SETTINGS, set
 * here). The rows of the cube a statement may read (its shape's, of its indicators' measures) are copied to a
 * table of their own when it is prepared, so that each slice scans them and not the whole cube (the 1M
 * report's overview page: 5,088 rows of 41,511, and a slice in 10 ms instead of 17 natively, on one thread):
 * the cube must hold every row of the shape by then. Slices are computed one after another: they share the
 * table of chosen values.
 */
export function sliceComputer(engine: Engine, survey: Survey): SliceComputer {
  const waves = survey.waves.map((w) => w.id);
  const prepared = new Map<string, string>();
  /** Tables of the rows statements read, by their condition on the published cube. */
  const parts = new Map<string, string>();
  const table = (async () => {
    for (const setting of SLICE_SETTINGS) await engine.query(setting);
    await engine.query(`CREATE OR REPLACE TEMP TABLE ${CHOSEN_TABLE} (dim VARCHAR, value VARCHAR)`);
  })();
  let queue: Promise<unknown> = table;
  const statementOf = async (indicators: readonly Indicator[], slice: PublishedSlice) => {
    await table;
    // Only the rows of the measures these indicators read: every indicator's query scans the slice.
    const measures = [...new Set(indicators.flatMap((ind) => itemIndicators(survey.batteries, ind)).flatMap(measuresRead))];
    const part = inlineParams(`${slice.shape} AND (measure IS NULL OR measure IN (${measures.map(() => '?').join(', ')}))`, measures);
    let rows = parts.get(part);
    if (rows === undefined) {
      rows = `slice_rows_${parts.size}`;
      await engine.query(`CREATE OR REPLACE TEMP TABLE ${rows} AS SELECT * FROM ${PUBLISHED_CUBE_TABLE} WHERE ${part}`);
      parts.set(part, rows);
    }
    const source = { sql: `SELECT * FROM ${rows} WHERE ${slice.rows.sql}`, params: slice.rows.params };
    const statement = indicatorsStatement(survey, indicators, (by) => ({ sql: slice.where(by), params: [] }), waves, source);
    const text = inlineParams(statement.query.sql, statement.query.params);
    let name = prepared.get(text);
    if (name === undefined) {
      name = `slice_${prepared.size}`;
      await engine.query(`PREPARE ${name} AS ${text}`);
      prepared.set(text, name);
    }
    return { name, read: statement.read };
  };
  const run = async (indicators: readonly Indicator[], slice: PublishedSlice): Promise<SliceResults> => {
    // No indicator reads no rows: there is no statement to prepare (its list of measures would be empty).
    if (!indicators.length) return {};
    const { name, read } = await statementOf(indicators, slice);
    // One text, one trip to the engine (a worker, in the browser): the values in, then the statement run.
    const fill = slice.chosen.length ? [inlineParams(`INSERT INTO ${CHOSEN_TABLE} VALUES ${slice.chosen.map(() => '(?, ?)').join(', ')}`, slice.chosen.flat())] : [];
    return read(await engine.query([`DELETE FROM ${CHOSEN_TABLE}`, ...fill, `EXECUTE ${name}`].join('; ')));
  };
  return {
    compute(indicators, slice) {
      const result = queue.then(() => run(indicators, slice));
      queue = result.catch(() => undefined);
      return result;
    },
  };
}

/** One indicator: `computeIndicators` for a single one. */
export async function computeIndicator(
  engine: Engine,
  survey: Survey,
  indicator: Indicator,
  where: IndicatorWhere,
  waves: readonly string[],
): Promise<Record<string, IndicatorResult>> {
  return (await computeIndicators(engine, survey, [indicator], where, waves))[indicator.id]!;
}
