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
 * Statements the slice computer runs before its indicator queries over the published cube (in the browser,
 * and in the build for the views it publishes ready-made). Statistics propagation must be off: a slice's
 * statement is prepared once, while the table of chosen values is empty, and the planner would take that
 * emptiness for a fact and give every later slice no rows. It was also half of their planning (measured:
 * 650 ms down to 360 ms for one slice of the largest sample report). DuckDB sets this option for the whole
 * database, not one connection: the build computes its slices after everything else (its own cube's fast
 * grouping needs statistics).
 */
export const SLICE_SETTINGS: readonly string[] = ["SET disabled_optimizers = 'statistics_propagation'"];

/** The temporary table, one per session, holding the values chosen for the slice of the published cube being computed: (dim, value). */
export const CHOSEN_TABLE = 'chosen';
