import { gzipSync } from 'node:zlib';
import { Dictionary, Float64, Int32, RecordBatch, tableToIPC, Utf8, vectorFromArray, Table, type Data, type DataType, type Vector } from 'apache-arrow';
import { quoteIdent, type Engine } from '../engine/engine.ts';
import { CUBE_STAT_COLUMNS } from '../indicators/cube.ts';
import { dimensionsOf } from '../survey/dimensions.ts';
import type { Survey } from '../survey/survey.ts';

// Text columns (dimensions, measure, value) repeat a few values over many rows: dictionary-encoded, they
// take a fraction of the bytes. Each dictionary's id is its column's position, not a process-wide counter,
// so that the same cube gives the same bytes.
const text = (id: number): DataType => new Dictionary(new Utf8(), new Int32(), id);
const TYPES: Record<string, (id: number) => DataType> = { measure: text, value: text, n: () => new Int32() };

/**
 * The rows of a cube table (the published one) that match `where`, as a file of the site: an Arrow IPC stream
 * (what duckdb-wasm reads with no extension), gzip-compressed. Its few distinct values compress 12 to 18
 * times, and a static host may not compress a file of this type: the page decompresses it itself.
 */
export async function cubeFile(engine: Engine, survey: Survey, table: string, where = 'TRUE'): Promise<Uint8Array> {
  const columns = [...dimensionsOf(survey).map((d) => d.id), ...CUBE_STAT_COLUMNS];
  const vectors: Record<string, Vector> = {};
  // One column at a time, so that only one column's JavaScript values are alive at once.
  for (const [i, col] of columns.entries()) {
    const type = TYPES[col]?.(i) ?? (CUBE_STAT_COLUMNS.includes(col as never) ? new Float64() : text(i));
    const data = await engine.columns(`SELECT ${quoteIdent(col)} FROM ${table} WHERE ${where} ORDER BY rowid`);
    vectors[col] = vectorFromArray(data[col] ?? [], type);
  }
  // A table of no rows has no batch, and a stream without one carries no dictionaries, which readers of its
  // schema expect (duckdb-wasm refuses it): one empty batch carries the (empty) dictionaries.
  const rows = Object.values(vectors)[0]?.length ? new Table(vectors) : new Table(new RecordBatch(Object.fromEntries(Object.entries(vectors).map(([k, v]): [string, Data] => [k, v.data[0]!]))));
  return gzipSync(tableToIPC(rows, 'stream'));
}
