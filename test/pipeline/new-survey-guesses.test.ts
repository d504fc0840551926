import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openNativeEngine } from '../../src/engine/native.ts';
import { checkAll } from '../../src/pipeline/check.ts';
import { columnStats, draftSurvey } from '../../src/pipeline/infer.ts';
import { createSurvey, waveFromName } from '../../src/pipeline/new-survey.ts';
import { parseSurvey } from '../../src/survey/parse.ts';
import type { Question } from '../../src/survey/question.ts';
import type { Survey } from '../../src/survey/survey.ts';

// npm run new-survey on exports whose codes are known (written here, or described by a real survey's
// codebook): what it drafts, what it says it guessed, and that npm run check accepts the draft.
const root = process.cwd();
const work = join(root, '.cx', `new-survey-guesses-${process.pid}`);
const sources = join(work, 'sources');
mkdirSync(sources, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

let made = 0;
/** Drafts a survey from `csv` (written as `name`) into a folder of its own; returns the parsed draft. */
async function draft(name: string, csv: string, wave?: string) {
  const file = join(sources, name);
  writeFileSync(file, csv);
  const dirs = { dataDir: join(work, `d${++made}`, 'data'), contentDir: join(work, `d${made}`, 'content') };
  const result = await createSurvey(root, `s${made}`, file, { ...dirs, ...(wave ? { wave } : {}) });
  const yaml = readFileSync(result.definition, 'utf8');
  return { survey: parseSurvey(yaml, 'survey.yaml'), yaml, guesses: result.guesses, dirs };
}
const question = (survey: Survey, column: string): Question => {
  const q = survey.questions.find((x) => x.column === column);
  if (!q) throw new Error(`no question for column ${column}`);
  return q;
};
const scaleOf = (q: Question) => (q.type === 'rating' ? [q.scale.min, q.scale.max] : q.type);
/** A CSV of `n` rows, an id first, each other column's value given by row. */
function csv(n: number, columns: Record<string, (i: number) => string | number>): string {
  const names = Object.keys(columns);
  const lines = [['id', ...names].join(',')];
  for (let i = 0; i < n; i++) lines.push([`r${i + 1}`, ...names.map((c) => columns[c]!(i))].join(','));
  return lines.join('\n') + '\n';
}
/** `counts` values in turn: {1: 2, 9: 1} gives 1, 1, 9. */
const cycle = (counts: Record<number, number>) => {
  const list = Object.entries(counts).flatMap(([v, k]) => Array<string>(k).fill(v));
  return (i: number) => list[i % list.length]!;
};

describe('npm run new-survey: codes set apart from a scale', () => {
  it('sets 9 apart on a 1-5 item, 0 below a 1-5 item, -99 and 99 anywhere, and fits the conventional scale, not the observed ends', async () => {
    // 40 rows each. sat: 1-5 with 9 twelve times in each 40 (12 of 40 by construction).
    // na: 0 (not applicable) 16 times, more than 1 (4 times). low: only 3-5 answered.
    // seven: 2-7 answered with -99 once. rec: 0-10 "likely to recommend" with 99.
    const { survey, yaml, guesses } = await draft(
      'codes-2024.csv',
      csv(40, {
        sat: cycle({ 1: 4, 2: 4, 3: 6, 4: 7, 5: 7, 9: 12 }),
        na: cycle({ 0: 16, 1: 4, 2: 4, 3: 5, 4: 5, 5: 6 }),
        low: cycle({ 3: 10, 4: 15, 5: 15 }),
        seven: cycle({ 2: 5, 3: 5, 4: 5, 5: 5, 6: 9, 7: 10, [-99]: 1 }),
        'How likely are you to recommend us?': (i) => (i === 0 ? 99 : i % 11),
      }),
    );
    expect(scaleOf(question(survey, 'sat'))).toEqual([1, 5]);
    expect(question(survey, 'sat').missing).toEqual([9]);
    expect(scaleOf(question(survey, 'na'))).toEqual([1, 5]);
    expect(question(survey, 'na').missing).toEqual([0]);
    expect(scaleOf(question(survey, 'low'))).toEqual([1, 5]);
    expect(question(survey, 'low').missing).toEqual([]);
    expect(scaleOf(question(survey, 'seven'))).toEqual([1, 7]);
    expect(question(survey, 'seven').missing).toEqual([-99]);
    const rec = question(survey, 'How likely are you to recommend us?');
    expect([rec.type, rec.missing]).toEqual(['nps', [99]]);
    // Each guess is listed and written beside its question.
    expect(guesses).toContain("sat: 9 = don't know (12 answers), set apart as missing");
    expect(guesses).toContain('na: 0 = not applicable (16 answers), set apart as missing');
    const lines = yaml.split('\n');
    const at = lines.findIndex((l) => l.includes("# guessed: 9 = don't know (12 answers)"));
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 3).join('\n')).toMatch(/- id: sat\n/);
  });

  it('sets -99 and 999 apart from numbers with many values, but not a 99 among larger numbers', async () => {
    // 70 rows. age: 18-80 with -99 on rows 0-2. visits: 0-40 with 999 on rows 0 and 1. spend: 99 on row 0,
    // then 100, 137, 174… (above 99), so 99 is an amount like any other.
    const { survey, guesses } = await draft(
      'many-2024.csv',
      csv(70, {
        age: (i) => (i < 3 ? -99 : 18 + (i % 63)),
        visits: (i) => (i < 2 ? 999 : i % 41),
        spend: (i) => (i === 0 ? 99 : 100 + 37 * (i - 1)),
      }),
    );
    expect([question(survey, 'age').type, question(survey, 'age').missing]).toEqual(['number', [-99]]);
    expect([question(survey, 'visits').type, question(survey, 'visits').missing]).toEqual(['number', [999]]);
    expect([question(survey, 'spend').type, question(survey, 'spend').missing]).toEqual(['number', []]);
    expect(guesses).toContain('age: -99 = no answer (3 answers), set apart as missing');
  });

  it('drafts a 1-10 recommend item with no 0 answered as a 1-10 rating, and says so', async () => {
    const { survey, guesses } = await draft('rec-2024.csv', csv(30, { recommend: (i) => 1 + (i % 10) }));
    expect(scaleOf(question(survey, 'recommend'))).toEqual([1, 10]);
    expect(guesses.join('\n')).toContain('make it nps if 0 was offered');
  });

  it('fits any conventional scale whose top is answered, whatever else is answered, with a -99 or 99 code set apart', async () => {
    const engine = await openNativeEngine();
    try {
      const file = join(sources, 'prop.csv');
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(4, 5, 6, 7, 10),
          fc.integer({ min: 1, max: 2 }),
          fc.constantFrom(-99, 99),
          fc.integer({ min: 1, max: 5 }),
          async (top, lowest, code, codeRows) => {
            // The answers: lowest..top, each at least twice; the code on codeRows rows.
            const points = Array.from({ length: top - lowest + 1 }, (_, i) => lowest + i);
            const values = [...points, ...points, ...Array<number>(codeRows).fill(code)];
            writeFileSync(file, `id,item\n${values.map((v, i) => `${i + 1},${v}`).join('\n')}\n`);
            const { survey } = draftSurvey('p', 'p.csv', '2024', await columnStats(engine, { path: file, label: file }));
            const q = survey.questions.find((x) => x.column === 'item')!;
            expect(q.type === 'rating' && [q.scale.min, q.scale.max]).toEqual([1, top]);
            expect(q.missing).toEqual([code]);
          },
        ),
        { numRuns: 25 },
      );
    } finally {
      await engine.close();
    }
  }, 60_000);
});

describe('npm run new-survey: segments, yes/no, identifiers and unnamed columns', () => {
  it('drafts numeric group codes as segments (at most four), non-contiguous codes as codes, and 1/2 or 0/1 yes/no as boolean', async () => {
    const { survey } = await draft(
      'groups-2024.csv',
      csv(40, {
        district: (i) => 1 + (i % 4),
        gender: (i) => 1 + (i % 2),
        q7: cycle({ 1: 3, 5: 3, 9: 2, 10: 2 }),
        'Renewed?': (i) => 1 + (i % 2),
        is_member: (i) => i % 2,
        region: (i) => 1 + (i % 3),
        age_group: (i) => 1 + (i % 5),
        score: cycle({ 1: 2, 2: 3, 3: 5, 4: 5, 5: 5 }),
      }),
    );
    // Four segments, group names first in column order; the codes of q7 are left a single choice.
    expect(survey.segments.map((s) => [s.column, s.options.map((o) => String(o.code))])).toEqual([
      ['district', ['1', '2', '3', '4']],
      ['gender', ['1', '2']],
      ['region', ['1', '2', '3']],
      ['age_group', ['1', '2', '3', '4', '5']],
    ]);
    const q7 = question(survey, 'q7');
    expect(q7.type === 'single' && q7.options.map((o) => String(o.code))).toEqual(['1', '5', '9', '10']);
    const renewed = question(survey, 'Renewed?');
    expect(renewed.type === 'boolean' && [renewed.true_codes, renewed.false_codes]).toEqual([[1], [2]]);
    expect(question(survey, 'is_member').type).toBe('boolean');
    expect(scaleOf(question(survey, 'score'))).toEqual([1, 5]);
  });

  it('keeps amounts with few values numbers, zero-padded group codes a segment, and ignores R\'s X row index', async () => {
    // 30 rows. X: 1..30 (R's read.csv name for row names). fee: 15 amounts 100, 150 … 800, each twice.
    // branch: 001-004, written with leading zeros, 4 distinct values: codes, not postcodes.
    const text = csv(30, { X: (i) => i + 1, fee: (i) => 100 + 50 * (i % 15), branch: (i) => `00${1 + (i % 4)}`, sat: (i) => 1 + (i % 5) });
    const { survey, dirs } = await draft('amounts-2024.csv', text);
    expect(question(survey, 'X').type).toBe('ignore');
    expect(question(survey, 'fee').type).toBe('number');
    expect(survey.segments.map((x) => [x.column, x.options.map((o) => String(o.code))])).toEqual([['branch', ['001', '002', '003', '004']]]);
    expect((await checkAll(root, dirs.dataDir, dirs.contentDir)).problems).toEqual([]);
  });

  it('drafts identifiers as personal data, by name and by value, never as numbers', async () => {
    const { survey } = await draft(
      'ids-2024.csv',
      csv(30, {
        contact: (i) => `+44 20 7946 ${String(1000 + i)}`,
        zip: (i) => 10001 + i * 7,
        where: (i) => `0${2100 + i}`,
        mail: (i) => `p${i}@example.org`,
        first_name: (i) => `Name${i}`,
        account_id: (i) => 5000 + i,
        ip: (i) => `10.0.0.${i + 1}`,
        mobile_no: (i) => 13800000000 + i * 37,
        sat: (i) => 1 + (i % 5),
        'Phone support': (i) => 1 + (i % 7),
        'Plan name': (i) => ['Basic', 'Pro'][i % 2]!,
      }),
    );
    // Words of personal data inside a question's name do not make it personal data.
    expect(scaleOf(question(survey, 'Phone support'))).toEqual([1, 7]);
    expect(survey.segments.map((x) => x.column)).toEqual(['Plan name']);
    for (const c of ['contact', 'zip', 'where', 'mail', 'first_name', 'account_id', 'ip', 'mobile_no']) expect([c, question(survey, c).type]).toEqual([c, 'pii']);
    expect(survey.questions.filter((q) => q.type === 'number' || q.type === 'seconds')).toEqual([]);
    expect(survey.indicators.map((i) => i.measure)).toEqual(['sat', 'phone_support', 'sat', 'phone_support']);
  });

  it('drafts an unnamed first column as ignored, declared as "", and npm run check accepts it', async () => {
    for (const header of ['""', '...1', 'Unnamed: 0']) {
      const rows = Array.from({ length: 12 }, (_, i) => `${i + 1},c${i},${1 + (i % 5)}`);
      const { survey, yaml, dirs } = await draft(`index${made}-2023.csv`, [`${header},cust,sat`, ...rows].join('\n') + '\n');
      const column = header === '""' ? '' : header;
      expect(survey.id_column).toBe('cust');
      expect(survey.questions.find((q) => q.column === column)?.type).toBe('ignore');
      expect(yaml).toContain('# guessed: a column without a name (a row index): ignored');
      const report = await checkAll(root, dirs.dataDir, dirs.contentDir);
      expect(report.problems).toEqual([]);
      expect(report.surveys).toEqual([{ id: `s${made}`, respondents: 12 }]);
    }
  });

  it('takes the wave from a year standing alone in the file name, or stops asking for --wave', async () => {
    expect(waveFromName('results-2011.csv')).toBe('2011');
    expect(waveFromName('/a/2030/x_1999.csv')).toBe('1999');
    expect(waveFromName('survey_first20000.csv')).toBeUndefined();
    expect(waveFromName('wave_12019.csv')).toBeUndefined();
    expect(waveFromName('export_1989.csv')).toBeUndefined();
    expect(waveFromName('customers.csv')).toBeUndefined();
    // Any year 1990-2099 between non-digits is found; with a digit on either side it is part of another number.
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2099 }), fc.stringMatching(/^[a-z_-]{0,6}$/), fc.stringMatching(/^[a-z_.-]{0,6}$/), fc.integer({ min: 0, max: 9 }), (year, before, after, digit) => {
        expect(waveFromName(`${before}${year}${after}.csv`)).toBe(String(year));
        expect(waveFromName(`${before}${digit}${year}${after}.csv`)).toBeUndefined();
        expect(waveFromName(`${before}${year}${digit}${after}.csv`)).toBeUndefined();
      }),
    );
    await expect(draft('survey_first20000.csv', csv(5, { sat: (i) => 1 + i }))).rejects.toThrow('survey_first20000.csv: no year (1990-2099) stands alone in the file name: give the wave with --wave');
    const { survey } = await draft('survey_first20001.csv', csv(5, { sat: (i) => 1 + i }), '2026');
    expect(survey.waves).toEqual([{ id: '2026', file: '2026.csv' }]);
  });

  it('npm run check passes a draft with guesses and warns at the line of each', async () => {
    const { yaml, dirs } = await draft('warn-2024.csv', csv(20, { sat: cycle({ 1: 3, 2: 3, 3: 4, 4: 4, 5: 4, 9: 2 }) }));
    const report = await checkAll(root, dirs.dataDir, dirs.contentDir);
    expect(report.problems).toEqual([]);
    // The comment's line, counted from 1 in the file as written.
    const line = yaml.split('\n').findIndex((l) => l.includes('# guessed: 9')) + 1;
    expect(report.warnings).toEqual([expect.stringMatching(new RegExp(`survey\\.yaml:${line}: warning: unreviewed guess of npm run new-survey: 9 = don't know \\(2 answers\\)`))]);
    // Once the analyst deletes the comment, the warning goes.
    const file = join(dirs.dataDir, `s${made}`, 'survey.yaml');
    writeFileSync(file, yaml.replace(/^.*# guessed:.*\n/m, ''));
    expect((await checkAll(root, dirs.dataDir, dirs.contentDir)).warnings).toEqual([]);
  });
});

describe('npm run new-survey: "no answer" codes, text codes on a scale, batteries', () => {
  /** Drafts `csv` (one engine for many generated files) and returns the draft. */
  async function drafted(engine: Awaited<ReturnType<typeof openNativeEngine>>, text: string) {
    const file = join(sources, 'generated.csv');
    writeFileSync(file, text);
    return draftSurvey('p', 'p.csv', '2024', await columnStats(engine, { path: file, label: file }));
  }

  it('drafts a segment\'s code set apart (-99, 99, or 9 above a short list) or its "no answer" text as the segment\'s missing code, never an option', async () => {
    const engine = await openNativeEngine();
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 2, max: 6 }),
          fc.constantFrom('-99', '99', '9', 'No answer', 'Refused', "Don't know", 'Prefer not to say', 'Not stated'),
          fc.integer({ min: 1, max: 4 }),
          async (k, code, codeRows) => {
            // `region` holds codes 1..k (each six times), or the names r1..rk when the code is text, and the code on codeRows
            // rows; `sat` is a 1-5 rating beside it.
            const named = /^-?\d+$/.test(code) ? (j: number) => String(j) : (j: number) => `r${j}`;
            const values = [...Array.from({ length: 6 * k }, (_, i) => named(1 + (i % k))), ...Array<string>(codeRows).fill(code)];
            const { survey, guesses } = await drafted(engine, `id,region,sat\n${values.map((v, i) => `${i + 1},"${v}",${1 + (i % 5)}`).join('\n')}\n`);
            const region = survey.segments!.find((s) => s.column === 'region')!;
            expect(region.options.map((o) => String(o.code))).toEqual(Array.from({ length: k }, (_, j) => named(j + 1)));
            expect(region.missing).toEqual([/^-?\d+$/.test(code) ? Number(code) : code]);
            expect(guesses.filter((g) => g.path[0] === 'segments').map((g) => g.note)).toContainEqual(expect.stringMatching(new RegExp(`${code.replace(/[?.*+]/g, '\\$&')}"? = .*\\(${codeRows} answers?\\), set apart as missing`)));
          },
        ),
        { numRuns: 20 },
      );
    } finally {
      await engine.close();
    }
  }, 60_000);

  it('drafts a contiguous scale with a text code ("N/A", "Don\'t know", "Not applicable") as a rating with that code missing', async () => {
    const engine = await openNativeEngine();
    try {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(4, 5, 7, 10), fc.constantFrom('N/A', "Don't know", 'Not applicable', 'DK'), fc.integer({ min: 1, max: 5 }), async (top, code, codeRows) => {
          // Points 1..top each twice, then the text code codeRows times.
          const values = [...Array.from({ length: 2 * top }, (_, i) => String(1 + (i % top))), ...Array<string>(codeRows).fill(code)];
          const { survey, guesses } = await drafted(engine, `id,score\n${values.map((v, i) => `${i + 1},"${v}"`).join('\n')}\n`);
          const q = survey.questions.find((x) => x.column === 'score')!;
          expect(q.type === 'rating' && [q.scale.min, q.scale.max, q.missing]).toEqual([1, top, [code]]);
          expect(guesses.map((g) => g.note)).toContain(`"${code}" = no answer (${codeRows} answer${codeRows === 1 ? '' : 's'}), set apart as missing`);
        }),
        { numRuns: 20 },
      );
    } finally {
      await engine.close();
    }
  }, 60_000);

  it('drafts ratings of one column stem, wherever they sit, ratings side by side on one scale, and ratings whose texts begin alike as batteries, each ranked and diverging', async () => {
    const engine = await openNativeEngine();
    try {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 2, max: 5 }), fc.constantFrom(5, 7), async (n, m, top) => {
          // Q5_1..Q5_n on 1-5 with a 1-7 item "overall" in the middle of them; then m ratings on 1-top side by side,
          // named without a shared stem ("Rate the staff: a", "b"...); a yes/no column ends the run; two more ratings on 1-top,
          // apart, whose names begin with the same words ("How satisfied are you with the price", "... the speed").
          const stem = Array.from({ length: n }, (_, i) => `Q5_${i + 1}`);
          const side = Array.from({ length: m }, (_, i) => `Rate the staff: ${'abcde'[i]}`);
          const columns = [...stem.slice(0, 1), 'overall', ...stem.slice(1), ...side, 'member', 'How satisfied are you with the price', 'member2', 'How satisfied are you with the speed'];
          const rows = Array.from({ length: 14 }, (_, r) =>
            [r + 1, ...columns.map((c) => (c.startsWith('member') ? r % 2 : c === 'overall' ? 1 + (r % 7) : c.startsWith('Q5') ? 1 + (r % 5) : 1 + (r % top)))].join(','),
          );
          const { survey } = await drafted(engine, `id,${columns.map((c) => `"${c}"`).join(',')}\n${rows.join('\n')}\n`);
          const columnOf = (id: string) => survey.questions.find((q) => q.id === id)!.column;
          expect(survey.batteries!.map((b) => b.items.map(columnOf))).toEqual([stem, side, ['How satisfied are you with the price', 'How satisfied are you with the speed']]);
          expect(survey.batteries!.map((b) => b.label.en)).toEqual(['Q5', 'Rate the staff', 'How satisfied are you with the']);
          for (const b of survey.batteries!) {
            const indicators = survey.indicators!.filter((i) => i.battery === b.id);
            expect(indicators.map((i) => i.kind)).toEqual(['top_box', 'share']);
            expect(survey.charts!.filter((c) => indicators.some((i) => i.id === c.indicator)).map((c) => c.type)).toEqual(['ranked', 'diverging']);
          }
        }),
        { numRuns: 8 },
      );
    } finally {
      await engine.close();
    }
  }, 60_000);

  it('drafts an SPSS code whose value label says "Refused" as the segment\'s missing code, and lists it', async () => {
    // 24 cases: region 1, 2, 3 (North, South, East) seven times each, then 7 (labelled "Refused", not declared missing) three times.
    const csvFile = join(sources, 'labelled.csv');
    writeFileSync(csvFile, `region,sat\n${Array.from({ length: 24 }, (_, i) => `${i < 21 ? 1 + (i % 3) : 7},${1 + (i % 5)}`).join('\n')}\n`);
    const dictionary = join(sources, 'labelled.json');
    const labels = [['1', 'North'], ['2', 'South'], ['3', 'East'], ['7', 'Refused']].map(([code, label]) => ({ code, label }));
    writeFileSync(dictionary, JSON.stringify({ region: { label: 'Region', values: labels, measure: 'nominal' } }));
    const sav = join(sources, 'labelled-2024.sav');
    const made = spawnSync('python3', [join(root, 'test/fixtures/formats/make-sav.py'), csvFile, dictionary, sav, '--id', 'case_id'], { encoding: 'utf8' });
    expect(made.stderr).toBe('');
    const dirs = { dataDir: join(work, 'sav', 'data'), contentDir: join(work, 'sav', 'content') };
    const result = await createSurvey(root, 'labelled', sav, dirs);
    const survey = parseSurvey(readFileSync(result.definition, 'utf8'), 'survey.yaml');
    const region = survey.segments.find((s) => s.column === 'region')!;
    expect(region.options.map((o) => [o.code, o.label.en])).toEqual([['1', 'North'], ['2', 'South'], ['3', 'East']]);
    expect(region.missing).toEqual([7]);
    expect(result.guesses).toContain('region: 7 = "Refused" (3 answers), set apart as missing');
    expect((await checkAll(root, dirs.dataDir, dirs.contentDir)).problems).toEqual([]);
  });
});
