/** A value passed to or read from SQL. */
export type SqlValue = string | number | boolean | null;
/** A query parameter: a scalar, a list of texts (bound as VARCHAR[]), or a struct of texts (bound as STRUCT of VARCHAR). */
export type SqlParam = SqlValue | readonly string[] | Readonly<Record<string, string>>;
/** One result row, with plain JavaScript values (BIGINT arrives as number). */
export type Row = Record<string, SqlValue>;

/** A parameterised SQL statement: `?` placeholders in `sql`, their values in `params`. */
export interface Query {
  sql: string;
  params: SqlParam[];
}

/** The one interface over DuckDB: native at build time, duckdb-wasm in the browser. */
export interface Engine {
  /** Runs one statement with `?` parameters and returns its rows. */
  query(sql: string, params?: readonly SqlParam[]): Promise<Row[]>;
  /** Runs one statement and returns its result column by column: cheaper than rows for large results. */
  columns(sql: string, params?: readonly SqlParam[]): Promise<Record<string, SqlValue[]>>;
  /** Releases the database. */
  close(): Promise<void>;
}

/** Quotes an identifier (a column or table name from the survey definition); values always go in parameters. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
