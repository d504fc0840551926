import { z } from 'zod';
import { IdSchema, TextSchema } from './text.ts';

/**
 * A score per row: the mean of several numeric answers (ratings, NPS, numbers, seconds) the row gave, for
 * example an experience dimension over its indicators. On `0-100`, each rating is first rescaled over its
 * scale's possible end points (reversed when low is good), so scales of different lengths can be averaged.
 */
export const CompositeSchema = z
  .object({
    id: IdSchema,
    label: TextSchema,
    of: z.array(IdSchema).min(1).describe('Ids of the questions averaged: ratings, NPS, numbers or seconds'),
    scale: z.enum(['native', '0-100']).default('native').describe('native: the plain mean; 0-100: ratings and NPS rescaled to 0-100 first'),
  })
  .strict();
export type Composite = z.infer<typeof CompositeSchema>;

/** A competency: a weighted part of the maturity score, the mean of its skills rescaled to 0-100. */
export const CompetencySchema = z
  .object({
    id: IdSchema,
    label: TextSchema,
    weight: z.number().positive().describe('Weight of this competency in the maturity score; weights sum to 1'),
    skills: z.array(IdSchema).min(1).describe('Ids of the rating questions that make up this competency'),
  })
  .strict();

/** A maturity stage: respondents whose score is at least `from` (and under the next stage's `from`). */
export const StageSchema = z
  .object({
    id: IdSchema,
    label: TextSchema,
    from: z.number().min(0).max(100).describe('Lowest maturity score (0-100) in this stage'),
    description: TextSchema.optional(),
  })
  .strict();

/** Skills -> weighted competency scores -> total score -> stages by cut points. */
export const MaturitySchema = z
  .object({
    score: IdSchema.describe('Id given to the total maturity score (0-100)'),
    stage: IdSchema.describe('Id given to the stage, usable like a single question'),
    label: TextSchema,
    source: TextSchema.optional().describe('Where the model comes from'),
    competencies: z.array(CompetencySchema).min(1),
    stages: z.array(StageSchema).min(2).describe('Stages in ascending order of `from`; the first starts at 0'),
  })
  .strict();
export type Maturity = z.infer<typeof MaturitySchema>;

/** One band of a quantile split, such as "below the median". */
export const BandSchema = z
  .object({
    id: IdSchema,
    label: TextSchema,
    from: z.number().min(0).max(1).describe('Lowest quantile (inclusive) of the band'),
    to: z.number().min(0).max(1).describe('Highest quantile (exclusive; 1 includes the top score)'),
  })
  .strict();

/** Groups of respondents by quantile bands of a score, computed within each wave (leaders vs laggards). */
export const GroupingSchema = z
  .object({
    id: IdSchema.describe('Id of the grouping: a dimension readers can filter and compare by'),
    label: TextSchema,
    score: IdSchema.describe('Id of the numeric measure to split (for example the maturity score)'),
    bands: z.array(BandSchema).min(2).describe('Bands in ascending order; together they cover 0 to 1'),
  })
  .strict();
export type Grouping = z.infer<typeof GroupingSchema>;
