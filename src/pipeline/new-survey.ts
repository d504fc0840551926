import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { stringify } from 'yaml';
import { openNativeEngine } from '../engine/native.ts';
import { SurveySchema } from '../survey/schema.ts';
import type { SurveyInput } from '../survey/survey.ts';
import type { Lang } from '../survey/text.ts';
import { EXTENSIONS } from './formats/index.ts';
import { columnStats, draftSurvey } from './infer.ts';

/** Where `createSurvey` writes, and the wave label of the file. */
export interface NewSurveyOptions {
  dataDir: string;
  contentDir: string;
  /** Defaults to a year in the file's name, else the current year. */
  wave?: string;
}

/** The files `createSurvey` wrote. */
export interface NewSurvey {
  definition: string;
  data: string;
  chapters: string[];
}

/** A first chapter: the draft's KPI tiles and charts, for the analyst to write around. */
function chapter(survey: SurveyInput, lang: Lang): string {
  const zh = lang === 'zh';
  const tiles = (survey.kpis ?? []).map((k) => `  <Kpi id="${k.id}" />`);
  const charts = (survey.charts ?? []).map((c) => `<Chart id="${c.id}" />`);
  return [
    '---',
    `title: ${zh ? '概述' : 'Overview'}`,
    `description: ${zh ? '本次调查的主要结果。' : 'The main results of the survey.'}`,
    'order: 1',
    '---',
    '',
    zh ? '在这里写下本章的要点；数字用 `<Num indicator="…" />` 引用，构建时自动填入。' : 'Write the chapter’s key points here; quote figures with `<Num indicator="…" />`, filled in at build time.',
    '',
    ...(tiles.length ? ['<div class="kpis">', ...tiles, '</div>', ''] : []),
    ...charts.flatMap((c) => [c, '']),
  ].join('\n');
}

/**
 * Starts a new survey from one data file: copies the file into `data/<id>/`, writes a `survey.yaml` drafted
 * from its columns, and a first chapter in each language. Refuses to overwrite an existing survey.
 */
export async function createSurvey(root: string, id: string, file: string, options: NewSurveyOptions): Promise<NewSurvey> {
  if (!/^[a-z][a-z0-9-]*$/.test(id)) throw new Error(`survey id "${id}": use lower case letters, digits and -, starting with a letter`);
  const ext = extname(file).toLowerCase();
  if (!EXTENSIONS.includes(ext)) throw new Error(`${file}: the data file must be ${EXTENSIONS.join(', ')}`);
  if (!existsSync(file)) throw new Error(`${file}: no such file`);
  const dir = join(options.dataDir, id);
  if (existsSync(dir)) throw new Error(`${relative(root, dir)} already exists: choose another id or remove it`);
  const wave = options.wave ?? /(?:19|20)\d\d/.exec(basename(file))?.[0] ?? String(new Date().getFullYear());
  const engine = await openNativeEngine();
  let draft: SurveyInput;
  try {
    draft = draftSurvey(id, `${wave}${ext}`, wave, await columnStats(engine, { path: file, label: file }));
  } finally {
    await engine.close();
  }
  // A draft the schema refuses would be a fault here, not the analyst's: say so before writing anything.
  const checked = SurveySchema.safeParse(draft);
  if (!checked.success) throw new Error(`the drafted definition is invalid: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  mkdirSync(dir, { recursive: true });
  const data = join(dir, `${wave}${ext}`);
  copyFileSync(file, data);
  const definition = join(dir, 'survey.yaml');
  const schema = relative(dir, join(root, 'schemas', 'survey.schema.json'));
  const intro = `# yaml-language-server: $schema=${schema}\n# Drafted by npm run new-survey from ${basename(file)}: check every question's type, options and labels.\n`;
  writeFileSync(definition, intro + stringify(draft, { lineWidth: 0, flowCollectionPadding: true }));
  const chapters = (['zh', 'en'] as const).map((lang) => {
    const path = join(options.contentDir, id, lang, 'overview.mdx');
    mkdirSync(join(options.contentDir, id, lang), { recursive: true });
    writeFileSync(path, chapter(draft, lang));
    return path;
  });
  return { definition, data, chapters };
}
