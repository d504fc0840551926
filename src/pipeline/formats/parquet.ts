import type { WaveFormat } from './format.ts';

/** Apache Parquet, scanned in place by DuckDB with the types it stores. */
export const parquet: WaveFormat = {
  extensions: ['.parquet'],
  sheets: false,
  text: async (_engine, file) => ({ sql: 'read_parquet(?)', params: [file.path] }),
  typed: async (_engine, _survey, file) => ({ sql: 'read_parquet(?)', params: [file.path] }),
  shapeProblems: () => [],
  places: async () => (line) => ({ line }),
  columnMeta: async () => new Map(),
};
