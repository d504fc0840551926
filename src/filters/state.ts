import { z } from 'zod';

/** What the reader has narrowed the report to: one wave, and any values of any dimension. */
export const FilterStateSchema = z
  .object({
    wave: z.string().optional().describe('The wave shown; the latest when absent'),
    dims: z.record(z.string(), z.array(z.string())).default({}).describe('Chosen values per segment or grouping; empty means all'),
    compare: z
      .string()
      .optional()
      .describe('A dimension whose chosen values are shown side by side rather than together, or "wave" for the waves side by side'),
  })
  .strict();
export type FilterState = z.infer<typeof FilterStateSchema>;
