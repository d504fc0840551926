import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import { openNativeEngine } from '../../src/engine/native.ts';
import { dataQuality } from '../../src/pipeline/quality.ts';
import { readSurvey } from '../../src/pipeline/run.ts';

// The data-quality figures of the mini survey, worked out by hand from test/fixtures/mini/2025.csv (8 rows).
const root = process.cwd();
let engine: Engine;
beforeAll(async () => {
  engine = await openNativeEngine();
});
afterAll(async () => engine?.close());

describe('data quality', () => {
  it('counts responses per segment, blanks and "don’t know" per question, and straight-lining', async () => {
    const dir = resolve('test/fixtures/mini');
    const wave = (await dataQuality(engine, readSurvey(dir, root), dir)).find((w) => w.wave === '2025')!;
    expect(wave.respondents).toBe(8);
    // Rows 1, 2, 5 and 7 are in the north.
    expect(wave.segments).toEqual({ region: { north: 4, south: 4 } });
    // Row 5 answered satisfaction and channel with their "not applicable" codes (9 and 0) and left reasons,
    // perks and spend blank; only rows 1 and 5 wrote a note.
    // One row of eight is under suppress_below (3): its share, 1/8, would give the count away, so it is null;
    // beside it, the share of blanks of a question with "not applicable" codes is withheld too (blanks and codes
    // add up to the 8 less the question's published base).
    const items = Object.fromEntries(wave.items.map((i) => [i.question, [i.blank, i.missing]]));
    expect(items.sat).toEqual([null, null]);
    expect(items.channel).toEqual([null, null]);
    expect(items.reasons).toEqual([null, 0]);
    expect(items.perks).toEqual([null, 0]);
    expect(items.spend).toEqual([null, 0]);
    expect(items.note).toEqual([6 / 8, 0]);
    expect(items.rec).toEqual([0, 0]);
    expect(items.mail).toBeUndefined();
    // The grid: the three skills, 1-5 ratings in a row (satisfaction, also 1-5, is asked apart). Rows 1, 3
    // and 5 give all three the same score (5, 3, 1).
    expect(wave.grids).toEqual([{ questions: ['skill_a', 'skill_b', 'skill_c'], straight: 3, answered: 8 }]);
    expect(wave.repeated).toBe(0);
  });

  it('counts rows that repeat another row’s answers under another id', async () => {
    const dir = join(root, '.cx', `quality-test-${process.pid}`);
    try {
      mkdirSync(dir, { recursive: true });
      cpSync('test/fixtures/mini', dir, { recursive: true });
      // Three copies of row 3 (all 3s on the grid) under new ids, with another e-mail address and note
      // (neither compared).
      const copies = [9, 10, 11].map((id) => `${id},S,3,8,1,S,1,1,0,0,yes,copied ${id},x${id}@x.com,3,3,3`);
      writeFileSync(join(dir, '2025.csv'), `${readFileSync(join(dir, '2025.csv'), 'utf8').trimEnd()}\n${copies.join('\n')}\n`);
      const wave = (await dataQuality(engine, readSurvey(dir, root), dir)).find((w) => w.wave === '2025')!;
      expect(wave.repeated).toBe(3);
      expect(wave.grids[0]).toMatchObject({ straight: 6, answered: 11 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
