import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runSurvey } from '../../src/pipeline/run.ts';
import { InputError, type InputProblem } from '../../src/survey/errors.ts';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the mini fixture in a temporary project folder, with 2025.csv changed by `edit`. */
function copyMini(edit: (csv: string) => string): string {
  root = mkdtempSync(join(tmpdir(), 'cx-bad-'));
  const dir = join(root, 'data', 'mini');
  cpSync('test/fixtures/mini', dir, { recursive: true });
  const file = join(dir, '2025.csv');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return dir;
}

async function problems(edit: (csv: string) => string): Promise<InputProblem[]> {
  const dir = copyMini(edit);
  try {
    await runSurvey(dir, root);
  } catch (e) {
    if (e instanceof InputError) return e.problems;
    throw e;
  }
  throw new Error('expected the pipeline to reject the data');
}

const FILE = 'data/mini/2025.csv';
/** Replaces line `n` (1-based) of a CSV text. */
const setLine = (n: number, text: string) => (csv: string) => csv.split('\n').map((l, i) => (i === n - 1 ? text : l)).join('\n');

describe('bad rows are reported with file, line, column, value and rule', () => {
  it('a score out of range, an unknown option and a non-number on their lines', async () => {
    const p = await problems((csv) =>
      setLine(3, '2,N,7,9,2,Q,0,1,0,50,no,,b@x.com,4,4,3')(setLine(5, '4,S,2,7,5,P,0,0,1,lots,no,,d@x.com,2,2,1')(csv)),
    );
    expect(p).toEqual([
      { file: FILE, line: 3, column: 'Satisfaction / 满意度', value: '7', rule: 'above the maximum 5' },
      { file: FILE, line: 5, column: 'Channel', value: '5', rule: 'not a listed option (allowed: 1, 2, 3, 0)' },
      { file: FILE, line: 5, column: 'Spend', value: 'lots', rule: 'not a number' },
    ]);
  });

  it('a value longer than the reader takes is named on its own line and column, not on line 1', async () => {
    // Lines 10-60 are respondents 100-150; line 52 (respondent 142) has a note of a million 很 (3 bytes each):
    // 3,000,000 + the line's 34 other bytes = 3,000,034 bytes, over the 2,097,152 the reader takes.
    const p = await problems((csv) => {
      const rows = Array.from({ length: 51 }, (_, i) => `${100 + i},N,4,9,1,P,1,0,0,10,yes,${i === 42 ? '很'.repeat(1_000_000) : 'ok'},,3,3,3`);
      return `${csv.trimEnd()}\n${rows.join('\n')}\n`;
    });
    expect(p).toEqual([
      { file: FILE, line: 52, column: 'Note', rule: 'the line is 3,000,034 bytes long; at most 2,097,152 are read: shorten the value (free text belongs in a file of its own)' },
    ]);
  });

  it('a duplicate id names the later line', async () => {
    const p = await problems(setLine(9, '1,S,4,3,1,P,1,0,0,10,yes,,h@x.com,3,4,4'));
    expect(p).toEqual([{ file: FILE, line: 9, column: 'ID', value: '1', rule: 'duplicate id: already used on an earlier line' }]);
  });

  it('a blank required answer, a fractional rating and an unknown delimited code', async () => {
    const p = await problems(setLine(4, '3,S,3.5,8,1,S;X,1,1,0,0,yes,,c@x.com,,3,3'));
    expect(p).toEqual([
      { file: FILE, line: 4, column: 'Satisfaction / 满意度', value: '3.5', rule: 'not a whole number' },
      { file: FILE, line: 4, column: 'Reasons', value: 'S;X', rule: 'holds a code that is not a listed option (allowed: P, Q, S; separator ";")' },
      { file: FILE, line: 4, column: 'Skill A', value: '', rule: 'required: question "skill_a" is blank' },
    ]);
  });

  it('an exclusive option chosen with others', async () => {
    const p = await problems(setLine(2, '1,N,5,10,1,P;Q,1,0,1,100,yes,,a@x.com,5,5,5'));
    expect(p).toEqual([{ file: FILE, line: 2, column: 'Perk: none', value: '1', rule: '"no_perk" is exclusive but other options are chosen too' }]);
  });

  it('unknown and missing columns are named on the header line', async () => {
    const p = await problems((csv) => csv.replace('Spend,', 'Spending,'));
    expect(p).toEqual([
      { file: FILE, line: 1, column: 'Spend', rule: 'missing column: declared in survey.yaml but not in the file' },
      { file: FILE, line: 1, column: 'Spending', rule: 'unknown column: not declared in survey.yaml' },
    ]);
  });

  // Loading flags bad rows by a cheaper route than the checks that name them (typed columns mark their own
  // invalid values); each kind of value must still stop the build on its own.
  it.each([
    ['a segment value', 2, 'Region', 'X', 'not a listed value (allowed: N, S)'],
    ['an NPS score', 3, '推荐 0-10', '11', 'above the maximum 10'],
    ['a number below its minimum', 4, 'Spend', '-1', 'below the minimum 0'],
    ['a yes/no code', 5, 'Member', 'maybe', 'not a yes/no code (allowed: 1, yes, true, 0, no, false)'],
    ['a 0/1 option column', 6, 'Perk: A', '2', 'must be 1 (chosen) or 0 (not chosen) (allowed: 0, 1)'],
    ['a skill that no indicator reads', 7, 'Skill B', '6', 'above the maximum 5'],
    ['a blank required skill', 8, 'Skill C', '', 'required: question "skill_c" is blank'],
  ])('%s alone', async (_, line, column, value, rule) => {
    const p = await problems((csv) => {
      const rows = csv.split('\n').map((l) => l.split(','));
      const at = rows[0]!.indexOf(column);
      rows[line - 1]![at] = value;
      return rows.map((r) => r.join(',')).join('\n');
    });
    expect(p).toEqual([{ file: FILE, line, column, value, rule }]);
  });

  it('a declared wave whose file is missing', async () => {
    const dir = copyMini((csv) => csv);
    rmSync(join(dir, '2024.csv'));
    await expect(runSurvey(dir, root)).rejects.toThrow('data/mini/2024.csv: data file of wave 2024 not found');
  });
});
