import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCases } from '../../src/pipeline/formats/sav-cases.ts';

// The data records of a .sav file written here as PSPP's "System File Format" describes them, for any cases of
// numbers: decoding gives each number back as its shortest text, system-missing as blank.
const SYSMIS = -Number.MAX_VALUE;
const double = (x: number) => new Uint8Array(new Float64Array([x]).buffer);

/** Bytecode compression: 8 command bytes, then the raw slots they announce; `pad` ends each case's block with zeros as ReadStat does. */
function compress(cases: (number | null)[][], bias: number, pad: boolean): Uint8Array {
  const out: number[] = [];
  let commands: number[] = [];
  let raws: number[][] = [];
  const flush = () => {
    if (!commands.length) return;
    while (commands.length < 8) commands.push(0);
    out.push(...commands, ...raws.flat());
    commands = [];
    raws = [];
  };
  for (const row of cases) {
    for (const x of row) {
      if (x === null) commands.push(255);
      else if (Number.isInteger(x) && x + bias >= 1 && x + bias <= 251) commands.push(x + bias);
      else {
        commands.push(253);
        raws.push([...double(x)]);
      }
      if (commands.length === 8) flush();
    }
    if (pad) flush();
  }
  flush();
  return Uint8Array.from(out);
}

const value = fc.oneof(fc.integer({ min: -150, max: 300 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }), fc.constant(null));
const cases = fc.integer({ min: 1, max: 7 }).chain((width) => fc.array(fc.array(value, { minLength: width, maxLength: width }), { maxLength: 30 }));
const expected = (rows: (number | null)[][], width: number) => Array.from({ length: width }, (_, j) => rows.map((r) => (r[j] === null ? null : String(r[j]))));
const numbers = (width: number) => Array.from({ length: width }, () => ({ numeric: true, segments: [1], date: false }));

describe('decodeCases', () => {
  it('reads bytecode-compressed cases back, with or without padding after each case', () => {
    fc.assert(
      fc.property(cases, fc.boolean(), (rows, pad) => {
        const width = rows[0]?.length ?? 1;
        const decoded = decodeCases(compress(rows, 100, pad), 0, numbers(width), 100, rows.length, 'utf-8');
        expect(decoded).toEqual({ columns: expected(rows, width), count: rows.length, truncated: false });
      }),
    );
  });

  it('reads uncompressed cases back, system-missing as blank', () => {
    fc.assert(
      fc.property(cases, (rows) => {
        const width = rows[0]?.length ?? 1;
        const bytes = Uint8Array.from(rows.flatMap((r) => r.flatMap((x) => [...double(x ?? SYSMIS)])));
        expect(decodeCases(bytes, 0, numbers(width), null, rows.length, 'utf-8').columns).toEqual(expected(rows, width));
      }),
    );
  });

  it('counts the whole cases of data cut short', () => {
    fc.assert(
      fc.property(cases, fc.nat(), (rows, cut) => {
        const width = rows[0]?.length ?? 1;
        const bytes = Uint8Array.from(rows.flatMap((r) => r.flatMap((x) => [...double(x ?? SYSMIS)])));
        const kept = bytes.length ? cut % bytes.length : 0;
        // Uncompressed, a case is 8 bytes per variable: the whole ones before the cut are read.
        const decoded = decodeCases(bytes.subarray(0, kept), 0, numbers(width), null, rows.length, 'utf-8');
        expect(decoded.count).toBe(Math.floor(kept / (8 * width)));
      }),
    );
  });

  it('reads strings of several slots, spaces as blank', () => {
    // "Prepaid plan" takes two 8-byte slots: "Prepaid " and "plan    ".
    const text = new TextEncoder().encode('Prepaid plan    ' + ' '.repeat(16));
    const decoded = decodeCases(text, 0, [{ numeric: false, segments: [2], date: false }], null, 2, 'utf-8');
    expect(decoded.columns).toEqual([['Prepaid plan', null]]);
  });
});
