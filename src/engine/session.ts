/**
 * Statements run at the start of every session, native or wasm: never download or load an extension
 * behind our back (a published site must make no request to DuckDB's servers), and keep row order stable.
 */
export const SESSION_SETTINGS: readonly string[] = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  'SET preserve_insertion_order = true',
];
