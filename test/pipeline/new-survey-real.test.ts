import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkAll } from '../../src/pipeline/check.ts';
import { createSurvey } from '../../src/pipeline/new-survey.ts';
import { parseSurvey } from '../../src/survey/parse.ts';
import type { Question } from '../../src/survey/question.ts';
import type { Survey } from '../../src/survey/survey.ts';

// npm run new-survey on real survey exports (/work/shared/real-surveys): every expectation below is written
// from the survey's SOURCE.md and codebook, not from the draft. Each draft must then pass npm run check.
const REAL = '/work/shared/real-surveys';
const root = process.cwd();
const work = join(root, '.cx', `new-survey-real-${process.pid}`);
const sources = join(work, 'sources');
mkdirSync(sources, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function draft(id: string, name: string, text: string) {
  const file = join(sources, name);
  writeFileSync(file, text);
  const dirs = { dataDir: join(work, id, 'data'), contentDir: join(work, id, 'content') };
  const made = await createSurvey(root, id, file, dirs);
  const survey = parseSurvey(readFileSync(made.definition, 'utf8'), 'survey.yaml');
  const report = await checkAll(root, dirs.dataDir, dirs.contentDir);
  return { survey, guesses: made.guesses, report };
}
const byColumn = (survey: Survey) => new Map<string, Question>(survey.questions.map((q) => [q.column!, q]));
const scale = (q: Question | undefined) => (q?.type === 'rating' ? `rating ${q.scale.min}-${q.scale.max}` : q?.type);
const codes = (survey: Survey, column: string) => survey.segments.find((s) => s.column === column)?.options.map((o) => String(o.code));

describe('npm run new-survey on real exports', () => {
  it('corp_rep (written by R with its row names, plus a respondent id): -99 set apart, 1-7 and 1-5 batteries, plan type and provider as segments', async () => {
    // The codebook's file has no id column: R's write.csv(row.names = TRUE) adds an unnamed 1..n column.
    const lines = readFileSync(join(REAL, 'seminr-corp-rep', 'corp_rep_data.csv'), 'utf8').trim().split('\n');
    const text = [`"","respondent_id",${lines[0]}`, ...lines.slice(1).map((l, i) => `"${i + 1}","R${i + 1}",${l}`)].join('\n') + '\n';
    const { survey, guesses, report } = await draft('corp-rep', 'corp_rep_2017.csv', text);
    const q = byColumn(survey);
    expect(survey.id_column).toBe('respondent_id');
    expect(survey.waves[0]!.id).toBe('2017');
    expect(q.get('')?.type).toBe('ignore');
    // SOURCE.md: serviceprovider 1-4, servicetype 1 = prepaid, 2 = contract; age 1-6 and education 1-4, each with -99.
    expect(codes(survey, 'serviceprovider')).toEqual(['1', '2', '3', '4']);
    expect(codes(survey, 'servicetype')).toEqual(['1', '2']);
    expect(codes(survey, 'age')).toEqual(['1', '2', '3', '4', '5', '6', '-99']);
    expect(codes(survey, 'education')).toEqual(['1', '2', '3', '4', '-99']);
    // "Rating items are 1-7", switching costs 1-5; -99 in cusl_1-3 and cusa.
    for (const c of ['csor_1', 'qual_1', 'qual_8', 'like_1', 'comp_3', 'cusl_1', 'cusl_3', 'cusa', 'attr_global', 'perf_global']) expect([c, scale(q.get(c))]).toEqual([c, 'rating 1-7']);
    for (const c of ['switch_1', 'switch_4']) expect([c, scale(q.get(c))]).toEqual([c, 'rating 1-5']);
    for (const c of ['cusl_1', 'cusl_2', 'cusl_3', 'cusa', 'occupation']) expect([c, q.get(c)?.missing]).toEqual([c, [-99]]);
    expect(q.get('csor_1')?.missing).toEqual([]);
    // The counts of -99 in SOURCE.md: occupation 45, cusa 1.
    expect(guesses).toContain('occupation: -99 = no answer (45 answers), set apart as missing');
    expect(guesses).toContain('cusa: -99 = no answer (1 answer), set apart as missing');
    expect(survey.questions.filter((x) => x.type === 'number')).toEqual([]);
    expect(report.problems).toEqual([]);
    expect(report.surveys).toEqual([{ id: 'corp-rep', respondents: 344 }]);
  });

  it('mobi: every item a 1-10 rating, even where nobody answered 1, and the 1-10 recommend item not NPS', async () => {
    const lines = readFileSync(join(REAL, 'seminr-mobi', 'mobi.csv'), 'utf8').trim().split('\n');
    const text = [`respondent,${lines[0]}`, ...lines.slice(1).map((l, i) => `${i + 1},${l}`)].join('\n') + '\n';
    const { survey, report } = await draft('mobi', 'mobi-2005.csv', text);
    const header = lines[0]!.split(',').map((h) => h.replaceAll('"', ''));
    expect(header).toHaveLength(24);
    // SOURCE.md: 24 columns, all integers 1-10; CUSA1 answered 4-10 only; CUSL3 is "likelihood to recommend, 1-10".
    for (const c of header) expect([c, scale(byColumn(survey).get(c))]).toEqual([c, 'rating 1-10']);
    expect(report.problems).toEqual([]);
    expect(report.surveys).toEqual([{ id: 'mobi', respondents: 250 }]);
  });

  it('food world cup (converted to UTF-8): the N/A text code set apart on each 1-5 item', async () => {
    const text = new TextDecoder('macintosh').decode(readFileSync(join(REAL, 'fte-food-world-cup', 'food-world-cup-data.csv')));
    const { survey, guesses, report } = await draft('food', 'food-world-cup-2014.csv', text);
    const italy = byColumn(survey).get('Please rate how much you like the traditional cuisine of Italy.');
    // README answer key: 1-5, "N/A" = unfamiliar; Italy has N/A 67 times.
    expect(italy?.type === 'single' && italy.options.map((o) => String(o.code))).toEqual(['1', '2', '3', '4', '5']);
    expect(italy?.missing).toEqual(['N/A']);
    expect(guesses.find((g) => g.startsWith('Please rate how much you like the traditional cuisine of Italy.'))).toContain('"N/A" = not an answer (67 answers)');
    expect(survey.id_column).toBe('RespondentID');
    // SOURCE.md: Age groups 18-29, 30-44, 45-60, > 60 (blank 134, so not required).
    const age = survey.segments.find((s) => s.column === 'Age');
    expect([age?.options.map((o) => o.code).sort(), age?.required]).toEqual([['18-29', '30-44', '45-60', '> 60'], false]);
    expect(report.problems).toEqual([]);
    expect(report.surveys).toEqual([{ id: 'food', respondents: 1373 }]);
  });

  it('gss_cat: the survey year a segment of its eight waves, hours of TV a number', async () => {
    const lines = readFileSync(join(REAL, 'gss-cat-waves', 'gss_cat.csv'), 'utf8').trim().split('\n');
    const text = [`respondent,${lines[0]}`, ...lines.slice(1).map((l, i) => `${i + 1},${l}`)].join('\n') + '\n';
    const { survey, report } = await draft('gss', 'gss_cat-2014.csv', text);
    // INDEX.md: 8 waves 2000-2014 (every second year); tvhours 0-24 with blanks.
    expect(codes(survey, 'year')).toEqual(['2000', '2002', '2004', '2006', '2008', '2010', '2012', '2014']);
    expect(byColumn(survey).get('tvhours')?.type).toBe('number');
    expect(report.problems).toEqual([]);
  }, 60_000);
});
