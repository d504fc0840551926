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

/** Native DuckDB: an Engine that can open more sessions on the same database, to run queries side by side. */
export interface NativeEngine extends Engine {
  /** Another connection to the same database, with the shared session settings; the caller closes it. */
  connect(): Promise<Engine>;
}

class NativeSession implements NativeEngine {
  private readonly instance: DuckDBInstance;
  private readonly connection: DuckDBConnection;
  private readonly owner: boolean;
  constructor(instance: DuckDBInstance, connection: DuckDBConnection, owner: boolean) {
    this.instance = instance;
    this.connection = connection;
    this.owner = owner;
  }
  async connect(): Promise<Engine> {
    return session(this.instance, false);
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
  /** Closes this connection, and the database with the first one. */
  async close(): Promise<void> {
    this.connection.closeSync();
    if (this.owner) this.instance.closeSync();
  }
}

async function session(instance: DuckDBInstance, owner: boolean): Promise<NativeEngine> {
  const engine = new NativeSession(instance, await instance.connect(), owner);
  for (const s of SESSION_SETTINGS) await engine.query(s);
  return engine;
}

/** Opens native DuckDB (in memory unless a path is given) with the shared session settings. */
export async function openNativeEngine(path = ':memory:'): Promise<NativeEngine> {
  return session(await DuckDBInstance.create(path), true);
}
