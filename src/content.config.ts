import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { ChapterSchema } from './survey/frontmatter.ts';

/** Chapters: `content/<survey>/<lang>/<chapter>.mdx`. */
export const collections = {
  chapters: defineCollection({ loader: glob({ pattern: '*/*/*.mdx', base: './content' }), schema: ChapterSchema }),
};
