import { SurveyObjectSchema } from './survey.ts';
import { checkReferences } from './references.ts';

/** The survey definition with every check across fields: what `survey.yaml` is validated against. */
export const SurveySchema = SurveyObjectSchema.superRefine(checkReferences);
