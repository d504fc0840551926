import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { Document } from 'yaml';
import { openNativeEngine } from '../engine/native.ts';
import { SurveySchema } from '../survey/schema.ts';
import type { SurveyInput } from '../survey/survey.ts';
import type { Lang } from '../survey/text.ts';
import { GUESSED } from './guess-check.ts';
import { EXTENSIONS } from './formats/index.ts';
import { columnStats, draftSurvey, type Draft } from './infer.ts';

/** Where `createSurvey` writes, and the wave label of the file. */
export interface NewSurveyOptions {
  dataDir: string;
  contentDir: string;
  /** Defaults to a year that stands alone in the file's name (1990-2099). */
  wave?: string;
}

/** The files `createSurvey` wrote. */
export interface NewSurvey {
  definition: string;
  data: string;
  chapters: string[];
  /** Every guess that could be wrong, as `column: note`, also written beside its question in the definition. */
  guesses: string[];
}

/** A year standing alone in a file name, not part of a longer number (`survey_first20000.csv` has none). */
export function waveFromName(file: string): string | undefined {
  return /(?<!\d)(199\d|20\d\d)(?!\d)/.exec(basename(file))?.[1];
}


/** The draft as YAML, each guess a comment above the question or segment it shaped. */
function draftYaml(draft: Draft): string {
  const doc = new Document(draft.survey);
  const notes = new Map<string, string[]>();
  for (const g of draft.guesses) notes.set(g.path.join('.'), [...(notes.get(g.path.join('.')) ?? []), g.note]);
  for (const [path, lines] of notes) {
    const node = doc.getIn(path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), true) as { commentBefore?: string | null; comment?: string | null };
    const text = lines.map((l) => ` ${GUESSED} ${l} — review`).join('\n');
    if (path === 'id_column' || path === 'weight_column') node.comment = text;
    else node.commentBefore = text;
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
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
  const wave = options.wave ?? waveFromName(file);
  if (wave === undefined) throw new Error(`${basename(file)}: no year (1990-2099) stands alone in the file name: give the wave with --wave, for example --wave 2025`);
  const engine = await openNativeEngine();
  let draft: Draft;
  try {
    draft = draftSurvey(id, `${wave}${ext}`, wave, await columnStats(engine, { path: file, label: file }), file);
  } finally {
    await engine.close();
  }
  // A draft the schema refuses would be a fault here, not the analyst's: say so before writing anything.
  const checked = SurveySchema.safeParse(draft.survey);
  if (!checked.success) throw new Error(`the drafted definition is invalid: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  mkdirSync(dir, { recursive: true });
  const data = join(dir, `${wave}${ext}`);
  copyFileSync(file, data);
  const definition = join(dir, 'survey.yaml');
  const schema = relative(dir, join(root, 'schemas', 'survey.schema.json'));
  const intro = `# yaml-language-server: $schema=${schema}\n# Drafted by npm run new-survey from ${basename(file)}: check every question's type, options and labels,\n# and delete each comment that starts with "${GUESSED}" once its guess is checked (npm run check warns until then).\n`;
  writeFileSync(definition, intro + draftYaml(draft));
  const chapters = (['zh', 'en'] as const).map((lang) => {
    const path = join(options.contentDir, id, lang, 'overview.mdx');
    mkdirSync(join(options.contentDir, id, lang), { recursive: true });
    writeFileSync(path, chapter(draft.survey, lang));
    return path;
  });
  return { definition, data, chapters, guesses: draft.guesses.map((g) => `${g.column === '' ? '(no name)' : g.column}: ${g.note}`) };
}
