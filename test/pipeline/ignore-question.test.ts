import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openNativeEngine } from '../../src/engine/native.ts';
import { dataQuality } from '../../src/pipeline/quality.ts';
import { loadCube } from '../../src/pipeline/run.ts';
import { parseSurvey } from '../../src/survey/parse.ts';

// A question of type ignore (a row index under an empty header, a timestamp): declared, read, never loaded,
// validated, counted or compared.
const root = process.cwd();
const work = join(root, '.cx', `ignore-question-${process.pid}`);
const dir = join(work, 'data', 'ign');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const YAML = `id: ign
title: { zh: t, en: t }
description: { zh: t, en: t }
source: { zh: t, en: t }
unit: { zh: 人, en: respondents }
id_column: id
suppress_below: 1
waves: [{ id: "2024", file: "2024.csv" }]
questions:
  - { id: row, type: ignore, column: "", label: { zh: 行, en: row }, required: true }
  - { id: at, type: ignore, column: submitted, label: { zh: 时间, en: submitted } }
  - { id: sat, type: rating, column: sat, label: { zh: 满意, en: sat }, scale: { min: 1, max: 5 } }
indicators: [{ id: sat_top, kind: top_box, measure: sat }]
`;
// Rows 2 and 3 give the same answers under other ids; their index and timestamp differ, and one cell is
// blank and one is not a date at all: none of that matters in an ignored column.
const CSV = `"",id,submitted,sat
1,a,2024-01-02 10:00,5
2,b,2024-01-03 11:00,4
3,c,not a date,4
,d,2024-01-05 09:30,2
`;

describe('a question of type ignore', () => {
  it('is accepted with an empty header, never loaded, and left out of the data-quality figures', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'survey.yaml'), YAML);
    writeFileSync(join(dir, '2024.csv'), CSV);
    expect(parseSurvey(YAML, 'survey.yaml').questions.map((q) => q.type)).toEqual(['ignore', 'ignore', 'rating']);
    // Validated and loaded, though row d has no index while "row" is required: an ignored column is never checked.
    const { engine, counts } = await loadCube(dir, root);
    await engine.close();
    expect(counts).toEqual({ '2024': 4 });
    const engine2 = await openNativeEngine();
    try {
      const [wave] = await dataQuality(engine2, parseSurvey(YAML, 'survey.yaml'), dir);
      // Only sat is an item; b and c repeat answers (sat 4), so one row repeats an earlier one.
      expect(wave!.items.map((i) => i.question)).toEqual(['sat']);
      expect(wave!.repeated).toBe(1);
    } finally {
      await engine2.close();
    }
  });
});
