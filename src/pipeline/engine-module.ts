import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENGINE_FILES } from '../engine/bundle.ts';
import { keepExports, wasmImports } from './wasm-exports.ts';

/** Where one of duckdb-wasm's files (see `ENGINE_FILES`) is installed. */
export function engineFile(file: string): string {
  return fileURLToPath(import.meta.resolve(`@duckdb/duckdb-wasm/dist/${file}`));
}

/**
 * The exports of duckdb-wasm's module that its JavaScript glue can reach: the names the glue's text
 * mentions (C names, or with Emscripten's leading underscore), the symbols the module imports through its
 * global offset table (GOT.mem, GOT.func) with their `orig$` variants, and the dyncall and EM_JS helpers
 * the glue looks up by prefix.
 */
export function engineExportsKept(wasm: Uint8Array, glue: string, source: string): (name: string) => boolean {
  const mentioned = new Set(glue.match(/[A-Za-z_$][\w$]*/g));
  const linked = new Set(wasmImports(wasm, source).filter((i) => i.module.startsWith('GOT.')).map((i) => i.name));
  const reached = (name: string) => mentioned.has(name) || mentioned.has(`_${name}`) || linked.has(name);
  return (name) => reached(name.replace(/^orig\$/, '')) || name.startsWith('dynCall_') || name.startsWith('__em_js__');
}

const published = new Map<string, Uint8Array>();

/**
 * One of duckdb-wasm's files as the site publishes it. Its module is built for dynamic linking and exports
 * some 75,000 symbols; on start, the glue walks every export, giving each a GOT entry and each function a
 * table slot, which was half of the engine's start in Chromium. The site never loads an extension (the only
 * other reader of those exports), so it publishes the module with the exports the glue reaches, and
 * nothing else changed.
 */
export function publishedEngineFile(file: string): Uint8Array {
  const known = published.get(file);
  if (known) return known;
  const path = engineFile(file);
  const bytes = readFileSync(path);
  const out =
    file === ENGINE_FILES.module ? keepExports(bytes, engineExportsKept(bytes, readFileSync(engineFile(ENGINE_FILES.worker), 'utf8'), path), path) : bytes;
  published.set(file, out);
  return out;
}
