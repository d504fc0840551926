import { quoteIdent, type Engine, type Query } from '../../engine/engine.ts';
import type { ColumnMeta, RowPlace, WaveFile } from './format.ts';

/** A file read by a JavaScript reader: its columns as text, how to name its rows, and what it says about its columns. */
export interface TextTable {
  header: string[];
  /** One list per column, in header order: the cells as text, null when empty. */
  columns: (string | null)[][];
  /** How to name line `line` (1 the header, 2 the first row). */
  place: (line: number) => RowPlace;
  meta: Map<string, ColumnMeta>;
}

interface Loaded {
  query: Query;
  table: TextTable;
}

// A file is read once per database: validation, typing and the data-quality scan all read the same table.
const loaded = new WeakMap<Engine, Map<string, Promise<Loaded>>>();
let tables = 0;

/**
 * The file, read by `read`, as a temporary table of text columns whose rowid follows the file's rows:
 * the same shape as a CSV read as text, so that the validation names its rows the same way.
 */
export function loadTextTable(engine: Engine, file: WaveFile, read: (file: WaveFile) => Promise<TextTable>): Promise<Loaded> {
  const files = loaded.get(engine) ?? new Map<string, Promise<Loaded>>();
  loaded.set(engine, files);
  const key = `${file.path}\0${file.sheet ?? ''}`;
  const found = files.get(key);
  if (found) return found;
  const load = (async () => {
    const table = await read(file);
    const name = `_file_${++tables}`;
    // Each column goes over as one JSON text: binding a list item by item costs far more (50 s against 2 for 100,000 rows of 50 columns).
    const columns = table.header.map((h) => `unnest(CAST(json(?) AS VARCHAR[])) AS ${quoteIdent(h)}`).join(', ');
    await engine.query(`CREATE TEMP TABLE ${name} AS SELECT ${columns}`, table.columns.map((c) => JSON.stringify(c)));
    return { query: { sql: name, params: [] }, table };
  })();
  // A failed read is not kept: the next attempt reads the file again.
  load.catch(() => files.delete(key));
  files.set(key, load);
  return load;
}
