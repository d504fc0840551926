import { quoteIdent, type Engine, type Query } from '../engine/engine.ts';
import { hasFixedBands, type Grouping } from '../survey/derived.ts';
import type { Question } from '../survey/question.ts';
import type { Survey } from '../survey/survey.ts';

/** A named column of the responses table and the SQL that computes it. */
export type Column = [name: string, expression: Query];

/** 100 x (x - low) / (high - low) over a scale's possible end points, reversed when low is good; NPS runs 0-10. */
function rescaled(q: Question | undefined, column: string): Query {
  const scale = q?.type === 'rating' ? q.scale : { min: 0, max: 10, good: 'high' as const };
  const [low, high] = scale.good === 'high' ? [scale.min, scale.max] : [scale.max, scale.min];
  return { sql: `100.0 * (${column}::DOUBLE - ?) / (? - ?)`, params: [low, high, low] };
}

/** The mean of the non-blank values among `terms` (NULL when all are blank): their sum over their count. */
function meanOf(terms: { value: Query; column: string }[]): Query {
  return {
    sql: `(${terms.map((t) => `coalesce(${t.value.sql}, 0)`).join(' + ')}) / nullif(${terms.map((t) => `(${t.column} IS NOT NULL)::INTEGER`).join(' + ')}, 0)`,
    params: terms.flatMap((t) => t.value.params),
  };
}

/** Each composite score as a row-level column over the typed answers. */
export function compositeColumns(survey: Survey): Column[] {
  const questions = new Map(survey.questions.map((q) => [q.id, q]));
  return survey.composites.map((c): Column => [
    c.id,
    meanOf(
      c.of.map((id) => {
        const column = quoteIdent(id);
        return { column, value: c.scale === '0-100' ? rescaled(questions.get(id), column) : { sql: `${column}::DOUBLE`, params: [] } };
      }),
    ),
  ]);
}

/**
 * The maturity model as row-level columns over the typed answers, in layers that each refer to the one
 * before (so that nothing is computed twice): each competency is the mean of its skills, each rescaled to
 * 0-100 over its scale's possible end points; the score is Σ weight x competency; the stage is the last
 * stage whose `from` the score reaches.
 */
export function maturityLayers(survey: Survey): Column[][] {
  const m = survey.maturity;
  if (!m) return [];
  const questions = new Map(survey.questions.map((q) => [q.id, q]));
  const competencies = m.competencies.map((c): Column => [c.id, meanOf(c.skills.map((s) => ({ column: quoteIdent(s), value: rescaled(questions.get(s), quoteIdent(s)) })))]);
  const score: Column = [m.score, { sql: m.competencies.map((c) => `? * ${quoteIdent(c.id)}`).join(' + '), params: m.competencies.map((c) => c.weight) }];
  // The stage is held as its position in the definition, like every categorical column.
  const positions = m.stages.map((s, i) => ({ from: s.from, at: i + 1 })).reverse();
  const stage: Column = [
    m.stage,
    { sql: `CASE ${positions.map((s) => `WHEN ${quoteIdent(m.score)} >= ? THEN ${s.at}`).join(' ')} END::UTINYINT`, params: positions.map((s) => s.from) },
  ];
  return [competencies, [score], [stage]];
}

/** The quantiles of each quantile grouping's score at its bands' lower bounds, over one wave's rows (`rows`, a query of the typed wave). */
export async function groupingCuts(engine: Engine, survey: Survey, rows: Query): Promise<Map<string, (number | null)[]>> {
  const groupings = survey.groupings.filter((g) => !hasFixedBands(g));
  if (groupings.length === 0) return new Map();
  // One quantile aggregate per grouping, for all its bounds at once: one sort of the score, not one per bound.
  const lists = groupings.map((g, i) => `quantile_cont(${quoteIdent(g.score)}, [${g.bands.map(() => '?').join(', ')}]) AS q${i}`);
  const items = groupings.flatMap((g, i) => g.bands.map((_, j) => `q${i}[${j + 1}] AS q${i}_${j}`));
  const [row] = await engine.query(`SELECT ${items.join(', ')} FROM (SELECT ${lists.join(', ')} FROM (${rows.sql}))`, [
    ...groupings.flatMap((g) => g.bands.map((b) => b.from ?? null)),
    ...rows.params,
  ]);
  const value = (name: string): number | null => (typeof row?.[name] === 'number' ? row[name] : null);
  return new Map(groupings.map((g, i) => [g.id, g.bands.map((_, j) => value(`q${i}_${j}`))]));
}

/** A row is in the band (held as its position) whose quantile range within its wave holds its score; the last band includes the top. */
function quantileColumn(g: Grouping, cuts: (number | null)[]): Column {
  const score = quoteIdent(g.score);
  const last = g.bands.length - 1;
  const cases = g.bands.map((_, i) => `WHEN ${score} >= ?${i === last ? '' : ` AND ${score} < ?`} THEN ${i + 1}`).join(' ');
  const params = g.bands.flatMap((_, i) => (i === last ? [cuts[i] ?? null] : [cuts[i] ?? null, cuts[i + 1] ?? null]));
  return [g.id, { sql: `CASE ${cases} END::UTINYINT`, params }];
}

/** A row is in the fixed band (held as its position) whose inclusive bounds hold its score; in none (NULL) when no band does or the score is missing. */
function fixedColumn(g: Grouping): Column {
  const score = quoteIdent(g.score);
  const bounds = g.bands.map((b) => [...(b.min === undefined ? [] : [{ sql: `${score} >= ?`, value: b.min }]), ...(b.max === undefined ? [] : [{ sql: `${score} <= ?`, value: b.max }])]);
  const cases = bounds.map((terms, i) => `WHEN ${terms.length ? terms.map((t) => t.sql).join(' AND ') : `${score} IS NOT NULL`} THEN ${i + 1}`).join(' ');
  return [g.id, { sql: `CASE ${cases} END::UTINYINT`, params: bounds.flatMap((terms) => terms.map((t) => t.value)) }];
}

/** Every grouping as a column: fixed bands by their bounds, quantile bands from their cut points in this wave. */
export function groupingColumns(survey: Survey, cuts: Map<string, (number | null)[]>): Column[] {
  return survey.groupings.map((g) => (hasFixedBands(g) ? fixedColumn(g) : quantileColumn(g, cuts.get(g.id) ?? [])));
}
