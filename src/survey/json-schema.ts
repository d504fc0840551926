import { z } from 'zod';
import { SurveyObjectSchema } from './survey.ts';

/** The JSON Schema of `survey.yaml`, from the same zod schema, for editors to complete and check. */
export function surveyJsonSchema(): object {
  return z.toJSONSchema(SurveyObjectSchema, { io: 'input', unrepresentable: 'any' });
}
