import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Results cached by the content hash of their inputs, under `.cx/cache/<kind>/`: a build whose inputs did
 * not change reuses what the last one computed instead of computing it again.
 */

/** The code that turns inputs into outputs (every source file and the locked dependencies): part of every key. */
let code: string | undefined;
function codeFingerprint(): string {
  if (code !== undefined) return code;
  const src = dirname(dirname(fileURLToPath(import.meta.url)));
  const hash = createHash('sha256');
  const files = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort();
  for (const f of files) hash.update(f.slice(src.length)).update('\0').update(readFileSync(f));
  const lock = join(dirname(src), 'package-lock.json');
  if (existsSync(lock)) hash.update(readFileSync(lock));
  code = hash.digest('hex');
  return code;
}

/** The key of a computation: the code, and each named input's bytes (a file's path and contents, or a text). */
export function contentKey(inputs: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256').update(codeFingerprint());
  for (const input of inputs) hash.update('\0').update(input);
  return hash.digest('hex');
}

/** A folder of cached results: `kind` names the computation, `name` what it was computed for. */
export class Cache {
  private readonly dir: string;
  constructor(root: string, kind: string) {
    this.dir = join(root, '.cx', 'cache', kind);
  }

  /** Copies the folder cached for `name` under `key` into `target`; false when there is none. */
  restore(name: string, key: string, target: string): boolean {
    const entry = join(this.dir, name, key);
    if (!existsSync(join(entry, '.complete'))) return false;
    cpSync(entry, target, { recursive: true, filter: (f) => !f.endsWith('.complete') });
    return true;
  }

  /** Caches a copy of `source` for `name` under `key`, replacing what was cached for `name` before. */
  store(name: string, key: string, source: string): void {
    const home = join(this.dir, name);
    const staging = join(home, `.${key}.${process.pid}`);
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(home, { recursive: true });
    cpSync(source, staging, { recursive: true });
    writeFileSync(join(staging, '.complete'), '');
    for (const old of readdirSync(home)) if (old !== `.${key}.${process.pid}`) rmSync(join(home, old), { recursive: true, force: true });
    renameSync(staging, join(home, key));
  }

  /** The bytes cached under `key` (a single file), or undefined. */
  read(key: string): Buffer | undefined {
    const file = join(this.dir, key.slice(0, 2), key);
    return existsSync(file) ? readFileSync(file) : undefined;
  }

  /** Deletes every single-file entry but those under `keys`: what the last build did not use is stale. */
  retain(keys: ReadonlySet<string>): void {
    if (!existsSync(this.dir)) return;
    for (const shard of readdirSync(this.dir)) for (const f of readdirSync(join(this.dir, shard))) if (!keys.has(f)) rmSync(join(this.dir, shard, f), { force: true });
  }

  /** Caches bytes under `key`, written whole or not at all. */
  write(key: string, bytes: Uint8Array): void {
    const file = join(this.dir, key.slice(0, 2), key);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.${process.pid}`, bytes);
    renameSync(`${file}.${process.pid}`, file);
  }
}
