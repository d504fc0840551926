import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilterState } from '../../src/filters/state.ts';
import { compileWhere, publishedSlice } from '../../src/filters/where.ts';
import { computeIndicator, sliceComputer } from '../../src/indicators/run.ts';
import { buildPublishedCube } from '../../src/pipeline/published.ts';
import { loadCube, runSurvey, type LoadedCube, type SurveyOutput } from '../../src/pipeline/run.ts';
import { InputError } from '../../src/survey/errors.ts';
import { parseSurvey } from '../../src/survey/parse.ts';

// The one-segment fixture: gender codes 1 (male) ×64, 2 (female) ×60, 4 (other) ×8, and the "not stated"
// codes 9 ×20 and 3 ×8; tier high is the upper half of spend (80 rows). Every expected figure below is counted
// from 2025.csv by test/fixtures/one-segment/data/duo/make.py with Python's csv module.
const dir = resolve('test/fixtures/one-segment/data/duo');
let out: SurveyOutput;
let cube: LoadedCube;
beforeAll(async () => {
  out = await runSurvey(dir, process.cwd());
  cube = await loadCube(dir, process.cwd());
  await buildPublishedCube(cube.engine, cube.survey);
}, 60_000);
afterAll(async () => cube?.engine.close());

/** Satisfied (top-2 box) over a view: [satisfied, base], from the full cube (the build's figures). */
async function native(dims: FilterState['dims'], id = 'sat_top'): Promise<[string | null, number, number][]> {
  const indicator = cube.survey.indicators.find((i) => i.id === id)!;
  const figures = (await computeIndicator(cube.engine, cube.survey, indicator, compileWhere(cube.survey, { dims }), ['2025']))['2025']!;
  return figures.map((f) => [f.group, f.value === null ? NaN : Math.round(f.value * f.n), f.n]);
}

/** The same, from the published cube, as the browser's engine and the ready-made views compute it. */
async function published(dims: FilterState['dims'], id = 'sat_top'): Promise<[string | null, number, number][]> {
  const indicator = cube.survey.indicators.find((i) => i.id === id)!;
  const figures = (await sliceComputer(cube.engine, cube.survey).compute([indicator], publishedSlice(cube.survey, { dims })))[id]!['2025']!;
  return figures.map((f) => [f.group, f.value === null ? NaN : Math.round(f.value * f.n), f.n]);
}

describe('segment codes declared missing ("not stated")', () => {
  it('stay in every figure not split by the segment', async () => {
    expect(out.results.indicators.sat_top!['2025']![0]).toMatchObject({ n: 160, value: 67 / 160 });
    for (const figures of [native, published]) {
      expect(await figures({})).toEqual([[null, 67, 160]]);
      // Filtered on the grouping only: 33 of 80, whatever the gender.
      expect(await figures({ tier: ['high'] })).toEqual([[null, 33, 80]]);
    }
  });

  it('are in none of the segment’s options, nor its "by" groups', async () => {
    const byGender = out.results.indicators.sat_by_gender!['2025']!.map((f) => [f.group, f.n, f.suppressed]);
    expect(byGender).toEqual([
      ['male', 64, false],
      ['female', 60, false],
      ['other', 8, true],
    ]);
    // Published, "female" is withheld too: otherwise "other" (8) would be all genders minus "male", "female" and the blanks.
    expect((await published({ gender: ['male', 'female'] })).map(([, , n]) => n)).toEqual([64]);
    for (const figures of [native]) {
      expect(await figures({ gender: ['male', 'female'] })).toEqual([[null, 55, 124]]);
      expect(await figures({ gender: ['female'], tier: ['high'] })).toEqual([[null, 11, 32]]);
      expect(await figures({ gender: ['male', 'female'], tier: ['high'] })).toEqual([[null, 27, 61]]);
      const groups = await figures({ tier: ['high'] }, 'sat_by_gender');
      expect(groups.filter(([g]) => g !== 'other')).toEqual([
        ['male', 16, 29],
        ['female', 11, 32],
      ]);
    }
  });

  it('are counted per code on the data-quality page, under suppress_below withheld', () => {
    const [wave] = out.quality;
    expect(wave!.respondents).toBe(160);
    expect(wave!.segments).toEqual({ gender: { male: 64, female: 60, other: null } });
    expect(wave!.segmentMissing).toEqual({ gender: { '9': 20, '3': null } });
  });
});

describe('segment codes neither listed nor missing', () => {
  let root: string;
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('are reported with file, line, column, value and rule', async () => {
    root = mkdtempSync(join(tmpdir(), 'cx-missing-'));
    const copy = join(root, 'data', 'duo');
    cpSync(dir, copy, { recursive: true });
    const csv = readFileSync(join(copy, '2025.csv'), 'utf8').split('\n');
    // Line 5 of the file (the 4th respondent) gets gender 5, a code the definition does not declare.
    csv[4] = csv[4]!.replace(/^(\d+),\d,/, '$1,5,');
    writeFileSync(join(copy, '2025.csv'), csv.join('\n'));
    const error = await runSurvey(copy, root).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems).toEqual([
      { file: 'data/duo/2025.csv', line: 5, column: 'gender', value: '5', rule: 'not a listed value (allowed: 1, 2, 4, 9, 3)' },
    ]);
  });

  it('a code both listed and missing is refused in the definition', () => {
    const yaml = readFileSync(join(dir, 'survey.yaml'), 'utf8').replace('missing: [9, 3]', 'missing: [9, 2]');
    expect(() => parseSurvey(yaml, 'survey.yaml')).toThrow(/segments\[0\]\.missing\[1\].*"2" is the code of an option: a code is either an option or missing/s);
  });
});
