import { readFileSync } from 'node:fs';

/** SPSS measurement levels by their code in the variable display record. */
const LEVELS = { 1: 'nominal', 2: 'ordinal', 3: 'scale' } as const;
type Level = (typeof LEVELS)[keyof typeof LEVELS];

/**
 * Each variable's measurement level, by its short (8-byte) name, read from the dictionary of a .sav file:
 * sav-reader skips the variable display record (type 7, subtype 11) that holds it. The layout is PSPP's
 * "System File Format" documentation. Empty when the file has no such record or cannot be walked.
 */
export function measureLevels(path: string): Map<string, Level> {
  const out = new Map<string, Level>();
  const bytes = readFileSync(path);
  if (bytes.length < 176) return out;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const layout = view.getInt32(64, true);
  const le = layout === 2 || layout === 3;
  let at = 176;
  const int = () => {
    const v = view.getInt32(at, le);
    at += 4;
    return v;
  };
  // Each length is read before the offset moves past what it measures.
  const skip = (n: number) => {
    at += n;
  };
  const names: string[] = [];
  try {
    for (;;) {
      const type = int();
      if (type === 2) {
        const width = int();
        const labelled = int();
        const missing = int();
        skip(8);
        const name = bytes.subarray(at, at + 8).toString('latin1').trimEnd();
        skip(8);
        if (labelled === 1) skip(Math.ceil(int() / 4) * 4);
        skip(Math.abs(missing) * 8);
        // A continuation of a long string is no variable of its own.
        if (width !== -1) names.push(name);
      } else if (type === 3) {
        const count = int();
        for (let i = 0; i < count; i++) skip(8 + Math.ceil((1 + bytes[at + 8]!) / 8) * 8);
      } else if (type === 4) {
        skip(int() * 4);
      } else if (type === 6) {
        skip(int() * 80);
      } else if (type === 7) {
        const subtype = int();
        const size = int();
        const count = int();
        if (subtype === 11 && size === 4 && names.length && (count === names.length * 3 || count === names.length * 2)) {
          const per = count / names.length;
          names.forEach((n, i) => {
            const level = LEVELS[view.getInt32(at + i * per * 4, le) as keyof typeof LEVELS];
            if (level) out.set(n, level);
          });
        }
        skip(size * count);
      } else return out;
    }
  } catch {
    // A dictionary cut short: the levels found so far (the reader reports the damage itself).
    return out;
  }
}
