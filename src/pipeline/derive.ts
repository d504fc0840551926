import { quoteIdent, type Engine, type SqlParam } from '../engine/engine.ts';
import type { Grouping, Maturity } from '../survey/derived.ts';
import type { Survey } from '../survey/survey.ts';
import { RESPONSES_TABLE } from './responses.ts';

/** A derived column: its name and the SQL expression (over the responses table) that computes it. */
interface Derived {
  name: string;
  sql: string;
  params: SqlParam[];
}

/** Rewrites the responses table with derived columns appended; later columns may refer to earlier ones by name. */
async function addColumns(engine: Engine, columns: Derived[], from = RESPONSES_TABLE, fromParams: SqlParam[] = []): Promise<void> {
  if (columns.length === 0) return;
  await engine.query(
    `CREATE OR REPLACE TABLE ${RESPONSES_TABLE} AS SELECT ${RESPONSES_TABLE}.*, ${columns.map((c) => `${c.sql} AS ${quoteIdent(c.name)}`).join(', ')} FROM ${from}`,
    [...columns.flatMap((c) => c.params), ...fromParams],
  );
}

/**
 * Competency score = mean of its skills, each rescaled to 0-100 over its scale's possible end points;
 * maturity score = Σ weight x competency score; stage = the last stage whose `from` the score reaches.
 */
function maturityColumns(survey: Survey, m: Maturity): Derived[] {
  const scales = new Map(survey.questions.flatMap((q) => (q.type === 'rating' ? [[q.id, q.scale] as const] : [])));
  const competencies = m.competencies.map((c): Derived => ({
    name: c.id,
    sql: `list_avg([${c.skills.map((s) => `100.0 * (${quoteIdent(s)} - ?) / (? - ?)`).join(', ')}])`,
    params: c.skills.flatMap((s) => {
      const sc = scales.get(s)!;
      return sc.good === 'high' ? [sc.min, sc.max, sc.min] : [sc.max, sc.min, sc.max];
    }),
  }));
  const score: Derived = { name: m.score, sql: m.competencies.map((c) => `? * ${quoteIdent(c.id)}`).join(' + '), params: m.competencies.map((c) => c.weight) };
  const stages = [...m.stages].reverse();
  const stage: Derived = {
    name: m.stage,
    sql: `CASE ${stages.map(() => `WHEN ${quoteIdent(m.score)} >= ? THEN ?`).join(' ')} END`,
    params: stages.flatMap((s) => [s.from, s.id]),
  };
  return [...competencies, score, stage];
}

/** Bands of quantiles of a score within each wave: a row is in the band whose quantile range holds its score. */
async function deriveGrouping(engine: Engine, g: Grouping): Promise<void> {
  const score = `${RESPONSES_TABLE}.${quoteIdent(g.score)}`;
  const last = g.bands.length - 1;
  // Band i holds scores from the quantile at its `from` up to (not including) the next band's cut.
  const cases = g.bands
    .map((_, i) => `WHEN ${score} >= q.cut[${i + 1}]${i === last ? '' : ` AND ${score} < q.cut[${i + 2}]`} THEN ?`)
    .join(' ');
  await addColumns(
    engine,
    [{ name: g.id, sql: `CASE ${cases} END`, params: g.bands.map((b) => b.id) }],
    `${RESPONSES_TABLE} LEFT JOIN (SELECT wave, quantile_cont(${quoteIdent(g.score)}, ?::DOUBLE[]) AS cut FROM ${RESPONSES_TABLE} GROUP BY wave) AS q USING (wave)`,
    [g.bands.map((b) => String(b.from))],
  );
}

/** Adds every derived measure to the responses table: the maturity model, then the groupings. */
export async function deriveMeasures(engine: Engine, survey: Survey): Promise<void> {
  if (survey.maturity) await addColumns(engine, maturityColumns(survey, survey.maturity));
  for (const g of survey.groupings) await deriveGrouping(engine, g);
}
