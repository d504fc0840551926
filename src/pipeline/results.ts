import type { Engine } from '../engine/engine.ts';
import { compileWhere } from '../filters/where.ts';
import { computeIndicators } from '../indicators/run.ts';
import type { ReportResults } from '../indicators/result.ts';
import { WAVE } from '../survey/dimensions.ts';
import type { Survey } from '../survey/survey.ts';
import { RESPONSES_TABLE } from './responses.ts';

/** Respondents per wave, from the responses table. */
export async function waveCounts(engine: Engine, survey: Survey): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  // The wave column holds the wave's position in the definition.
  for (const r of await engine.query(`SELECT ${WAVE} AS at, count(*) AS n FROM ${RESPONSES_TABLE} GROUP BY ${WAVE}`)) {
    counts[survey.waves[Number(r.at) - 1]!.id] = Number(r.n);
  }
  return counts;
}

/** Every indicator of the survey over every wave, computed from the cube; `counts` are the respondents per wave. */
export async function computeResults(engine: Engine, survey: Survey, counts: Record<string, number>): Promise<ReportResults> {
  const waves = survey.waves.map((w) => w.id);
  const indicators = await computeIndicators(engine, survey, survey.indicators, compileWhere(survey, { dims: {} }), waves);
  return { survey: survey.id, waves, counts, indicators };
}
