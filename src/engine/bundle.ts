/** duckdb-wasm's module and worker, which the build copies into the site and the page loads from there. */
export const ENGINE_FILES = { module: 'duckdb-eh.wasm', worker: 'duckdb-browser-eh.worker.js' } as const;

/**
 * The worker the page starts, in the same folder (from public/): it loads duckdb-wasm's worker so that the
 * browser keeps the module it compiles (see the file).
 */
export const ENGINE_WORKER = 'engine-worker.js';

/** The site folder that serves them: readers' browsers fetch nothing from any other host. */
export const ENGINE_DIR = '_engine';

/** The User Timing measure of duckdb-wasm's own start in a page: from its worker's creation to a connection ready for queries. */
export const ENGINE_START = 'cx-engine-start';
