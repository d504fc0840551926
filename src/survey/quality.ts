import { z } from 'zod';

/**
 * The data-quality figures of one survey, per wave: how many responded, in each segment; how often each
 * question was left blank or answered "not applicable / don't know"; how many gave one answer to every item
 * of a rating grid (straight-lining); how many rows repeat another's answers under another id. Counts under
 * the survey's `suppress_below` are published as null, and so are shares of them; of counts that add up to a
 * published total (a segment's values), the next smallest too, so that none follows by subtraction.
 */
export const WaveQualitySchema = z.object({
  wave: z.string(),
  respondents: z.number().int(),
  /** Segment id -> option id -> respondents (null: too few to publish). */
  segments: z.record(z.string(), z.record(z.string(), z.number().int().nullable())),
  /** Segment id -> missing code ("not stated") -> respondents (null: too few to publish), for segments with `missing` codes. */
  segmentMissing: z.record(z.string(), z.record(z.string(), z.number().int().nullable())),
  /** Per question asked in the wave: shares of blank answers and of "not applicable / don't know" codes (null: a count too few to publish). */
  items: z.array(z.object({ question: z.string(), blank: z.number().nullable(), missing: z.number().nullable() })),
  /** Per rating grid (three or more questions on one scale): respondents answering every item alike, of those answering every item (null: too few to publish). */
  grids: z.array(z.object({ questions: z.array(z.string()), straight: z.number().int().nullable(), answered: z.number().int().nullable() })),
  /** Rows whose every answer equals an earlier row's (null: too few to publish, though more than none). */
  repeated: z.number().int().nullable(),
});
export const DataQualitySchema = z.array(WaveQualitySchema);
export type WaveQuality = z.infer<typeof WaveQualitySchema>;
export type DataQuality = z.infer<typeof DataQualitySchema>;
