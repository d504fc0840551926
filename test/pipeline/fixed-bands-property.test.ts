import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import { openNativeEngine } from '../../src/engine/native.ts';
import { groupingColumns } from '../../src/pipeline/derive.ts';
import { parseSurvey } from '../../src/survey/parse.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await openNativeEngine();
});
afterAll(async () => engine.close());

const MINI = readFileSync('test/fixtures/mini/survey.yaml', 'utf8');

/** The mini survey with a second grouping, of fixed bands of spend. */
function withBands(bands: { id: string; min?: number; max?: number }[]) {
  const grouping = stringify([{ id: 'banded', label: { zh: '段', en: 'Band' }, score: 'spend', bands: bands.map((b) => ({ ...b, label: { zh: b.id, en: b.id } })) }]);
  const indented = grouping.replace(/^/gm, '  ').trimEnd();
  return parseSurvey(MINI.replace('\nindicators:', `\n${indented}\nindicators:`), 'survey.yaml');
}

/** Contiguous whole-number bands: each starts right after the one before; the first may be open below, the last open above. */
const layouts = fc
  .record({ start: fc.integer({ min: -20, max: 20 }), widths: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 2, maxLength: 5 }), openLow: fc.boolean(), openHigh: fc.boolean() })
  .map(({ start, widths, openLow, openHigh }) => {
    let min = start;
    return widths.map((w, i) => {
      const band = { id: `b${i}`, min, max: min + w - 1 };
      min += w;
      return { id: band.id, ...(i === 0 && openLow ? {} : { min: band.min }), ...(i === widths.length - 1 && openHigh ? {} : { max: band.max }) };
    });
  });

describe('fixed bands, over generated layouts and values', () => {
  it('are accepted when contiguous, and put each value in the one band whose inclusive bounds hold it', async () => {
    await fc.assert(
      fc.asyncProperty(layouts, fc.array(fc.option(fc.integer({ min: -40, max: 80 }), { nil: null }), { minLength: 1, maxLength: 30 }), async (bands, values) => {
        const survey = withBands(bands);
        const [, column] = groupingColumns(survey, new Map()).find(([name]) => name === 'banded')!;
        const rows = await engine.query(
          `SELECT i, ${column.sql} AS band FROM (SELECT i, v::DOUBLE AS spend FROM (VALUES ${values.map((_, i) => `(${i}, ?)`).join(', ')}) t(i, v)) ORDER BY i`,
          [...column.params, ...values],
        );
        // Reference: the position (1-based) of the band with min <= v <= max, each bound present or not; none for a blank.
        const expected = values.map((v) => {
          if (v === null) return null;
          const at = bands.findIndex((b) => (b.min === undefined || v >= b.min) && (b.max === undefined || v <= b.max));
          return at < 0 ? null : at + 1;
        });
        expect(rows.map((r) => (r.band === null ? null : Number(r.band)))).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('are refused when one band overlaps the next or leaves a whole number out', () => {
    fc.assert(
      fc.property(layouts, fc.integer({ min: 0, max: 3 }), fc.constantFrom(-1, 1, 2), (bands, at, shift) => {
        const i = 1 + (at % (bands.length - 1));
        const moved = bands.map((b, j) => (j === i ? { ...b, min: b.min! + (shift === 1 ? -1 : shift) } : b));
        // shift -1 or 1 (read as -1): min moved onto the previous band's max (overlap); 2: one whole number left out.
        // (A band one wide moved up by 2 also ends below its start: a second problem, so only the overlap is alone.)
        const prev = `band "b${i - 1}"`;
        expect(() => withBands(moved)).toThrow(shift === 2 ? `leaves a gap after ${prev}` : new RegExp(`^1 problem in the input:\\n.*overlaps ${prev}`));
      }),
      { numRuns: 60 },
    );
  });
});
