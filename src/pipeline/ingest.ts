import type { Engine, Query } from '../engine/engine.ts';
import { InputError } from '../survey/errors.ts';
import type { Survey } from '../survey/survey.ts';
import { formatOf, type WaveFile } from './formats/index.ts';

/** The first line of an error's message: what a reader needs, without the engine's context lines. */
export function reason(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}

/** Runs a read of `file`; a failure that is not already a named input problem becomes "cannot be read". */
async function reading<T>(file: WaveFile, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError([{ file: file.label, rule: `cannot be read: ${reason(e)}` }]);
  }
}

/** The wave file as a table expression with every column as text (Parquet as typed). */
export function asText(engine: Engine, file: WaveFile): Promise<Query> {
  return reading(file, () => formatOf(file).text(engine, file));
}

/** The column names of a wave file, in file order. */
export async function readHeader(engine: Engine, file: WaveFile): Promise<string[]> {
  const source = await asText(engine, file);
  return reading(file, async () => (await engine.query(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${source.sql})`, source.params)).map((r) => String(r.column_name)));
}

/**
 * The file as a typed table expression, scanned in place where its format allows (CSV, Parquet): numeric
 * questions as DOUBLE, every other CSV column as text. Scanning fails on a value that is not a number.
 */
export function typedSource(engine: Engine, survey: Survey, file: WaveFile, header: string[]): Promise<Query> {
  return reading(file, () => formatOf(file).typed(engine, survey, file, header));
}

/** Copies one wave file, as text, into a table whose rowid follows the file's rows: for naming bad values. */
export async function loadWaveFile(engine: Engine, table: string, file: WaveFile): Promise<void> {
  const source = await asText(engine, file);
  await reading(file, () => engine.query(`CREATE OR REPLACE TEMP TABLE "${table}" AS SELECT * FROM ${source.sql}`, source.params));
}
