import { DuckDBInstance, LIST, listValue, STRUCT, structValue, VARCHAR, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import type { Engine, Row, SqlParam, SqlValue } from './engine.ts';
import { SESSION_SETTINGS } from './session.ts';

function toParam(p: SqlParam): DuckDBValue {
  if (Array.isArray(p)) return listValue(p as string[]);
  if (p !== null && typeof p === 'object') return structValue(p as Record<string, string>);
  return p as SqlValue;
}

// Lists and structs are typed explicitly: an empty list would otherwise have no item type.
function typeOf(p: SqlParam): DuckDBType | undefined {
  if (Array.isArray(p)) return LIST(VARCHAR);
  if (p !== null && typeof p === 'object') return STRUCT(Object.fromEntries(Object.keys(p).map((k) => [k, VARCHAR])));
  return undefined;
}

function toPlain(v: unknown): SqlValue {
  if (typeof v === 'bigint') return Number(v);
  if (v === undefined) return null;
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

class NativeEngine implements Engine {
  private readonly instance: DuckDBInstance;
  private readonly connection: DuckDBConnection;
  constructor(instance: DuckDBInstance, connection: DuckDBConnection) {
    this.instance = instance;
    this.connection = connection;
  }
  private async run(sql: string, params: readonly SqlParam[]) {
    const types = params.map(typeOf) as DuckDBType[];
    return this.connection.runAndReadAll(sql, params.length ? params.map(toParam) : undefined, params.length ? types : undefined);
  }
  async query(sql: string, params: readonly SqlParam[] = []): Promise<Row[]> {
    const reader = await this.run(sql, params);
    return reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, toPlain(v)])));
  }
  async columns(sql: string, params: readonly SqlParam[] = []): Promise<Record<string, SqlValue[]>> {
    const reader = await this.run(sql, params);
    return Object.fromEntries(Object.entries(reader.getColumnsObjectJS()).map(([k, values]) => [k, values.map(toPlain)]));
  }
  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** Opens native DuckDB (in memory unless a path is given) with the shared session settings. */
export async function openNativeEngine(path = ':memory:'): Promise<Engine> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  const engine = new NativeEngine(instance, connection);
  for (const s of SESSION_SETTINGS) await engine.query(s);
  return engine;
}
