import type { SqlParam } from './engine.ts';

/** A parameter as an SQL literal. Shared SQL binds lists as scalar IN lists: a list or struct here is a bug in the caller. */
function literal(p: SqlParam): string {
  if (p === null) return 'NULL';
  if (typeof p === 'string') return `'${p.replaceAll("'", "''")}'`;
  if (typeof p === 'boolean') return p ? 'TRUE' : 'FALSE';
  if (typeof p === 'number' && Number.isFinite(p)) return String(p);
  throw new Error(`only finite scalar parameters can be inlined, not ${JSON.stringify(p)}`);
}

/**
 * The statement with each `?` placeholder (outside quoted text and identifiers) replaced by its parameter
 * as a literal. In the browser a prepared statement costs three round trips to the engine's worker
 * (prepare, run, close) and a plan of its own; the filtered page runs a few dozen small queries per change.
 */
export function inlineParams(sql: string, params: readonly SqlParam[]): string {
  let out = '';
  let next = 0;
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote !== null) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '?') {
      if (next >= params.length) throw new Error('more placeholders than parameters');
      out += literal(params[next++]!);
    } else out += ch;
  }
  if (next !== params.length) throw new Error(`${params.length} parameters for ${next} placeholders`);
  return out;
}
