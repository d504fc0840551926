import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { indicatorGroups, indicatorKeys } from '../indicators/run.ts';
import { problemsFromZod, type InputProblem } from '../survey/errors.ts';
import { ChapterSchema } from '../survey/frontmatter.ts';
import type { Survey } from '../survey/survey.ts';
import { LangSchema } from '../survey/text.ts';

/** A component written in a chapter, with the line it starts on. */
interface Use {
  name: string;
  attrs: Record<string, string>;
  line: number;
}

const COMPONENT = /<(Chart|Kpi|Num)\b([^>]*?)\/?>/g;
const ATTRIBUTE = /([A-Za-z]+)=(?:"([^"]*)"|\{(\d+)\})/g;

/** The text with code (fenced blocks and `inline` spans) blanked out, lines kept: components there are only shown. */
function withoutCode(text: string): string {
  const blank = (m: string) => m.replace(/[^\n]/g, ' ');
  return text.replace(/^```[\s\S]*?^```/gm, blank).replace(/`[^`\n]*`/g, blank);
}

function usesOf(source: string): Use[] {
  const uses: Use[] = [];
  const text = withoutCode(source);
  for (const m of text.matchAll(COMPONENT)) {
    const attrs = Object.fromEntries([...m[2]!.matchAll(ATTRIBUTE)].map((a) => [a[1]!, a[2] ?? a[3]!]));
    uses.push({ name: m[1]!, attrs, line: text.slice(0, m.index).split('\n').length });
  }
  return uses;
}

/** What is wrong with one component's reference to the survey, if anything: the attribute, its value and the rule. */
function referenceProblem(survey: Survey, use: Use): { attr: string; value: string; rule: string } | undefined {
  const { attrs } = use;
  const where = `data/${survey.id}/survey.yaml`;
  if (use.name === 'Chart') {
    const id = attrs.id ?? '';
    return survey.charts.some((c) => c.id === id) ? undefined : { attr: 'id', value: id, rule: `no chart "${id}" in ${where}` };
  }
  if (use.name === 'Kpi') {
    const id = attrs.id ?? '';
    return survey.kpis.some((k) => k.id === id) ? undefined : { attr: 'id', value: id, rule: `no KPI tile "${id}" in ${where}` };
  }
  const id = attrs.indicator ?? '';
  const indicator = survey.indicators.find((i) => i.id === id);
  if (!indicator) return { attr: 'indicator', value: id, rule: `no indicator "${id}" in ${where}` };
  const keys = indicatorKeys(survey, indicator);
  if (attrs.option !== undefined && !keys.includes(attrs.option)) return { attr: 'option', value: attrs.option, rule: `indicator "${id}" has no figure "${attrs.option}" (it has ${keys.join(', ')})` };
  const groups = indicatorGroups(survey, indicator).filter((g): g is string => g !== null);
  if (attrs.group !== undefined && !groups.includes(attrs.group)) {
    return { attr: 'group', value: attrs.group, rule: groups.length ? `indicator "${id}" has no group "${attrs.group}" (it has ${groups.join(', ')})` : `indicator "${id}" has no groups (no "by")` };
  }
  if (attrs.wave !== undefined && !survey.waves.some((w) => w.id === attrs.wave)) return { attr: 'wave', value: attrs.wave, rule: `no wave "${attrs.wave}" in ${where}` };
  return undefined;
}

/** Problems of one chapter file: its front matter, and each component that names something the survey lacks. */
function chapterProblems(file: string, label: string, survey: Survey): InputProblem[] {
  const text = readFileSync(file, 'utf8');
  const problems: InputProblem[] = [];
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!front) problems.push({ file: label, line: 1, rule: 'a chapter starts with front matter between --- lines (title, description, order)' });
  else {
    let data: unknown;
    try {
      data = parse(front[1]!);
    } catch (e) {
      problems.push({ file: label, line: 2, rule: `invalid front matter: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}` });
    }
    const result = ChapterSchema.safeParse(data ?? {});
    // A key's line in the file: the front matter starts on line 2.
    const keyLine = (path: PropertyKey[]) => {
      const at = front[1]!.split('\n').findIndex((l) => l.startsWith(`${String(path[0])}:`));
      return at < 0 ? 2 : at + 2;
    };
    if (data !== undefined && !result.success) problems.push(...problemsFromZod(result.error, label, keyLine));
  }
  for (const use of usesOf(text)) {
    const p = referenceProblem(survey, use);
    if (p) problems.push({ file: label, line: use.line, path: `<${use.name} ${p.attr}>`, value: p.value, rule: p.rule });
  }
  return problems;
}

/**
 * Checks every chapter under `<content>/<survey>/<lang>/` of the given surveys before any page is rendered,
 * so that a wrong id is reported with its file and line rather than as a failure deep in a page. Files are
 * named relative to `root`.
 */
export function checkChapters(root: string, content: string, surveys: readonly Survey[]): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const survey of surveys) {
    const dir = join(content, survey.id);
    if (!existsSync(dir)) continue;
    for (const lang of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      const folder = join(dir, lang.name);
      if (!LangSchema.safeParse(lang.name).success) {
        problems.push({ file: relative(root, folder), value: lang.name, rule: 'the language folder must be zh or en' });
        continue;
      }
      for (const name of readdirSync(folder).filter((f) => f.endsWith('.mdx')).sort()) {
        problems.push(...chapterProblems(join(folder, name), relative(root, join(folder, name)), survey));
      }
    }
  }
  return problems;
}
