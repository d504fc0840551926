import { quoteIdent, type Query } from '../engine/engine.ts';
import { findMeasure } from '../survey/measures.ts';
import type { ItemIndicator } from '../survey/battery.ts';
import { pairsOf, type Indicator } from '../survey/report.ts';
import type { Survey } from '../survey/survey.ts';
import { CUBE_TABLE } from './cube.ts';

/** NPS groups on the 0-10 scale: promoters answer 9 or 10, detractors 0 to 6. */
export const NPS_PROMOTER_MIN = 9;
export const NPS_DETRACTOR_MAX = 6;

/** Keys of the figures an NPS indicator returns. */
export const NPS_KEYS = ['nps', 'promoters', 'passives', 'detractors'] as const;

const ALL: Query = { sql: 'TRUE', params: [] };

/**
 * What of the slice the published cube withheld for a small base (marker rows with a NULL n, for the measure
 * or, with a NULL measure, for the whole part): 0 nothing, 1 the slice itself (its only part), 2 some of its
 * several parts (values of a dimension taken together), whose total is then unknown. The figure is suppressed
 * in both cases, since the rest of the slice alone would misstate it. The build's own cube withholds nothing.
 */
const PRUNED = 'CASE WHEN NOT coalesce(bool_or(n IS NULL), false) THEN 0 WHEN count(*) = 1 THEN 1 ELSE 2 END AS pruned';

const marks = (values: readonly string[]) => values.map(() => '?').join(', ');

/**
 * The rows of the cube for each of `measures` (as column m), beside the markers of parts withheld whole (a
 * NULL measure), which count for every one of them: FROM and the start of WHERE.
 */
function eachMeasure(measures: readonly string[]): Query {
  return {
    sql: `FROM ${CUBE_TABLE}, unnest(CASE WHEN measure IS NULL THEN [${marks(measures)}]::VARCHAR[] ELSE [measure] END) AS measures(m)
  WHERE (measure IN (${marks(measures)}) OR measure IS NULL)`,
    params: [...measures, ...measures],
  };
}

/** Base rows of each measure per group: unweighted base, weight sums and moments. */
function baseCte(measures: readonly string[], group: string, where: Query): Query {
  const rows = eachMeasure(measures);
  return {
    sql: `base AS (SELECT wave, ${group} AS grp, m AS measure, sum(n)::DOUBLE AS n, sum(w) AS w, sum(w2) AS w2, sum(wx) AS wx, sum(wxx) AS wxx, ${PRUNED}
  ${rows.sql} AND value IS NULL AND (${where.sql}) GROUP BY ALL)`,
    params: [...rows.params, ...where.params],
  };
}

/** Value rows of each measure per group that match `condition`, reduced by `select`. */
function partCte(measures: readonly string[], group: string, where: Query, select: Query, condition: Query = ALL): Query {
  return {
    sql: `part AS (SELECT wave, ${group} AS grp, measure, ${select.sql} FROM ${CUBE_TABLE}
  WHERE measure IN (${marks(measures)}) AND value IS NOT NULL AND (${condition.sql}) AND (${where.sql}) GROUP BY ALL)`,
    params: [...select.params, ...measures, ...condition.params, ...where.params],
  };
}

/** Joins each group's base with its parts, measure by measure; `select` reads b (base) and p (part). */
function joined(base: Query, part: Query, select: string, extra = ''): Query {
  return {
    sql: `WITH ${base.sql}, ${part.sql}
SELECT b.wave, b.grp, b.measure, ${select} FROM base b LEFT JOIN part p ON b.wave = p.wave AND b.grp IS NOT DISTINCT FROM p.grp AND b.measure = p.measure ${extra}`,
    params: [...base.params, ...part.params],
  };
}

/** The top box of each scale: its `top_box` points at the good end. */
function topBoxCondition(survey: Survey, measures: readonly string[]): Query {
  const each = measures.map((id): Query => {
    const scale = findMeasure(survey, id)?.scale;
    if (!scale) throw new Error(`invalid indicator: "${id}" has no scale`);
    return scale.good === 'high'
      ? { sql: '(measure = ? AND x >= ?)', params: [id, scale.max - scale.top_box + 1] }
      : { sql: '(measure = ? AND x <= ?)', params: [id, scale.min + scale.top_box - 1] };
  });
  return { sql: each.map((q) => q.sql).join(' OR '), params: each.flatMap((q) => q.params) };
}

/**
 * Weighted Pearson correlations of each pair over the rows answering both (n, w, w2 their base), and the
 * mean of the pair's second measure (mean_b): (Σw·Σwxy − Σwx·Σwy) / √((Σw·Σwxx − (Σwx)²)(Σw·Σwyy − (Σwy)²)).
 * A part withheld whole counts in every pair, as it does in other indicators' bases.
 */
function correlations(pairs: string[], where: Query): Query {
  const rows = eachMeasure(pairs);
  return {
    sql: `SELECT wave, NULL::VARCHAR AS grp, NULL::VARCHAR AS measure, m AS key, sum(n)::DOUBLE AS n, sum(w) AS w, sum(w2) AS w2,
  (sum(w) * sum(wxy) - sum(wx) * sum(wy)) / sqrt(nullif(greatest(sum(w) * sum(wxx) - sum(wx) * sum(wx), 0) * greatest(sum(w) * sum(wyy) - sum(wy) * sum(wy), 0), 0)) AS value,
  NULL::DOUBLE AS sd, sum(wy) / sum(w) AS mean_b, ${PRUNED}
${rows.sql} AND (${where.sql}) GROUP BY wave, m`,
    params: [...rows.params, ...where.params],
  };
}

/**
 * The smallest counted value whose cumulative weight reaches `at` of the base (the inverse of the weighted
 * distribution function): exact for scale points, within one bin for binned numbers.
 */
function percentile(measure: string, group: string, where: Query, at: number): Query {
  const base = baseCte([measure], group, where);
  const part = partCte([measure], group, where, { sql: 'x, sum(w) AS wk', params: [] });
  return {
    sql: `WITH ${base.sql}, ${part.sql},
cum AS (SELECT wave, grp, x, sum(wk) OVER (PARTITION BY wave, grp ORDER BY x ROWS UNBOUNDED PRECEDING) AS cw FROM part)
SELECT b.wave, b.grp, b.measure, 'percentile' AS key, b.n, b.w, b.w2, b.pruned, min(c.x) FILTER (WHERE c.cw >= ? * b.w * (1 - 1e-12)) AS value, NULL::DOUBLE AS sd
FROM base b LEFT JOIN cum c ON b.wave = c.wave AND b.grp IS NOT DISTINCT FROM c.grp GROUP BY b.wave, b.grp, b.measure, b.n, b.w, b.w2, b.pruned`,
    params: [...base.params, ...part.params, at],
  };
}

/** The measures of the cube an indicator's query reads, beside the rows with no measure (markers of withheld slices). */
export function measuresRead(indicator: ItemIndicator): string[] {
  return indicator.kind === 'drivers' ? pairsOf([indicator]).map((p) => p.id) : [indicator.measure];
}

/**
 * Whether two indicators are computed by one query (see `compileIndicators`): of one kind and one "by", a kind
 * whose figures depend on the measure alone. A query's fixed cost outweighs its scan of a slice many times
 * over: the 1M report's overview page (five shares, two top boxes) takes 8.4 ms a slice in duckdb-wasm
 * instead of 14.5 with a query per indicator (medians of 30 runs, in Node).
 */
export function sameQuery(a: Indicator, b: Indicator): boolean {
  return a.kind === b.kind && a.by === b.by && a.kind !== 'percentile' && a.kind !== 'drivers';
}

/**
 * The SQL of indicators over the cube, restricted by `where` (from `compileWhere`): one indicator, or several
 * that `sameQuery` allows together. Every query returns rows of wave, grp (value of the "by" dimension, or
 * NULL), measure (NULL for key drivers), key, n (unweighted base), w and w2 (weight sums, for the effective
 * base), value and sd, for each wave the condition lets through, in no order. Shares are weighted: Σw of
 * those choosing / Σw of the base.
 */
export function compileIndicators(survey: Survey, indicators: readonly ItemIndicator[], where: Query): Query {
  const [first] = indicators;
  if (!first || indicators.some((i) => i !== first && !sameQuery(first, i))) throw new Error(`indicators ${indicators.map((i) => i.id).join(', ')} need queries of their own`);
  const measures = [...new Set(indicators.map((i) => i.measure))];
  const group = first.by === undefined ? 'NULL::VARCHAR' : quoteIdent(first.by);
  const base = () => baseCte(measures, group, where);
  const share = 'coalesce(p.wk, 0) / b.w AS value, NULL::DOUBLE AS sd';
  switch (first.kind) {
    case 'share':
      return joined(base(), partCte(measures, group, where, { sql: 'value AS key, sum(w) AS wk', params: [] }), `p.key, b.n, b.w, b.w2, b.pruned, ${share}`);
    case 'top_box':
      return joined(
        base(),
        partCte(measures, group, where, { sql: 'sum(w) AS wk', params: [] }, topBoxCondition(survey, measures)),
        `'top_box' AS key, b.n, b.w, b.w2, b.pruned, ${share}`,
      );
    case 'nps':
      return joined(
        base(),
        partCte(measures, group, where, {
          sql: 'sum(w) FILTER (WHERE x >= ?) AS wp, sum(w) FILTER (WHERE x <= ?) AS wd',
          params: [NPS_PROMOTER_MIN, NPS_DETRACTOR_MAX],
        }),
        `k.key, b.n, b.w, b.w2, b.pruned, CASE k.key
    WHEN 'nps' THEN 100 * (coalesce(p.wp, 0) - coalesce(p.wd, 0)) / b.w
    WHEN 'promoters' THEN coalesce(p.wp, 0) / b.w
    WHEN 'detractors' THEN coalesce(p.wd, 0) / b.w
    ELSE (b.w - coalesce(p.wp, 0) - coalesce(p.wd, 0)) / b.w END AS value, NULL::DOUBLE AS sd`,
        `CROSS JOIN (VALUES ${NPS_KEYS.map((k) => `('${k}')`).join(', ')}) AS k(key)`,
      );
    case 'percentile':
      return percentile(first.measure, group, where, first.at ?? 0.5);
    case 'drivers':
      return correlations(measuresRead(first), where);
    case 'mean': {
      const { sql, params } = base();
      return {
        sql: `WITH ${sql}
SELECT wave, grp, measure, 'mean' AS key, n, w, w2, pruned, wx / w AS value,
  CASE WHEN n > 1 THEN sqrt(greatest(wxx - wx * wx / w, 0) / w * n / (n - 1)) END AS sd FROM base`,
        params,
      };
    }
  }
}
