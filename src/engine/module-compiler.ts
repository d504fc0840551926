/**
 * Compiles duckdb-wasm's module from the URL it is sent and posts the compiled module back, or null when it
 * cannot. Run in a worker of its own (see `compileApart` in wasm.ts), in parallel with the engine's worker.
 */
onmessage = (event: MessageEvent<string>) => {
  WebAssembly.compileStreaming(fetch(event.data)).then(
    (compiled) => postMessage(compiled),
    () => postMessage(null),
  );
};
