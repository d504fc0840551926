import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkAll } from '../../src/pipeline/check.ts';
import { runSurvey } from '../../src/pipeline/run.ts';
import { InputError } from '../../src/survey/errors.ts';

const root = mkdtempSync(join(tmpdir(), 'cx-code-columns-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// "Which brands?" asked as up to three code columns; 9 = none (exclusive), 99 = don't know.
const QUESTION = `  - id: brands
    type: multi
    columns: [B1, B2, B3]
    missing: [99]
    label: { zh: 品牌, en: Brands }
    waves: { "2024": { columns: [Old 1, Old 2, Old 3] } }
    options:
      - { id: a, code: 1, label: { zh: 甲, en: A } }
      - { id: b, code: 2, label: { zh: 乙, en: B } }
      - { id: c, code: 3, label: { zh: 丙, en: C } }
      - { id: none, code: 9, exclusive: true, label: { zh: 无, en: None } }
`;
// The 2024 file names its columns differently (see `waves` above).
const CELLS: Record<string, string[]> = {
  '2024': ['1,,', '2,3,', '9,,', ',,'],
  '2025': ['1,2,', '2,2,1', '3,,', '9,,', ',,', '99,,', ',3,1', '1,,1'],
};

/** The mini survey with the brands question added, its code columns appended to each wave file (row i gets `cells[i]`). */
function survey(name: string, cells: Record<string, string[]> = CELLS): string {
  const dir = join(root, 'data', name);
  cpSync('test/fixtures/mini', dir, { recursive: true });
  const yaml = readFileSync(join(dir, 'survey.yaml'), 'utf8')
    .replace('composites:\n', `${QUESTION}composites:\n`)
    .replace('charts:\n', '  - { id: brands, kind: share, measure: brands }\ncharts:\n');
  writeFileSync(join(dir, 'survey.yaml'), yaml);
  for (const [wave, rows] of Object.entries(cells)) {
    const file = join(dir, `${wave}.csv`);
    const [header, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
    const names = wave === '2024' ? 'Old 1,Old 2,Old 3' : 'B1,B2,B3';
    writeFileSync(file, [`${header},${names}`, ...lines.map((l, i) => `${l},${rows[i]}`)].join('\n') + '\n');
  }
  return dir;
}

const shares = (figures: { key: string; value: number | null; n: number }[]) => Object.fromEntries(figures.map((f) => [f.key, [f.value, f.n]]));

describe('a multi question read from code columns', () => {
  it('counts each option once per row, leaves blanks and "don\'t know" out of the base, and reads renamed columns', async () => {
    const out = await runSurvey(survey('good'), root);
    // 2025: rows 1 (1,2), 2 (2,2,1), 3 (3), 4 (9), 7 (3,1), 8 (1,1) answer; row 5 is blank, row 6 only "don't know".
    // Base 6. a: rows 1, 2, 7, 8 -> 4; b: rows 1, 2 -> 2 (2 listed twice in row 2 counts once); c: rows 3, 7 -> 2; none: row 4.
    expect(shares(out.results.indicators.brands!['2025']!)).toEqual({ a: [4 / 6, 6], b: [2 / 6, 6], c: [2 / 6, 6], none: [1 / 6, 6] });
    // 2024, from the columns "Old 1..3": rows 1 (1), 2 (2,3), 3 (9) answer, row 4 is blank: base 3.
    expect(shares(out.results.indicators.brands!['2024']!)).toEqual({ a: [1 / 3, 3], b: [1 / 3, 3], c: [1 / 3, 3], none: [1 / 3, 3] });
  });

  it('names the file, line, column, value and rule of an unknown code and of an exclusive code chosen with others', async () => {
    const cells = { ...CELLS, '2025': CELLS['2025']!.map((c, i) => (i === 2 ? '3,,7' : i === 3 ? '9,1,' : c)) };
    const dir = survey('bad', cells);
    const { problems } = await checkAll(root, join(root, 'data'), join(root, 'no-content'));
    const file = join(dir, '2025.csv');
    expect(new InputError(problems).message).toContain(`${file.slice(root.length + 1)}`);
    const mine = problems.filter((p) => p.file.endsWith('bad/2025.csv'));
    expect(mine).toEqual([
      // Data row 3 is line 4 of the file (the header is line 1).
      expect.objectContaining({ line: 4, column: 'B3', value: '7', rule: 'not a listed option (allowed: 1, 2, 3, 9, 99)' }),
      expect.objectContaining({ line: 5, column: 'B1', value: '9', rule: '"none" is exclusive but other options are chosen too' }),
    ]);
  });
});
