import { z } from 'zod';

/** The languages a report is written in. */
export const LANGS = ['zh', 'en'] as const;
export const LangSchema = z.enum(LANGS).describe('Language of a page: zh or en');
export type Lang = z.infer<typeof LangSchema>;

/** Each language as an HTML `lang` and `hreflang` tag. */
export const HTML_LANG: Record<Lang, string> = { zh: 'zh-CN', en: 'en' };

/** A text given in Chinese and English. */
export const TextSchema = z
  .object({
    zh: z.string().min(1).describe('Chinese text'),
    en: z.string().min(1).describe('English text'),
  })
  .strict()
  .describe('Text in Chinese (zh) and English (en)');
export type Text = z.infer<typeof TextSchema>;

/** An identifier: lower snake_case, usable as an SQL column, a URL key and a translation key. */
export const IdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'must be lower snake_case: a-z, 0-9 and _, starting with a letter')
  .describe('Stable id in lower snake_case');

/** An answer code as it appears in a data file: a number or a text. */
export const CodeSchema = z.union([z.string().min(1), z.number()]).describe('Answer code as written in the data file');
export type Code = z.infer<typeof CodeSchema>;

/** Codes are compared as text, since data files are read as text before validation. */
export function codeText(code: Code): string {
  return String(code);
}
