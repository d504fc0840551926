import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENGINE_FILES } from '../../src/engine/bundle.ts';
import { engineExportsKept, engineFile, publishedEngineFile } from '../../src/pipeline/engine-module.ts';
import { keepExports, wasmExportNames, wasmImports } from '../../src/pipeline/wasm-exports.ts';

const ascii = (s: string) => [s.length, ...[...s].map((c) => c.charCodeAt(0))];
const section = (id: number, content: number[]) => [id, content.length, ...content];

/**
 * A module written byte by byte from the binary format: two types, five imports (one of each kind, and a
 * GOT entry as Emscripten's dynamic linking makes them), three functions returning 1, 2 and 3, six exports.
 */
const MODULE = Uint8Array.from([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...section(1, [2, 0x60, 0, 1, 0x7f, 0x60, 0, 0]),
  ...section(2, [
    5,
    ...ascii('GOT.func'), ...ascii('linked'), 0x03, 0x7f, 1,
    ...ascii('env'), ...ascii('memory'), 0x02, 0x00, 1,
    ...ascii('env'), ...ascii('table'), 0x01, 0x70, 0x01, 1, 2,
    ...ascii('env'), ...ascii('tag'), 0x04, 0x00, 1,
    ...ascii('env'), ...ascii('f'), 0x00, 0,
  ]),
  ...section(3, [3, 0, 0, 0]),
  ...section(7, [
    6,
    ...ascii('a'), 0x00, 1,
    ...ascii('b'), 0x00, 2,
    ...ascii('linked'), 0x00, 3,
    ...ascii('orig$linked'), 0x00, 3,
    ...ascii('dynCall_i'), 0x00, 1,
    ...ascii('z'), 0x00, 2,
  ]),
  ...section(10, [3, 4, 0, 0x41, 1, 0x0b, 4, 0, 0x41, 2, 0x0b, 4, 0, 0x41, 3, 0x0b]),
]);

function instantiate(bytes: Uint8Array): Record<string, unknown> {
  const imports = {
    'GOT.func': { linked: new WebAssembly.Global({ value: 'i32', mutable: true }) },
    env: {
      memory: new WebAssembly.Memory({ initial: 1 }),
      table: new WebAssembly.Table({ initial: 1, maximum: 2, element: 'anyfunc' }),
      tag: new WebAssembly.Tag({ parameters: [] }),
      f: () => 0,
    },
  };
  // TypeScript's lib does not list tags among import values yet.
  return new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>), imports as unknown as WebAssembly.Imports).exports;
}

describe('a WebAssembly module with fewer exports', () => {
  it('reads the imports and exports of a module written by hand', () => {
    expect(wasmImports(MODULE, 'hand.wasm')).toEqual([
      { module: 'GOT.func', name: 'linked' },
      { module: 'env', name: 'memory' },
      { module: 'env', name: 'table' },
      { module: 'env', name: 'tag' },
      { module: 'env', name: 'f' },
    ]);
    expect(wasmExportNames(MODULE, 'hand.wasm')).toEqual(['a', 'b', 'linked', 'orig$linked', 'dynCall_i', 'z']);
  });

  it('drops the exports not kept and leaves the code as it was', () => {
    const out = keepExports(MODULE, (name) => name === 'a' || name === 'linked', 'hand.wasm');
    const exports = instantiate(out);
    expect(Object.keys(exports)).toEqual(['a', 'linked']);
    expect((exports.a as () => number)()).toBe(1);
    expect((exports.linked as () => number)()).toBe(3);
    // Four export entries of 4, 14, 12 and 4 bytes are gone (b, orig$linked, dynCall_i, z).
    expect(out.length).toBe(MODULE.length - 34);
  });

  it('writes the same bytes back when it keeps every export', () => {
    expect(keepExports(MODULE, () => true, 'hand.wasm')).toEqual(MODULE);
  });

  it('names the file when the bytes are not a module', () => {
    expect(() => wasmImports(Uint8Array.from([1, 2, 3, 4, 1, 0, 0, 0]), 'broken.wasm')).toThrow('broken.wasm: not a WebAssembly module');
    expect(() => wasmExportNames(MODULE.subarray(0, MODULE.length - 3), 'cut.wasm')).toThrow(/^cut\.wasm: a section runs past the end/);
  });

  it("keeps what duckdb-wasm's glue reaches: names it mentions, GOT symbols and their orig$ variants, dyncalls", () => {
    const glue = 'var x = Module["_a"]; getDynCaller("i")';
    const kept = wasmExportNames(MODULE, 'hand.wasm').filter(engineExportsKept(MODULE, glue, 'hand.wasm'));
    expect(kept).toEqual(['a', 'linked', 'orig$linked', 'dynCall_i']);
  });

  it('publishes a duckdb-wasm module that still exports every C function of its API', () => {
    const exportsOf = (bytes: Uint8Array) => new Set(WebAssembly.Module.exports(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>)).map((e) => e.name));
    const original = exportsOf(readFileSync(engineFile(ENGINE_FILES.module)));
    const published = publishedEngineFile(ENGINE_FILES.module);
    expect(WebAssembly.validate(published as Uint8Array<ArrayBuffer>)).toBe(true);
    const exported = exportsOf(published);
    // Its API as the glue calls it: the exported C functions named duckdb_web_* that the glue names.
    const glue = readFileSync(engineFile(ENGINE_FILES.worker), 'utf8');
    const api = [...new Set(glue.match(/\bduckdb_web_\w+/g))].filter((n) => original.has(n));
    expect(api.length).toBeGreaterThan(30);
    expect(api.filter((n) => !exported.has(n))).toEqual([]);
    // One the glue never names goes.
    expect(original.has('duckdb_web_access_buffer') && !exported.has('duckdb_web_access_buffer')).toBe(true);
    for (const n of ['malloc', 'free', '__wasm_call_ctors', '__wasm_apply_data_relocs']) expect(exported).toContain(n);
    expect(exported.size).toBeLessThan(1000);
  });
});
