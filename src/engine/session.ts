/**
 * Statements run at the start of every session, native or wasm: never download or load an extension
 * behind our back (a published site must make no request to DuckDB's servers), and keep row order stable.
 */
export const SESSION_SETTINGS: readonly string[] = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  'SET preserve_insertion_order = true',
];

/**
 * Statements run before indicator queries over the published cube (in the browser, and in the build for the
 * views it publishes ready-made). Those queries take longer to plan than to run, and statistics propagation
 * was half of their planning (measured: 650 ms down to 360 ms for one slice of the largest sample report);
 * their results are the same without it. The build's own cube keeps it: its fast grouping needs statistics.
 */
export const SLICE_SETTINGS: readonly string[] = ["SET disabled_optimizers = 'statistics_propagation'"];

/** The temporary table, one per session, holding the values chosen for the slice of the published cube being computed: (dim, value). */
export const CHOSEN_TABLE = 'chosen';
