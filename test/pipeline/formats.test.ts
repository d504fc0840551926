import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { Engine } from '../../src/engine/engine.ts';
import { openNativeEngine } from '../../src/engine/native.ts';
import { formatOf } from '../../src/pipeline/formats/index.ts';
import { asText, readHeader } from '../../src/pipeline/ingest.ts';
import { createSurvey } from '../../src/pipeline/new-survey.ts';
import { runSurvey } from '../../src/pipeline/run.ts';
import { parseSurvey } from '../../src/survey/parse.ts';
import type { Survey } from '../../src/survey/survey.ts';

// Real survey data in SPSS and Excel form (test/fixtures/formats/README.md says where each file comes from).
// Expected figures are the check values of ../shared/real-surveys (SOURCE.md, recomputed there with Python's csv
// module), or worked out by hand from them below.
const root = process.cwd();
const FIXTURES = join(root, 'test/fixtures/formats');
const SAV = { path: join(FIXTURES, 'corp_rep_data.DERIVED.sav'), label: 'corp_rep_data.DERIVED.sav' };
const work = join(root, '.cx', `formats-test-${process.pid}`);
afterAll(() => rmSync(work, { recursive: true, force: true }));

let engine: Engine;
beforeAll(async () => {
  engine = await openNativeEngine();
});
afterAll(() => engine.close());

/** Rows of `sql` over the file read as text, its table expression in place of `{file}`. */
async function over(file: { path: string; label: string; sheet?: string }, sql: string) {
  const source = await asText(engine, file);
  return engine.query(sql.replace('{file}', source.sql), source.params);
}

describe('SPSS .sav (corp_rep_data.DERIVED.sav, written by haven/ReadStat, bytecode-compressed)', () => {
  it('reads every case and column, with the check values of SOURCE.md', async () => {
    expect((await readHeader(engine, SAV)).length).toBe(50);
    const [row] = await over(
      SAV,
      `SELECT count(*) AS n, round(avg(CAST(cusa AS DOUBLE)) FILTER (WHERE cusa <> '-99'), 4) AS mean, count(*) FILTER (WHERE cusa <> '-99') AS base,
        count(*) FILTER (WHERE servicetype = '1') AS prepaid, count(*) FILTER (WHERE servicetype = '2') AS contract,
        count(*) FILTER (WHERE occupation = '-99') AS occupation_missing FROM {file}`,
    );
    expect(row).toEqual({ n: 344, mean: 5.4402, base: 343, prepaid: 125, contract: 219, occupation_missing: 45 });
    const cusa = await over(SAV, `SELECT cusa AS code, count(*) AS n FROM {file} GROUP BY cusa ORDER BY CAST(cusa AS INT)`);
    expect(Object.fromEntries(cusa.map((r) => [r.code, r.n]))).toEqual({ '-99': 1, 1: 2, 2: 4, 3: 15, 4: 41, 5: 103, 6: 114, 7: 64 });
  });

  it('holds exactly the cells of the upstream CSV', async () => {
    const csv = await asText(engine, { path: join(FIXTURES, 'corp_rep_data.csv'), label: 'corp_rep_data.csv' });
    const sav = await asText(engine, SAV);
    const differ = async (a: typeof csv, b: typeof csv) => (await engine.query(`SELECT count(*) AS n FROM (SELECT * FROM ${a.sql} EXCEPT ALL SELECT * FROM ${b.sql})`, [...a.params, ...b.params]))[0]!.n;
    expect(await differ(sav, csv)).toBe(0);
    expect(await differ(csv, sav)).toBe(0);
  });

  it('carries variable labels, value labels, user-missing codes and measurement levels', async () => {
    const meta = await formatOf(SAV).columnMeta(engine, SAV);
    // SOURCE.md: servicetype 1 = Prepaid plan, 2 = Contract plan; the .Rd codebook's item wordings.
    expect(meta.get('servicetype')?.values).toEqual([
      { code: '1', label: 'Prepaid plan' },
      { code: '2', label: 'Contract plan' },
    ]);
    expect(meta.get('cusa')?.label).toBe('I am satisfied with company.');
    expect(meta.get('qual_4')?.label).toBe('The services the company offered are good.');
    expect(meta.get('cusl_1')?.label).toBe('I would recommend the company to friends and relatives.');
    // SOURCE.md: -99 is declared missing on exactly these eight variables.
    const missing = [...meta].filter(([, m]) => m.missing?.length).map(([name, m]) => [name, m.missing]);
    expect(missing).toEqual(['cusl_1', 'cusl_2', 'cusl_3', 'cusa', 'age', 'education', 'occupation', 'nphh'].map((n) => [n, ['-99']]));
    // haven writes "scale" for every numeric variable (checked with Python's struct on the type 7, subtype 11 record).
    expect(new Set([...meta.values()].map((m) => m.measure))).toEqual(new Set(['scale']));
  });

  it('names a row by its case number', async () => {
    const places = await formatOf(SAV).places(engine, SAV);
    expect([places(2), places(13)]).toEqual([{ place: 'case 1' }, { place: 'case 12' }]);
  });
});

type Built = Awaited<ReturnType<typeof runSurvey>>;

/** A survey drafted by new-survey from `file`, with `extra` indicators added; its folder and definition. */
async function draft(id: string, file: string, extra: object[]): Promise<{ dir: string; survey: Survey }> {
  const made = await createSurvey(root, id, file, { dataDir: join(work, 'data'), contentDir: join(work, 'content'), wave: '2017' });
  const doc = parseDocument(readFileSync(made.definition, 'utf8'));
  for (const indicator of extra) doc.addIn(['indicators'], indicator);
  writeFileSync(made.definition, doc.toString());
  return { dir: join(work, 'data', id), survey: parseSurvey(readFileSync(made.definition, 'utf8'), 'survey.yaml') };
}

/** The survey in `dir` built again with `file` as its wave: only the wave's file (and its type) changes. */
async function buildWith(dir: string, name: string, file: string): Promise<Built> {
  const twin = `${dir}-${name}`;
  mkdirSync(twin, { recursive: true });
  const ext = file.slice(file.lastIndexOf('.'));
  copyFileSync(file, join(twin, `2017${ext}`));
  writeFileSync(join(twin, 'survey.yaml'), readFileSync(join(dir, 'survey.yaml'), 'utf8').replace(/file: 2017\.\w+/, `file: 2017${ext}`));
  return runSurvey(twin, root);
}

const figure = (built: Built, indicator: string, key: string) => built.results.indicators[indicator]?.['2017']?.find((f) => f.group === null && f.key === key);

describe('npm run new-survey and the build from an SPSS file', () => {
  // The real file has no respondent id, which a survey needs: corp_rep_with_id.DERIVED.sav is the same data with
  // a case_id first, written by make-sav.py (uncompressed) with the real file's dictionary and nominal/ordinal levels.
  let survey: Survey;
  let built: Built;
  let fromCsv: Built;
  let fromXlsx: Built;
  beforeAll(async () => {
    const drafted = await draft('corp-rep', join(FIXTURES, 'corp_rep_with_id.DERIVED.sav'), [{ id: 'cusa_mean', kind: 'mean', measure: 'cusa' }]);
    survey = drafted.survey;
    built = await runSurvey(drafted.dir, root);
    fromCsv = await buildWith(drafted.dir, 'csv', join(FIXTURES, 'corp_rep_with_id.csv'));
    // corp_rep_with_id.xlsx: the CSV written by make-xlsx.py, cusa as numbers stored as text.
    fromXlsx = await buildWith(drafted.dir, 'xlsx', join(FIXTURES, 'corp_rep_with_id.xlsx'));
  }, 180_000);

  it('drafts labels, options and missing codes from the dictionary', () => {
    expect(survey.id_column).toBe('case_id');
    const type = survey.segments.find((s) => s.column === 'servicetype');
    expect(type?.label.en).toBe('A categorical variable for the service type: 1=Prepaid plan (n=125); 2=Contract plan (n=219).');
    expect(type?.options.map((o) => [o.code, o.label.en])).toEqual([
      ['1', 'Prepaid plan'],
      ['2', 'Contract plan'],
    ]);
    const cusa = survey.questions.find((q) => q.column === 'cusa');
    // -99 is missing, so the scale is the 1-7 the answers use, not -99..7.
    expect(cusa?.type === 'rating' && [cusa.label.en, cusa.missing, cusa.scale.min, cusa.scale.max]).toEqual(['I am satisfied with company.', [-99], 1, 7]);
    // Nominal in the dictionary: a segment although its codes are numbers.
    expect(survey.segments.map((s) => s.column)).toContain('serviceprovider');
  });

  it('builds the check values, and the same figures from the same rows as CSV or Excel', () => {
    expect(built.results.counts).toEqual({ '2017': 344 });
    expect(figure(built, 'cusa_mean', 'mean')?.value).toBeCloseTo(5.4402, 4);
    expect(figure(built, 'cusa_mean', 'mean')?.n).toBe(343);
    // Top two boxes of 1-7, -99 out of the base: (114 + 64) / 343.
    expect(figure(built, 'cusa_top', 'top_box')?.value).toBeCloseTo(178 / 343, 10);
    expect(built.quality[0]?.segments.servicetype).toEqual({ prepaid_plan: 125, contract_plan: 219 });
    expect(built.results).toEqual(fromCsv.results);
    expect(built.quality).toEqual(fromCsv.quality);
    expect(fromXlsx.results).toEqual(fromCsv.results);
    expect(fromXlsx.quality).toEqual(fromCsv.quality);
  });
});

describe('Excel .xlsx', () => {
  const MOBI = { path: join(FIXTURES, 'mobi.xlsx'), label: 'mobi.xlsx' };

  it('reads the first sheet with the check values of SOURCE.md, cell for cell as the CSV', async () => {
    // mobi.xlsx: mobi.csv written by make-xlsx.py, PERV2 as numbers stored as text.
    const [row] = await over(MOBI, `SELECT count(*) AS n, min(PERV2) AS text_min, sum(CAST(CUSA1 AS INT)) AS total, count(*) FILTER (WHERE CAST(CUSL3 AS INT) >= 9) AS top FROM {file}`);
    // SOURCE.md: CUSA1 mean 7.988 over 250 rows, so its sum is 1997; CUSL3 at 9-10: 95.
    expect(row).toEqual({ n: 250, text_min: '1', total: 1997, top: 95 });
    const csv = await asText(engine, { path: join(FIXTURES, 'mobi.csv'), label: 'mobi.csv' });
    const xlsx = await asText(engine, MOBI);
    const [diff] = await engine.query(`SELECT count(*) AS n FROM (SELECT * FROM ${xlsx.sql} EXCEPT ALL SELECT * FROM ${csv.sql})`, [...xlsx.params, ...csv.params]);
    expect(diff?.n).toBe(0);
  });

  it('reads blank cells as blank and text as text: the mini wave as a workbook differs from its CSV only where a value was changed', async () => {
    // The bad-input case's workbook is test/fixtures/mini/2025.csv with row 5's Channel set to 4 (make-xlsx.py --bad 5 Channel 4).
    const xlsx = await asText(engine, { path: join(root, 'test/fixtures/bad-inputs/xlsx-unknown-option/data/mini/2025.xlsx'), label: '2025.xlsx' });
    const csv = await asText(engine, { path: join(root, 'test/fixtures/mini/2025.csv'), label: '2025.csv' });
    const rows = await engine.query(`SELECT ID, Channel, Note FROM (SELECT * FROM ${xlsx.sql} EXCEPT ALL SELECT * FROM ${csv.sql})`, [...xlsx.params, ...csv.params]);
    expect(rows).toEqual([{ ID: '4', Channel: '4', Note: null }]);
  });

  it('reads a named sheet, and names a row by sheet and Excel row', async () => {
    expect(await readHeader(engine, { ...MOBI, sheet: 'Codebook' })).toEqual(['Answers converted from mobi.csv']);
    const places = await formatOf(MOBI).places(engine, MOBI);
    expect([places(1), places(12)]).toEqual([{ place: 'sheet "Responses", row 1' }, { place: 'sheet "Responses", row 12' }]);
  });
});

describe('npm run new-survey from an Excel workbook', () => {
  it('drafts from the first sheet and copies the workbook as the wave file', async () => {
    const { dir, survey } = await draft('workbook', join(FIXTURES, 'corp_rep_with_id.xlsx'), []);
    expect(survey.id_column).toBe('case_id');
    expect(survey.waves).toEqual([{ id: '2017', file: '2017.xlsx' }]);
    // Without a dictionary the values tell: cusa runs 1-7 beside one -99 (the codebook's "missing"), a code set apart.
    const cusa = survey.questions.find((q) => q.column === 'cusa');
    expect(cusa?.type === 'rating' && [cusa.scale.min, cusa.scale.max, cusa.missing]).toEqual([1, 7, [-99]]);
    expect(readFileSync(join(dir, '2017.xlsx'))).toEqual(readFileSync(join(FIXTURES, 'corp_rep_with_id.xlsx')));
  });
});
