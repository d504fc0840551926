import { extname } from 'node:path';
import type { Engine, Query } from '../engine/engine.ts';
import { InputError } from '../survey/errors.ts';
import type { Survey } from '../survey/survey.ts';
import { CSV_DIALECT } from './csv-shape.ts';
import { numericColumns } from './data-columns.ts';

/** Whether a wave file is read as CSV (else Parquet; any other type is refused). */
export function isCsv(path: string, label: string): boolean {
  return format(path, label) === 'csv';
}

/** The first line of an error's message: what a reader needs, without the engine's context lines. */
export function reason(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}

function format(path: string, label: string): 'csv' | 'parquet' {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.parquet') return 'parquet';
  throw new InputError([{ file: label, rule: `unsupported file type "${ext}": use .csv or .parquet` }]);
}

/** The table function reading a wave file with every CSV column as text (Parquet as typed), `?` its path. */
export function asText(path: string, label: string): string {
  return format(path, label) === 'csv' ? `read_csv(?, header = true, all_varchar = true, ${CSV_DIALECT})` : 'read_parquet(?)';
}

/** The column names of a wave file, in file order. */
export async function readHeader(engine: Engine, path: string, label: string): Promise<string[]> {
  const reader = asText(path, label);
  try {
    const rows = await engine.query(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${reader})`, [path]);
    return rows.map((r) => String(r.column_name));
  } catch (e) {
    throw new InputError([{ file: label, rule: `cannot be read: ${reason(e)}` }]);
  }
}

/**
 * The file as a typed table expression, scanned in place (never copied): numeric questions as DOUBLE,
 * every other CSV column as text. Scanning fails on a value that is not a number.
 */
export function typedSource(survey: Survey, path: string, label: string, header: string[]): Query {
  if (format(path, label) === 'parquet') return { sql: 'read_parquet(?)', params: [path] };
  const numeric = numericColumns(survey);
  const types = Object.fromEntries(header.map((c) => [c, numeric.has(c) ? 'DOUBLE' : 'VARCHAR']));
  return { sql: `read_csv(?, header = true, types = ?, ${CSV_DIALECT})`, params: [path, types] };
}

/** Copies one wave file, as text, into a table whose rowid follows the file's lines: for naming bad values. */
export async function loadWaveFile(engine: Engine, table: string, path: string, label: string): Promise<void> {
  const reader = asText(path, label);
  try {
    await engine.query(`CREATE OR REPLACE TEMP TABLE "${table}" AS SELECT * FROM ${reader}`, [path]);
  } catch (e) {
    throw new InputError([{ file: label, rule: `cannot be read: ${reason(e)}` }]);
  }
}
