import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every file below `dir`, as full paths in name order: for comparing built trees. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort();
}
