import { z } from 'zod';
import { BatterySchema } from './battery.ts';
import { CompositeSchema, MaturitySchema, GroupingSchema } from './derived.ts';
import { OptionSchema, QuestionSchema } from './question.ts';
import { ChartSchema, IndicatorSchema, KpiSchema, TargetSchema } from './report.ts';
import { CodeSchema, IdSchema, TextSchema } from './text.ts';

/** One wave: a survey year and its data file. */
export const WaveSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, - or _').describe('Wave label, such as 2025'),
    file: z.string().min(1).describe('Data file of this wave (.csv, .parquet, SPSS .sav or Excel .xlsx), relative to survey.yaml'),
    sheet: z.string().min(1).optional().describe('For an .xlsx file: the sheet holding the answers (default: the first sheet)'),
  })
  .strict();
export type Wave = z.infer<typeof WaveSchema>;

/** A column readers may filter by, with its labelled values. */
export const SegmentSchema = z
  .object({
    id: IdSchema,
    column: z.string().min(1).describe('Column name in the data files'),
    label: TextSchema,
    options: z.array(OptionSchema).min(1),
    required: z.boolean().default(true).describe('A blank value is an error'),
    missing: z
      .array(CodeSchema)
      .default([])
      .describe('Codes meaning "not stated" (such as 9): valid in the data, counted in every figure not split by this segment, but in none of its filter options or "by" groups'),
  })
  .strict();
export type Segment = z.infer<typeof SegmentSchema>;

/** The fields of `data/<survey>/survey.yaml`; `SurveySchema` adds the checks across fields. */
export const SurveyObjectSchema = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower case letters, digits and -').describe('Survey id: the name of its folder under data/, used in URLs'),
    title: TextSchema,
    description: TextSchema,
    source: TextSchema.describe('Source line printed under every chart'),
    synthetic: z.boolean().default(false).describe('The data are synthetic; the site says so'),
    unit: TextSchema.describe('What one row is: a respondent, an evaluation...'),
    id_column: z.string().describe('Column holding the unique id of each row; "" for a column with an empty header'),
    weight_column: z.string().min(1).optional().describe('Column holding a positive weight per row'),
    min_base: z.number().int().positive().default(30).describe('Figures with a smaller base are marked low-base'),
    suppress_below: z.number().int().positive().default(10).describe('Figures with a smaller base are not shown'),
    waves: z.array(WaveSchema).min(1).describe('Waves in time order, oldest first'),
    segments: z.array(SegmentSchema).default([]),
    questions: z.array(QuestionSchema).min(1),
    composites: z.array(CompositeSchema).default([]).describe('Scores per row averaged over several questions'),
    maturity: MaturitySchema.optional(),
    groupings: z.array(GroupingSchema).default([]),
    batteries: z.array(BatterySchema).default([]).describe('Rating questions on one scale reported together: an indicator with "battery" gives a figure per item'),
    indicators: z.array(IndicatorSchema).default([]),
    charts: z.array(ChartSchema).default([]),
    kpis: z.array(KpiSchema).default([]),
    targets: z.array(TargetSchema).default([]),
  })
  .strict();
/** A survey definition after validation, defaults filled in. */
export type Survey = z.infer<typeof SurveyObjectSchema>;
/** A survey definition as an analyst writes it. */
export type SurveyInput = z.input<typeof SurveyObjectSchema>;
