import { quoteIdent, type Engine, type Query } from '../engine/engine.ts';
import type { Grouping } from '../survey/derived.ts';
import type { Survey } from '../survey/survey.ts';

/** A named column of the responses table and the SQL that computes it. */
export type Column = [name: string, expression: Query];

/**
 * The maturity model as row-level columns over the typed answers, in layers that each refer to the one
 * before (so that nothing is computed twice): each competency is the mean of its skills, each rescaled to
 * 0-100 over its scale's possible end points; the score is Σ weight x competency; the stage is the last
 * stage whose `from` the score reaches.
 */
export function maturityLayers(survey: Survey): Column[][] {
  const m = survey.maturity;
  if (!m) return [];
  const scales = new Map(survey.questions.flatMap((q) => (q.type === 'rating' ? [[q.id, q.scale] as const] : [])));
  // Each skill rescaled to 0-100; the mean skips unanswered skills (sum of the answered over their count).
  const competencies = m.competencies.map((c): Column => {
    const points = c.skills.map((s) => `100.0 * (${quoteIdent(s)}::DOUBLE - ?) / (? - ?)`);
    const answered = c.skills.map((s) => `(${quoteIdent(s)} IS NOT NULL)::INTEGER`);
    return [
      c.id,
      {
        sql: `(${points.map((p) => `coalesce(${p}, 0)`).join(' + ')}) / nullif(${answered.join(' + ')}, 0)`,
        params: c.skills.flatMap((s) => {
          const sc = scales.get(s)!;
          return sc.good === 'high' ? [sc.min, sc.max, sc.min] : [sc.max, sc.min, sc.max];
        }),
      },
    ];
  });
  const score: Column = [m.score, { sql: m.competencies.map((c) => `? * ${quoteIdent(c.id)}`).join(' + '), params: m.competencies.map((c) => c.weight) }];
  // The stage is held as its position in the definition, like every categorical column.
  const positions = m.stages.map((s, i) => ({ from: s.from, at: i + 1 })).reverse();
  const stage: Column = [
    m.stage,
    { sql: `CASE ${positions.map((s) => `WHEN ${quoteIdent(m.score)} >= ? THEN ${s.at}`).join(' ')} END::UTINYINT`, params: positions.map((s) => s.from) },
  ];
  return [competencies, [score], [stage]];
}

/** The quantiles of each grouping's score at its bands' lower bounds, over one wave's rows (`rows`, a query of the typed wave). */
export async function groupingCuts(engine: Engine, survey: Survey, rows: Query): Promise<Map<string, (number | null)[]>> {
  if (survey.groupings.length === 0) return new Map();
  // One quantile aggregate per grouping, for all its bounds at once: one sort of the score, not one per bound.
  const lists = survey.groupings.map((g, i) => `quantile_cont(${quoteIdent(g.score)}, [${g.bands.map(() => '?').join(', ')}]) AS q${i}`);
  const items = survey.groupings.flatMap((g, i) => g.bands.map((_, j) => `q${i}[${j + 1}] AS q${i}_${j}`));
  const [row] = await engine.query(`SELECT ${items.join(', ')} FROM (SELECT ${lists.join(', ')} FROM (${rows.sql}))`, [
    ...survey.groupings.flatMap((g) => g.bands.map((b) => b.from)),
    ...rows.params,
  ]);
  const value = (name: string): number | null => (typeof row?.[name] === 'number' ? row[name] : null);
  return new Map(survey.groupings.map((g, i) => [g.id, g.bands.map((_, j) => value(`q${i}_${j}`))]));
}

/** A row is in the band (held as its position) whose quantile range within its wave holds its score; the last band includes the top. */
function groupingColumn(g: Grouping, cuts: (number | null)[]): Column {
  const score = quoteIdent(g.score);
  const last = g.bands.length - 1;
  const cases = g.bands.map((_, i) => `WHEN ${score} >= ?${i === last ? '' : ` AND ${score} < ?`} THEN ${i + 1}`).join(' ');
  const params = g.bands.flatMap((_, i) => (i === last ? [cuts[i] ?? null] : [cuts[i] ?? null, cuts[i + 1] ?? null]));
  return [g.id, { sql: `CASE ${cases} END::UTINYINT`, params }];
}

/** Every grouping as a column, from its cut points in this wave. */
export function groupingColumns(survey: Survey, cuts: Map<string, (number | null)[]>): Column[] {
  return survey.groupings.map((g) => groupingColumn(g, cuts.get(g.id) ?? []));
}
