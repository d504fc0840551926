import { z } from 'zod';
import { CodeSchema, IdSchema, TextSchema } from './text.ts';

/** One listed answer option. */
export const OptionSchema = z
  .object({
    id: IdSchema.describe('Stable id of the option: the key in results, URLs and charts'),
    code: CodeSchema.optional().describe('The value written in the data file for this option (defaults to the id)'),
    label: TextSchema.describe('Label shown to readers'),
    column: z.string().min(1).optional().describe('For multi questions with one column per option: the column holding 1 (chosen) or 0'),
    exclusive: z.boolean().default(false).describe('For multi questions: chosen alone ("none of these")'),
    since: z.string().optional().describe('The wave this option was first offered in: earlier waves show no figure for it, rather than a false 0'),
  })
  .strict();
export type Option = z.infer<typeof OptionSchema>;

/** The text a data file holds for an option. */
export function optionCode(option: Option): string {
  return String(option.code ?? option.id);
}

/** How a question was asked in one wave, when that differs from its definition: or `false`, not asked at all. */
export const WaveChangeSchema = z.union([
  z.literal(false).describe('Not asked in this wave: its figures are left out, so no false change appears'),
  z
    .object({
      column: z.string().min(1).optional().describe("The question's column in this wave's file"),
      codes: z.record(z.string(), CodeSchema).optional().describe("Option id -> the code this wave's file uses for it"),
      columns: z
        .union([z.record(z.string(), z.string().min(1)), z.array(z.string().min(1)).min(1)])
        .optional()
        .describe("Option id -> its column in this wave's file (multi questions with one column per option); or, for multi questions with code columns, the list of this wave's code columns"),
    })
    .strict(),
]);
export type WaveChange = z.infer<typeof WaveChangeSchema>;

const common = {
  id: IdSchema.describe('Question id, used by indicators and charts'),
  label: TextSchema.describe('Question text'),
  short: TextSchema.optional().describe('A short name for charts where the question text does not fit (key-driver quadrants)'),
  required: z.boolean().default(false).describe('A blank answer is an error'),
  missing: z
    .array(CodeSchema)
    .default([])
    .describe('Codes meaning "not applicable" or "don\'t know": valid in the data, excluded from every base (for ratings and numbers: numbers, or texts such as "N/A")'),
  waves: z.record(z.string(), WaveChangeSchema).optional().describe('Wave id -> how this question differs in that wave (renamed column, other codes) or false when it was not asked'),
};
const column = z.string().min(1).describe('Column name in the data files (any text: spaces, slashes and Chinese are fine)');

export const SingleQuestionSchema = z
  .object({ ...common, type: z.literal('single'), column, options: z.array(OptionSchema).min(1) })
  .strict()
  .describe('One choice among listed options');

export const MultiQuestionSchema = z
  .object({
    ...common,
    type: z.literal('multi'),
    column: column.optional().describe('One delimited column holding every chosen code (omit when each option has its own column, or with `columns`)'),
    columns: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('Code columns ("choose up to four": Q4_1 .. Q4_4): each holds the code of one chosen option, blank where fewer were chosen; a code listed twice counts once'),
    delimiter: z.string().min(1).default(';').describe('Separator of codes in the delimited column'),
    options: z.array(OptionSchema).min(1),
  })
  .strict()
  .describe('Several choices among listed options: one column per option, one delimited column, or several code columns');

export const ScaleSchema = z
  .object({
    min: z.number().int().min(-1000).max(1000).describe('Lowest point of the scale (within ±1000)'),
    max: z.number().int().min(-1000).max(1000).describe('Highest point of the scale (within ±1000)'),
    good: z.enum(['high', 'low']).default('high').describe('Which end of the scale is the favourable one'),
    top_box: z.number().int().min(1).default(2).describe('How many points at the good end count as the top box'),
    labels: z.array(TextSchema).optional().describe('Label of each point, from min to max'),
  })
  .strict();
export type Scale = z.infer<typeof ScaleSchema>;

export const RatingQuestionSchema = z
  .object({ ...common, type: z.literal('rating'), column, scale: ScaleSchema })
  .strict()
  .describe('A point on an n-point scale');

export const NpsQuestionSchema = z
  .object({ ...common, type: z.literal('nps'), column })
  .strict()
  .describe('Likelihood to recommend, 0 to 10');

const numberFields = {
  ...common,
  column,
  min: z.number().optional().describe('Smallest valid value'),
  max: z.number().optional().describe('Largest valid value'),
  bin: z.number().positive().optional().describe('Width of the bins the cube counts values in (for example 0.1): needed for medians and percentiles'),
};
export const NumberQuestionSchema = z.object({ ...numberFields, type: z.literal('number') }).strict().describe('A number');
export const SecondsQuestionSchema = z
  .object({ ...numberFields, type: z.literal('seconds') })
  .strict()
  .describe('A duration in seconds');

export const BooleanQuestionSchema = z
  .object({
    ...common,
    type: z.literal('boolean'),
    column,
    true_codes: z.array(CodeSchema).default([1, 'yes', 'true']).describe('Codes meaning yes'),
    false_codes: z.array(CodeSchema).default([0, 'no', 'false']).describe('Codes meaning no'),
  })
  .strict()
  .describe('Yes or no');

export const TextQuestionSchema = z
  .object({ ...common, type: z.literal('text'), column })
  .strict()
  .describe('Free text: read, never published');
export const PiiQuestionSchema = z
  .object({ ...common, type: z.literal('pii'), column })
  .strict()
  .describe('Personal data: read, never published');
export const IgnoreQuestionSchema = z
  .object({ ...common, type: z.literal('ignore'), column: z.string().describe('Column name in the data files; "" for a column with an empty header') })
  .strict()
  .describe('A column the report has no use for (a row index, a timestamp): read, never loaded or published');

/** Any question of the survey, told apart by its type. */
export const QuestionSchema = z.discriminatedUnion('type', [
  SingleQuestionSchema,
  MultiQuestionSchema,
  RatingQuestionSchema,
  NpsQuestionSchema,
  NumberQuestionSchema,
  SecondsQuestionSchema,
  BooleanQuestionSchema,
  TextQuestionSchema,
  PiiQuestionSchema,
  IgnoreQuestionSchema,
]);
export type Question = z.infer<typeof QuestionSchema>;

/** Question types whose answers are numbers (their missing codes must be numbers too). */
export const NUMERIC_TYPES: ReadonlySet<string> = new Set(['rating', 'nps', 'number', 'seconds']);
export type QuestionType = Question['type'];
