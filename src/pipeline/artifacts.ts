import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReportResultsSchema, type ReportResults } from '../indicators/result.ts';
import { SurveyObjectSchema, type Survey } from '../survey/survey.ts';

/**
 * Build artifacts, between the data pipeline and the site: per survey, the validated definition, the
 * indicator results and the cube. The build sets CX_ARTIFACTS to its staging folder.
 */
export function artifactsDir(): string {
  return process.env.CX_ARTIFACTS ?? join(process.cwd(), '.cx', 'artifacts');
}

/** File names inside a survey's artifact folder. */
export const ARTIFACT_FILES = { survey: 'survey.json', results: 'results.json', cube: 'cube.arrow' } as const;

/** Ids of the surveys the pipeline produced, in the order of `index.json`. */
export function readReportIds(dir = artifactsDir()): string[] {
  const index = join(dir, 'index.json');
  if (!existsSync(index)) throw new Error(`no build artifacts in ${dir}: run "npm run build" first`);
  return JSON.parse(readFileSync(index, 'utf8')) as string[];
}

/** The validated definition and results of one survey. */
export function readReport(id: string, dir = artifactsDir()): { survey: Survey; results: ReportResults } {
  const read = (f: string): unknown => JSON.parse(readFileSync(join(dir, id, f), 'utf8'));
  return { survey: SurveyObjectSchema.parse(read(ARTIFACT_FILES.survey)), results: ReportResultsSchema.parse(read(ARTIFACT_FILES.results)) };
}
