import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readyMade } from '../../src/filters/slices.ts';
import { compileWhere } from '../../src/filters/where.ts';
import { computeIndicators } from '../../src/indicators/run.ts';
import { loadCube, runSurvey, type SurveyOutput } from '../../src/pipeline/run.ts';
import { checkAll } from '../../src/pipeline/check.ts';

const root = mkdtempSync(join(tmpdir(), 'cx-fixed-bands-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The mini survey with a grouping of fixed bands (`bands`, YAML lines) over `score`, and satisfaction's top box by it. */
function survey(name: string, score: string, bands: string): string {
  const dir = join(root, 'data', name);
  cpSync('test/fixtures/mini', dir, { recursive: true });
  const grouping = `  - id: banded\n    label: { zh: 分段, en: Banded }\n    score: ${score}\n    bands:\n${bands}`;
  const yaml = readFileSync(join(dir, 'survey.yaml'), 'utf8')
    .replace('indicators:\n', `${grouping}indicators:\n`)
    .replace('charts:\n', '  - { id: sat_by_band, kind: top_box, measure: sat, by: banded }\ncharts:\n');
  writeFileSync(join(dir, 'survey.yaml'), yaml);
  return dir;
}

const SPEND = ['      - { id: low, max: 49, label: { zh: 低, en: Low } }', '      - { id: high, min: 50, max: 100, label: { zh: 高, en: High } }', ''].join('\n');

describe('a grouping of fixed bands', () => {
  let out: SurveyOutput;
  beforeAll(async () => {
    out = await runSurvey(survey('spend', 'spend', SPEND), root);
  }, 120_000);

  it('puts each value in the band whose inclusive bounds hold it, and a value in no band or missing in none', () => {
    // 2025 spend by row: 100, 50, 0, 25, (blank), 75, 200, 10.
    // low (up to 49): rows 3, 4, 8; high (50-100): rows 2 (50, on the lower bound), 6, 1 (100, on the upper bound);
    // row 7 (200) and row 5 (blank) in no band. Satisfaction: low 3, 2, 4 -> top box 1/3; high 4, 1, 5 -> 2/3.
    const figures = out.results.indicators.sat_by_band!['2025']!;
    expect(figures.map((f) => [f.group, f.n, f.value])).toEqual([
      ['low', 3, 1 / 3],
      ['high', 3, 2 / 3],
    ]);
  });

  it('filters as a dimension, in the build and in the ready-made views the browser reads', async () => {
    // high in 2025: rows 1, 2, 6 -> satisfaction 5, 4, 1: top box 2/3 of 3.
    const state = { wave: '2025', dims: { banded: ['high'] } };
    const { survey: s, engine } = await loadCube(join(root, 'data', 'spend'), root);
    try {
      const built = await computeIndicators(engine, s, s.indicators, compileWhere(s, state), ['2025']);
      expect(built.sat_top!['2025']!.map((f) => [f.n, f.value])).toEqual([[3, 2 / 3]]);
    } finally {
      await engine.close();
    }
    const view = readyMade(out.survey, state)!;
    const published = out.slices.get(view.file)![view.entry]!.sat_top!['2025']!;
    // Unless the published cube withholds the band to protect a smaller one, the browser's figure is the build's.
    if (!published[0]!.suppressed) expect(published.map((f) => [f.n, f.value])).toEqual([[3, 2 / 3]]);
    else expect(published.map((f) => f.value)).toEqual([null]);
  });

  it('splits a rating too: bounds at the scale points', async () => {
    // 2025 satisfaction 5, 4, 3, 2, (9 = not applicable), 1, 5, 4; bands 1-2, 3-4, 5.
    const bands = ['      - { id: low, max: 2, label: { zh: 低, en: Low } }', '      - { id: mid, min: 3, max: 4, label: { zh: 中, en: Mid } }', '      - { id: top, min: 5, label: { zh: 高, en: Top } }', ''].join('\n');
    const result = await runSurvey(survey('rated', 'sat', bands), root);
    // top box (4 or 5) per band: low rows 4, 6 -> 0 of 2; mid rows 2, 3, 8 -> 2 of 3; top rows 1, 7 -> 2 of 2.
    expect(result.results.indicators.sat_by_band!['2025']!.map((f) => [f.group, f.n])).toEqual([
      ['low', 2],
      ['mid', 3],
      ['top', 2],
    ]);
  }, 120_000);

  it('refuses gaps and overlaps, naming the band and the rule', async () => {
    const bad = ['      - { id: low, max: 49, label: { zh: 低, en: Low } }', '      - { id: mid, min: 49, max: 80, label: { zh: 中, en: Mid } }', '      - { id: high, min: 90, label: { zh: 高, en: High } }', ''].join('\n');
    survey('gappy', 'spend', bad);
    const { problems } = await checkAll(root, join(root, 'data'), join(root, 'no-content'));
    expect(problems.filter((p) => p.file.includes('gappy')).map((p) => [p.path, p.rule])).toEqual([
      ['groupings[1].bands[1].min', '49 overlaps band "low", which ends at 49 (bounds are inclusive): bands must not overlap'],
      ['groupings[1].bands[2].min', '90 leaves a gap after band "mid", which ends at 80: start at 81 at most'],
    ]);
  });
});
