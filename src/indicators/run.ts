import type { Engine, Query, Row } from '../engine/engine.ts';
import { dimensionsOf } from '../survey/dimensions.ts';
import { findMeasure } from '../survey/measures.ts';
import type { Indicator } from '../survey/report.ts';
import type { Survey } from '../survey/survey.ts';
import { offeredIn } from '../survey/waves.ts';
import { baseStatus } from './base-rules.ts';
import { compileIndicator, NPS_KEYS } from './compile.ts';
import { driverFigures } from './drivers.ts';
import { annotate } from './significance.ts';
import { effectiveBase } from './stats.ts';
import type { Figure, IndicatorResult } from './result.ts';

/** The keys an indicator reports, in display order. */
export function indicatorKeys(survey: Survey, indicator: Indicator): string[] {
  switch (indicator.kind) {
    case 'share':
      return indicator.options ?? findMeasure(survey, indicator.measure)!.choices.map((c) => c.id);
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
export function shapeFigures(survey: Survey, indicator: Indicator, rows: Row[], wave: string): IndicatorResult {
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
    const status = baseStatus(survey, n, base?.pruned === true);
    for (const key of indicatorKeys(survey, indicator)) {
      const row = mine.find((r) => r.key === key);
      // A key with no row in a non-empty base was chosen by nobody: its share is 0.
      const raw = row ? row.value : n > 0 && indicator.kind === 'share' ? 0 : null;
      const value = status.suppressed || typeof raw !== 'number' || !offered(key) ? null : raw;
      const sd = status.suppressed || typeof row?.sd !== 'number' ? null : row.sd;
      const count = value !== null && (indicator.kind === 'share' || indicator.kind === 'top_box' || (indicator.kind === 'nps' && key !== 'nps')) ? value * w : null;
      figures.push({ group, key, value, sd, count, n, neff: effectiveBase(w, w2), w, w2, ...status });
    }
  }
  return figures;
}

/**
 * Computes one indicator on any engine holding the cube, over the rows that `where` lets through (from
 * `compileWhere` over the full cube, or, over the published cube, a function of the indicator's "by" from
 * `compilePublishedWhere`), for each of `waves`.
 */
export async function computeIndicator(
  engine: Engine,
  survey: Survey,
  indicator: Indicator,
  where: Query | ((by: string | undefined) => Query),
  waves: readonly string[],
): Promise<Record<string, IndicatorResult>> {
  const run = async (ind: Indicator): Promise<Record<string, IndicatorResult>> => {
    const query = compileIndicator(survey, ind, typeof where === 'function' ? where(ind.by) : where);
    const rows = await engine.query(query.sql, query.params);
    const shape = ind.kind === 'drivers' ? driverFigures : shapeFigures;
    return Object.fromEntries(waves.map((w) => [w, shape(survey, ind, rows.filter((r) => r.wave === w), w)]));
  };
  // Each group is tested against the rest of the slice, which needs the slice's own figures.
  const totals = indicator.by === undefined ? undefined : await run({ ...indicator, by: undefined });
  return annotate(indicator, await run(indicator), waves, totals);
}
