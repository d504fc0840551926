import { getCollection, type CollectionEntry } from 'astro:content';
import { readReportIds } from '../pipeline/artifacts.ts';
import { LangSchema, type Lang } from '../survey/text.ts';

/** A chapter with the parts of its id: `<report>/<lang>/<slug>`. */
export interface ChapterEntry {
  report: string;
  lang: Lang;
  slug: string;
  entry: CollectionEntry<'chapters'>;
}

/** Every chapter of the reports this build has data for, ordered by report, language and `order`. */
export async function allChapters(): Promise<ChapterEntry[]> {
  // Chapters of a survey whose data is not in this build (`--data` elsewhere) have no figures to show.
  const built = new Set(readReportIds());
  const entries = (await getCollection('chapters')).filter((entry) => built.has(entry.id.split('/')[0]!));
  return entries
    .map((entry) => {
      const [report, lang, slug] = entry.id.split('/') as [string, string, string];
      const parsed = LangSchema.safeParse(lang);
      if (!parsed.success) throw new Error(`content/${entry.id}: the language folder must be zh or en, not "${lang}"`);
      return { report, lang: parsed.data, slug, entry };
    })
    .sort((a, b) => a.report.localeCompare(b.report) || a.lang.localeCompare(b.lang) || a.entry.data.order - b.entry.data.order);
}

/** The chapters of one report in one language. */
export async function chaptersOf(report: string, lang: Lang): Promise<ChapterEntry[]> {
  return (await allChapters()).filter((c) => c.report === report && c.lang === lang);
}

/** Route parameters of every report and language that has chapters: one report page (and methodology) each. */
export async function reportPaths(): Promise<{ params: { lang: Lang; report: string }; props: { lang: Lang; report: string } }[]> {
  const seen = new Set<string>();
  return (await allChapters())
    .filter((c) => !seen.has(`${c.report}/${c.lang}`) && seen.add(`${c.report}/${c.lang}`))
    .map((c) => ({ params: { lang: c.lang, report: c.report }, props: { lang: c.lang, report: c.report } }));
}

/**
 * The same page of a report in another language: the chapter of the same slug (or the methodology, the data
 * quality page, or the report's front page, `current` undefined) when that language has it, else that
 * language's front page; undefined when the report has no chapter in that language. A path from the site's
 * folder (see sitePath).
 */
export async function pageIn(report: string, lang: Lang, current: string | undefined): Promise<string | undefined> {
  const chapters = await chaptersOf(report, lang);
  if (!chapters.length) return undefined;
  const base = `${lang}/${report}/`;
  const same = current === 'methodology' || current === 'data-quality' || chapters.some((c) => c.slug === current);
  return current !== undefined && same ? `${base}${current}/` : base;
}
