/**
 * The DuckDB release that the build (native) and the browser (wasm) both run, so that the same SQL gives
 * the same figures. duckdb-wasm 1.32.0 embeds DuckDB 1.4.3; @duckdb/node-api is pinned to the same release.
 */
export const DUCKDB_VERSION = 'v1.4.3';
/** Pinned packages, side by side: bump them together. */
export const ENGINE_PACKAGES = {
  native: { name: '@duckdb/node-api', version: '1.4.3-r.3' },
  wasm: { name: '@duckdb/duckdb-wasm', version: '1.32.0' },
} as const;
