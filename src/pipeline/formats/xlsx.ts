import readXlsxFile from 'read-excel-file/node';
import { InputError } from '../../survey/errors.ts';
import type { WaveFile, WaveFormat } from './format.ts';
import { loadTextTable, type TextTable } from './text-table.ts';

/** A cell as the text a CSV export would hold: numbers in shortest round-trip form, dates as ISO dates, blank as null. */
function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
  }
  const s = String(v);
  return s === '' ? null : s;
}

/** The column letters Excel shows for 0-based column `i`: A, B, ..., Z, AA, ... */
function columnLetters(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

async function readXlsx(file: WaveFile): Promise<TextTable> {
  const problem = (rule: string, place?: string) => new InputError([{ file: file.label, ...(place ? { place } : {}), rule }]);
  let sheets: Awaited<ReturnType<typeof readXlsxFile>>;
  try {
    sheets = await readXlsxFile(file.path);
  } catch (e) {
    // read-excel-file 9.3 parses a sheet's XML in chunks by recursion, more of them on a busy machine: around
    // 100,000 rows of 50 columns the stack can overflow.
    if (e instanceof RangeError) throw problem('the sheet is too large for the Excel reader: save it as CSV UTF-8 and use the .csv');
    throw problem(`cannot be read as an Excel .xlsx workbook: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
  }
  const chosen = file.sheet === undefined ? sheets[0] : sheets.find((s) => s.sheet === file.sheet);
  if (!chosen) throw problem(`sheet "${file.sheet}" not found: the workbook has sheets ${sheets.map((s) => `"${s.sheet}"`).join(', ')}`);
  const at = (row: number) => `sheet "${chosen.sheet}", row ${row}`;
  const [head = [], ...body] = chosen.data;
  const header = head.map(cellText);
  // Columns past the last titled one are ignored, like trailing empty cells.
  while (header.length && header[header.length - 1] === null) header.pop();
  if (!header.length) throw problem('the first row holds no column names: put one name per column in row 1', at(1));
  const seen = new Set<string>();
  header.forEach((h, i) => {
    if (h === null) throw problem(`column ${columnLetters(i)} has no name: every column needs one in row 1`, at(1));
    if (seen.has(h)) throw problem(`column "${h}" appears twice in row 1: column names must differ`, at(1));
    seen.add(h);
  });
  // Empty rows are skipped, as blank lines of a CSV are: each loaded row keeps its Excel row number.
  const kept: number[] = [];
  const rows: (string | null)[][] = [];
  body.forEach((r, i) => {
    const cells = header.map((_, j) => cellText(r[j]));
    if (cells.some((c) => c !== null)) {
      rows.push(cells);
      kept.push(i + 2);
    }
  });
  const columns = header.map((_, j) => rows.map((r) => r[j]!));
  return { header: header as string[], columns, meta: new Map(), place: (line) => ({ place: at(line === 1 ? 1 : (kept[line - 2] ?? line)) }) };
}

const open = (engine: Parameters<WaveFormat['text']>[0], file: WaveFile) => loadTextTable(engine, file, readXlsx);

/** Excel workbooks (.xlsx), read with read-excel-file: the wave's `sheet`, else the first. */
export const xlsx: WaveFormat = {
  extensions: ['.xlsx'],
  sheets: true,
  text: async (engine, file) => (await open(engine, file)).query,
  typed: async (engine, _survey, file) => (await open(engine, file)).query,
  shapeProblems: () => [],
  places: async (engine, file) => (await open(engine, file)).table.place,
  columnMeta: async () => new Map(),
};
