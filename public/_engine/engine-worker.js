// The worker the page starts duckdb-wasm in.
//
// duckdb-wasm reports its module's download through a TransformStream, and so hands the browser a response
// of its own making to compile: the browser then never keeps the compiled module. Without TransformStream,
// it compiles straight from the fetch's response, and a returning reader's browser reuses the code it
// compiled (and optimised) on the last visit.
self.TransformStream = undefined;

// The page compiles the module in a worker of its own while this one loads and runs duckdb-wasm's script,
// and sends it here (the message's one key is COMPILED_MODULE in src/engine/bundle.ts). duckdb-wasm's fetch
// of the module (named in this worker's URL) then gets a stand-in, and instantiating it uses the compiled
// module; if the page could not compile it, duckdb-wasm's own way runs.
const moduleUrl = new URL(new URLSearchParams(self.location.search).get('module') ?? '', self.location.href).href;
const compiled = new Promise((resolve) => {
  self.addEventListener('message', (event) => {
    if (typeof event.data !== 'object' || event.data === null || !('cxCompiledModule' in event.data)) return;
    event.stopImmediatePropagation();
    resolve(event.data.cxCompiledModule);
  });
});
const standIn = new Response(null);
const fetchFromSite = self.fetch;
self.fetch = (input, init) => (new Request(input, init).url === moduleUrl ? Promise.resolve(standIn) : fetchFromSite(input, init));
const instantiateStreaming = WebAssembly.instantiateStreaming;
WebAssembly.instantiateStreaming = async (source, imports) => {
  const response = await source;
  if (response !== standIn) return instantiateStreaming(response, imports);
  const module = await compiled;
  if (!module) return instantiateStreaming(fetchFromSite(moduleUrl), imports);
  return { module, instance: await WebAssembly.instantiate(module, imports) };
};

importScripts('duckdb-browser-eh.worker.js');
