import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { ChapterSchema } from './survey/frontmatter.ts';

/** Chapters: `content/<survey>/<lang>/<chapter>.mdx`, or under the folder the build names in CX_CONTENT. */
export const collections = {
  chapters: defineCollection({ loader: glob({ pattern: '*/*/*.mdx', base: process.env.CX_CONTENT ?? './content' }), schema: ChapterSchema }),
};
