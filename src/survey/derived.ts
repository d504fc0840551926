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

/**
 * One band of a grouping: a quantile band (`from`, `to`: "below the median"), cut within each wave; or a
 * fixed band of values (`min`, `max`: "aged 18 to 34"), the same in every wave.
 */
export const BandSchema = z
  .object({
    id: IdSchema,
    label: TextSchema,
    from: z.number().min(0).max(1).optional().describe('Quantile bands: lowest quantile (inclusive) of the band'),
    to: z.number().min(0).max(1).optional().describe('Quantile bands: highest quantile (exclusive; 1 includes the top score)'),
    min: z.number().optional().describe('Fixed bands: smallest value in the band (inclusive); omit on the first band for no lower bound'),
    max: z.number().optional().describe('Fixed bands: largest value in the band (inclusive); omit on the last band for no upper bound'),
  })
  .strict();
export type Band = z.infer<typeof BandSchema>;

/**
 * Groups of respondents by bands of a score: quantile bands computed within each wave (leaders vs laggards),
 * or fixed bands of values (age 18-34, 35-54, 55+). A value in no band, or missing, belongs to no group.
 */
export const GroupingSchema = z
  .object({
    id: IdSchema.describe('Id of the grouping: a dimension readers can filter and compare by'),
    label: TextSchema,
    score: IdSchema.describe('Id of the measure to split: a score or number (quantile bands), or also a rating or NPS (fixed bands)'),
    bands: z
      .array(BandSchema)
      .min(2)
      .describe('Bands in ascending order: quantile bands (from, to) covering 0 to 1, or fixed bands (min, max, inclusive) without gaps or overlaps'),
  })
  .strict();
export type Grouping = z.infer<typeof GroupingSchema>;

/** Whether a grouping's bands are fixed ranges of values (`min`, `max`) rather than quantiles (`from`, `to`). */
export function hasFixedBands(g: Grouping): boolean {
  return g.bands.every((b) => b.from === undefined && b.to === undefined);
}
