import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { numericColumns } from '../data-columns.ts';
import { CSV_DIALECT, csvRecords, csvShapeProblems } from '../csv-shape.ts';
import type { WaveFormat } from './format.ts';

/** RFC 4180 CSV in UTF-8, scanned in place by DuckDB (never copied). */
export const csv: WaveFormat = {
  extensions: ['.csv'],
  sheets: false,
  text: async (_engine, file) => ({ sql: `read_csv(?, header = true, all_varchar = true, ${CSV_DIALECT})`, params: [file.path] }),
  typed: async (_engine, survey, file, header) => {
    const numeric = numericColumns(survey);
    const types = Object.fromEntries(header.map((c) => [c, numeric.has(c) ? 'DOUBLE' : 'VARCHAR']));
    return { sql: `read_csv(?, header = true, types = ?, ${CSV_DIALECT})`, params: [file.path, types] };
  },
  shapeProblems: (file) => csvShapeProblems(readFileSync(file.path), file.label, basename(file.path)),
  places: async (_engine, file) => {
    // The table's rows are records; a quoted value spanning lines puts a record's first line further down.
    const lines = csvRecords(readFileSync(file.path, 'utf8').replace(/^\uFEFF/, '')).map((r) => r.line);
    return (line) => ({ line: lines[line - 1] ?? line });
  },
  columnMeta: async () => new Map(),
};
