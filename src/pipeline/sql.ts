import type { Query } from '../engine/engine.ts';

/**
 * `expr IN (?, ?, ...)` with each value a parameter; FALSE for no values. Scalar IN lists run far faster
 * than list functions over a constant list, which matters on every row of a large wave.
 */
export function isIn(expr: string, values: readonly (string | number)[]): Query {
  if (values.length === 0) return { sql: 'FALSE', params: [] };
  return { sql: `(${expr} IN (${values.map(() => '?').join(', ')}))`, params: [...values] };
}

/** A literal text inside a regular expression. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A regular expression matching a whole delimited cell: listed codes separated by `delimiter`, with
 * optional spaces around each, or one missing code alone.
 */
export function codeListPattern(codes: readonly string[], missing: readonly string[], delimiter: string): string {
  const token = `\\s*(?:${codes.map(escapeRegex).join('|')})\\s*`;
  const whole = missing.map((m) => `\\s*${escapeRegex(m)}\\s*`);
  return [`${token}(?:${escapeRegex(delimiter)}${token})*`, ...whole].join('|');
}
