import { z } from 'zod';

/** Front matter of an MDX chapter under `content/<survey>/<lang>/`. */
export const ChapterSchema = z
  .object({
    title: z.string().min(1).describe('Chapter title'),
    description: z.string().min(1).describe('One-sentence summary, used as the page description'),
    order: z.number().int().describe('Position of the chapter in the report'),
  })
  .strict();
export type Chapter = z.infer<typeof ChapterSchema>;
