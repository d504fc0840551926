import { z } from 'zod';
import { SliceResultsSchema, type SliceResults } from '../indicators/result.ts';
import { SurveyObjectSchema, type Survey } from '../survey/survey.ts';
import { siteJson } from './site-files.ts';

/** A report's survey definition, as the build published it. */
export async function loadDefinition(report: string): Promise<Survey> {
  return SurveyObjectSchema.parse(await siteJson(`data/${report}/survey.json`));
}

const ReadyMadeFileSchema = z.record(z.string(), SliceResultsSchema);

/** A file of figures the build computed for views it publishes ready-made, by entry (see `readyMade`). */
export async function readyMadeResults(report: string, file: string): Promise<Record<string, SliceResults>> {
  return ReadyMadeFileSchema.parse(await siteJson(`data/${report}/slices/${file}`));
}
