import { quoteIdent, type Engine, type SqlParam } from '../engine/engine.ts';
import type { Grouping, Maturity } from '../survey/derived.ts';
import type { Survey } from '../survey/survey.ts';
import { RESPONSES_TABLE } from './responses.ts';

async function addColumn(engine: Engine, name: string, type: string, expression: string, params: SqlParam[]): Promise<void> {
  await engine.query(`ALTER TABLE ${RESPONSES_TABLE} ADD COLUMN ${quoteIdent(name)} ${type}`);
  await engine.query(`UPDATE ${RESPONSES_TABLE} SET ${quoteIdent(name)} = ${expression}`, params);
}

/**
 * Competency score = mean of its skills, each rescaled to 0-100 over its scale's possible end points;
 * maturity score = Σ weight x competency score; stage = the last stage whose `from` the score reaches.
 */
async function deriveMaturity(engine: Engine, survey: Survey, m: Maturity): Promise<void> {
  const scales = new Map(survey.questions.flatMap((q) => (q.type === 'rating' ? [[q.id, q.scale] as const] : [])));
  for (const c of m.competencies) {
    const parts = c.skills.map((s) => `100.0 * (${quoteIdent(s)} - ?) / (? - ?)`);
    const params = c.skills.flatMap((s) => {
      const sc = scales.get(s)!;
      return sc.good === 'high' ? [sc.min, sc.max, sc.min] : [sc.max, sc.min, sc.max];
    });
    await addColumn(engine, c.id, 'DOUBLE', `list_avg([${parts.join(', ')}])`, params);
  }
  const weighted = m.competencies.map((c) => `? * ${quoteIdent(c.id)}`).join(' + ');
  await addColumn(engine, m.score, 'DOUBLE', weighted, m.competencies.map((c) => c.weight));
  const stages = [...m.stages].reverse();
  await addColumn(
    engine,
    m.stage,
    'VARCHAR',
    `CASE ${stages.map(() => `WHEN ${quoteIdent(m.score)} >= ? THEN ?`).join(' ')} END`,
    stages.flatMap((s) => [s.from, s.id]),
  );
}

/** Bands of quantiles of a score within each wave: a row is in the band whose quantile range holds its score. */
async function deriveGrouping(engine: Engine, g: Grouping): Promise<void> {
  const score = quoteIdent(g.score);
  const cuts = g.bands.map((b) => String(b.from));
  const last = g.bands.length - 1;
  // Band i holds scores from the quantile at its `from` up to (not including) the next band's cut.
  const cases = g.bands
    .map((_, i) => `WHEN r.${score} >= q.cut[${i + 1}]${i === last ? '' : ` AND r.${score} < q.cut[${i + 2}]`} THEN ?`)
    .join(' ');
  await engine.query(`ALTER TABLE ${RESPONSES_TABLE} ADD COLUMN ${quoteIdent(g.id)} VARCHAR`);
  await engine.query(
    `WITH q AS (SELECT wave, quantile_cont(${score}, ?::DOUBLE[]) AS cut FROM ${RESPONSES_TABLE} GROUP BY wave)
UPDATE ${RESPONSES_TABLE} AS r SET ${quoteIdent(g.id)} = CASE ${cases} END
FROM q WHERE q.wave = r.wave`,
    [cuts, ...g.bands.map((b) => b.id)],
  );
}

/** Adds every derived measure to the responses table: the maturity model, then the groupings. */
export async function deriveMeasures(engine: Engine, survey: Survey): Promise<void> {
  if (survey.maturity) await deriveMaturity(engine, survey, survey.maturity);
  for (const g of survey.groupings) await deriveGrouping(engine, g);
}
