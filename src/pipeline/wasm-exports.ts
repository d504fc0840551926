/**
 * Reads a WebAssembly module's imports and exports from its binary, and writes a copy that exports less.
 * Only the import and export sections are decoded; every other section is copied byte for byte.
 * (The binary format: https://webassembly.github.io/spec/core/binary/modules.html)
 */

const IMPORT_SECTION = 2;
const EXPORT_SECTION = 7;
const MAGIC = [0x00, 0x61, 0x73, 0x6d];
const utf8 = new TextDecoder();

/** One entry of a module's import section. */
export interface WasmImport {
  module: string;
  name: string;
}

/** One entry of a module's export section, and where its encoding lies. */
interface WasmExport {
  name: string;
  start: number;
  end: number;
}

class Reader {
  pos: number;
  private readonly bytes: Uint8Array;
  private readonly source: string;
  constructor(bytes: Uint8Array, source: string, pos = 0) {
    // A plain view: slices of a Node Buffer are Buffers, much slower to make by the ten thousand.
    this.bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    this.source = source;
    this.pos = pos;
  }
  fail(what: string): never {
    throw new Error(`${this.source}: ${what} at byte ${this.pos}`);
  }
  byte(): number {
    if (this.pos >= this.bytes.length) this.fail('unexpected end of the module');
    return this.bytes[this.pos++]!;
  }
  /** An unsigned LEB128 number (u32 or u64: module sizes and indices stay far below 2^53). */
  unsigned(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      value += (b & 0x7f) * scale;
      if (!(b & 0x80)) return value;
      scale *= 128;
    }
  }
  name(): string {
    const length = this.unsigned();
    const start = this.pos;
    this.pos += length;
    return utf8.decode(this.bytes.subarray(start, this.pos));
  }
  limits(): void {
    const flags = this.byte();
    this.unsigned();
    if (flags & 1) this.unsigned();
  }
  /** A value or reference type: one byte, or a typed reference (0x63/0x64) followed by its heap type. */
  valueType(): void {
    const t = this.byte();
    if (t === 0x63 || t === 0x64) this.unsigned();
  }
}

function unsignedBytes(value: number): number[] {
  const out: number[] = [];
  do {
    let b = value % 128;
    value = Math.floor(value / 128);
    if (value) b |= 0x80;
    out.push(b);
  } while (value);
  return out;
}

/** A section's id and where its content lies. */
interface Section {
  id: number;
  /** The first byte of the section (its id). */
  start: number;
  contentStart: number;
  end: number;
}

function sections(wasm: Uint8Array, source: string): Section[] {
  if (!MAGIC.every((b, i) => wasm[i] === b)) throw new Error(`${source}: not a WebAssembly module`);
  const r = new Reader(wasm, source, 8);
  const out: Section[] = [];
  while (r.pos < wasm.length) {
    const start = r.pos;
    const id = r.byte();
    const size = r.unsigned();
    out.push({ id, start, contentStart: r.pos, end: r.pos + size });
    r.pos += size;
  }
  if (r.pos !== wasm.length) r.fail('a section runs past the end of the module');
  return out;
}

/** The module's imports, in order. */
export function wasmImports(wasm: Uint8Array, source: string): WasmImport[] {
  const section = sections(wasm, source).find((s) => s.id === IMPORT_SECTION);
  if (!section) return [];
  const r = new Reader(wasm, source, section.contentStart);
  const count = r.unsigned();
  const out: WasmImport[] = [];
  for (let i = 0; i < count; i++) {
    const module = r.name();
    const name = r.name();
    const kind = r.byte();
    if (kind === 0x00) r.unsigned();
    else if (kind === 0x01) {
      r.valueType();
      r.limits();
    } else if (kind === 0x02) r.limits();
    else if (kind === 0x03) {
      r.valueType();
      r.byte();
    } else if (kind === 0x04) {
      r.byte();
      r.unsigned();
    } else r.fail(`unknown import kind ${kind}`);
    out.push({ module, name });
  }
  return out;
}

function exportsOf(wasm: Uint8Array, section: Section, source: string): WasmExport[] {
  const r = new Reader(wasm, source, section.contentStart);
  const count = r.unsigned();
  const out: WasmExport[] = [];
  for (let i = 0; i < count; i++) {
    const start = r.pos;
    const name = r.name();
    r.byte();
    r.unsigned();
    out.push({ name, start, end: r.pos });
  }
  return out;
}

/** The names the module exports, in order. */
export function wasmExportNames(wasm: Uint8Array, source: string): string[] {
  const section = sections(wasm, source).find((s) => s.id === EXPORT_SECTION);
  return section ? exportsOf(wasm, section, source).map((e) => e.name) : [];
}

/** A copy of the module that exports only the names `keep` accepts; everything else is unchanged. */
export function keepExports(wasm: Uint8Array, keep: (name: string) => boolean, source: string): Uint8Array {
  const parts: Uint8Array[] = [wasm.subarray(0, 8)];
  for (const section of sections(wasm, source)) {
    if (section.id !== EXPORT_SECTION) {
      parts.push(wasm.subarray(section.start, section.end));
      continue;
    }
    const kept = exportsOf(wasm, section, source).filter((e) => keep(e.name));
    const count = unsignedBytes(kept.length);
    const content = new Uint8Array(kept.reduce((n, e) => n + e.end - e.start, count.length));
    content.set(count);
    let at = count.length;
    for (const e of kept) {
      content.set(wasm.subarray(e.start, e.end), at);
      at += e.end - e.start;
    }
    parts.push(Uint8Array.from([EXPORT_SECTION, ...unsignedBytes(content.length)]), content);
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
