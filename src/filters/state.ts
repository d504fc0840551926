import { z } from 'zod';

/** What the reader has narrowed the report to: one wave, and any values of any dimension. */
export const FilterStateSchema = z
  .object({
    wave: z.string().optional().describe('The wave shown; the latest when absent'),
    dims: z.record(z.string(), z.array(z.string())).default({}).describe('Chosen values per segment or grouping; empty means all'),
  })
  .strict();
export type FilterState = z.infer<typeof FilterStateSchema>;
