import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PUBLISHED_FILES } from '../indicators/cube.ts';
import { ReportResultsSchema, type ReportResults } from '../indicators/result.ts';
import { DataQualitySchema, type DataQuality } from '../survey/quality.ts';
import { SurveyObjectSchema, type Survey } from '../survey/survey.ts';

/**
 * Build artifacts, between the data pipeline and the site: per survey, the validated definition, the
 * indicator results, the cube and the ready-made views' figures (a folder). The build sets CX_ARTIFACTS to its staging folder.
 */
export function artifactsDir(): string {
  return process.env.CX_ARTIFACTS ?? join(process.cwd(), '.cx', 'artifacts');
}

/** File names inside a survey's artifact folder. */
export const ARTIFACT_FILES = {
  survey: 'survey.json',
  results: 'results.json',
  cube: PUBLISHED_FILES.cube,
  deepCube: PUBLISHED_FILES.deepCube,
  quality: 'quality.json',
  slices: 'slices',
} as const;

/** Ids of the surveys the pipeline produced, in the order of `index.json`. */
export function readReportIds(dir = artifactsDir()): string[] {
  const index = join(dir, 'index.json');
  if (!existsSync(index)) throw new Error(`no build artifacts in ${dir}: run "npm run build" first`);
  return JSON.parse(readFileSync(index, 'utf8')) as string[];
}

/** A survey's validated definition and its indicator results. */
export interface Report {
  survey: Survey;
  results: ReportResults;
}

// Pages render many charts of one report: read each report once per build (and again once rewritten, as
// the dev server does when its data changes).
const cache = new Map<string, Report>();

/** The validated definition and results of one survey. */
export function readReport(id: string, dir = artifactsDir()): Report {
  const file = (f: string) => join(dir, id, f);
  const key = `${dir}\0${id}\0${statSync(file(ARTIFACT_FILES.results)).mtimeMs}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const read = (f: string): unknown => JSON.parse(readFileSync(file(f), 'utf8'));
  const report = { survey: SurveyObjectSchema.parse(read(ARTIFACT_FILES.survey)), results: ReportResultsSchema.parse(read(ARTIFACT_FILES.results)) };
  for (const k of cache.keys()) if (k.startsWith(`${dir}\0${id}\0`)) cache.delete(k);
  cache.set(key, report);
  return report;
}

/** The data-quality figures of one survey (see `DataQualitySchema`). */
export function readQuality(id: string, dir = artifactsDir()): DataQuality {
  return DataQualitySchema.parse(JSON.parse(readFileSync(join(dir, id, ARTIFACT_FILES.quality), 'utf8')));
}
