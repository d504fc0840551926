import { AsyncDuckDB, VoidLogger, type AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import type { Engine, Row, SqlParam, SqlValue } from './engine.ts';
import { ENGINE_START } from './bundle.ts';
import { inlineParams } from './literals.ts';
import { SESSION_SETTINGS } from './session.ts';

/** Where the page finds duckdb-wasm's files: served by the site itself, never by another host. */
export interface WasmBundle {
  module: string;
  worker: string;
}

function toPlain(v: unknown): SqlValue {
  if (typeof v === 'bigint') return Number(v);
  if (v === undefined) return null;
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

/** The Engine over duckdb-wasm, in a worker: the same SQL the build ran natively, over the published cube. */
export class WasmEngine implements Engine {
  private readonly db: AsyncDuckDB;
  private readonly connection: AsyncDuckDBConnection;
  private readonly worker: Worker;
  constructor(db: AsyncDuckDB, connection: AsyncDuckDBConnection, worker: Worker) {
    this.db = db;
    this.connection = connection;
    this.worker = worker;
  }
  private async run(sql: string, params: readonly SqlParam[]) {
    return this.connection.query(inlineParams(sql, params));
  }
  async query(sql: string, params: readonly SqlParam[] = []): Promise<Row[]> {
    const table = await this.run(sql, params);
    const names = table.schema.fields.map((f) => f.name);
    const columns = names.map((n) => table.getChild(n)!);
    const rows: Row[] = [];
    for (let i = 0; i < table.numRows; i++) rows.push(Object.fromEntries(names.map((n, j) => [n, toPlain(columns[j]!.get(i))])));
    return rows;
  }
  async columns(sql: string, params: readonly SqlParam[] = []): Promise<Record<string, SqlValue[]>> {
    const table = await this.run(sql, params);
    return Object.fromEntries(table.schema.fields.map((f) => [f.name, [...table.getChild(f.name)!].map(toPlain)]));
  }
  /** Loads an Arrow IPC stream (the published cube) as a new table, or (`create` false) appends it to the table. */
  async loadArrow(name: string, bytes: Uint8Array, create = true): Promise<void> {
    await this.connection.insertArrowFromIPCStream(bytes, { name, create });
  }
  async close(): Promise<void> {
    await this.connection.close();
    await this.db.terminate();
    this.worker.terminate();
  }
}

/**
 * Starts duckdb-wasm from the site's own files, with the shared session settings (no extension is ever
 * fetched). Leaves an ENGINE_START measure: the part of a first computed view no code of ours can shorten.
 */
export async function openWasmEngine(bundle: WasmBundle): Promise<WasmEngine> {
  const since = performance.now();
  const worker = new Worker(bundle.worker);
  // A worker whose script cannot be loaded only fires "error": without this, starting would wait forever.
  const unreachable = new Promise<never>((_, reject) =>
    worker.addEventListener('error', (event) => reject(new Error(`${bundle.worker}: ${event.message || 'could not be loaded'}`)), { once: true }),
  );
  unreachable.catch(() => undefined);
  const db = new AsyncDuckDB(new VoidLogger(), worker);
  try {
    await Promise.race([db.instantiate(bundle.module), unreachable]);
  } catch (error) {
    worker.terminate();
    throw error;
  }
  await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const connection = await db.connect();
  const engine = new WasmEngine(db, connection, worker);
  for (const s of SESSION_SETTINGS) await engine.query(s);
  performance.measure(ENGINE_START, { start: since });
  return engine;
}
