import { extname } from 'node:path';
import type { Engine } from '../engine/engine.ts';
import { InputError } from '../survey/errors.ts';

/** Reads one wave file (CSV or Parquet) into a table of text columns, keeping file order in rowid. */
export async function loadWaveFile(engine: Engine, table: string, path: string, label: string): Promise<string[]> {
  const ext = extname(path).toLowerCase();
  const reader =
    ext === '.csv'
      ? 'read_csv(?, header = true, all_varchar = true, sample_size = -1)'
      : ext === '.parquet'
        ? 'read_parquet(?)'
        : undefined;
  if (!reader) throw new InputError([{ file: label, rule: `unsupported file type "${ext}": use .csv or .parquet` }]);
  try {
    await engine.query(`CREATE OR REPLACE TEMP TABLE "${table}" AS SELECT CAST(COLUMNS(*) AS VARCHAR) FROM ${reader}`, [path]);
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    throw new InputError([{ file: label, rule: `cannot be read: ${reason}` }]);
  }
  const cols = await engine.query(`SELECT column_name FROM (DESCRIBE "${table}")`);
  return cols.map((r) => String(r.column_name));
}
