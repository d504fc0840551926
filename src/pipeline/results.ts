import type { Engine } from '../engine/engine.ts';
import { compileWhere } from '../filters/where.ts';
import { computeIndicator } from '../indicators/run.ts';
import type { ReportResults } from '../indicators/result.ts';
import type { Survey } from '../survey/survey.ts';
import { RESPONSES_TABLE } from './responses.ts';

/** Every indicator of the survey over every wave, computed from the cube. */
export async function computeResults(engine: Engine, survey: Survey): Promise<ReportResults> {
  const counts: Record<string, number> = {};
  for (const r of await engine.query(`SELECT wave, count(*) AS n FROM ${RESPONSES_TABLE} GROUP BY wave ORDER BY wave`)) {
    counts[String(r.wave)] = Number(r.n);
  }
  const indicators: ReportResults['indicators'] = {};
  const all = compileWhere(survey, { dims: {} });
  const waves = survey.waves.map((w) => w.id);
  for (const ind of survey.indicators) indicators[ind.id] = await computeIndicator(engine, survey, ind, all, waves);
  return { survey: survey.id, waves: survey.waves.map((w) => w.id), counts, indicators };
}
