// The worker the page starts duckdb-wasm in. duckdb-wasm reports its module's download through a
// TransformStream, and so hands the browser a response of its own making to compile: the browser then never
// keeps the compiled module. Without TransformStream, it compiles straight from the fetch's response, and a
// returning reader's browser reuses the code it compiled (and optimised) on the last visit.
self.TransformStream = undefined;
importScripts('duckdb-browser-eh.worker.js');
