import type { Query } from '../engine/engine.ts';

/**
 * `expr IN (?, ?, ...)` with each value a parameter; FALSE for no values. Scalar IN lists run far faster
 * than list functions over a constant list, which matters on every row of a large wave.
 */
export function isIn(expr: string, values: readonly (string | number)[]): Query {
  if (values.length === 0) return { sql: 'FALSE', params: [] };
  return { sql: `(${expr} IN (${values.map(() => '?').join(', ')}))`, params: [...values] };
}

/**
 * `raw` (a cell, as text or as the number the reader typed it as) is one of `missing`: a numeric code equal to
 * `x` (the cell as a number), a text code ("N/A") equal to the cell's text.
 */
export function isMissingCode(raw: string, x: string, missing: readonly string[]): Query {
  const numbers = missing.filter((m) => m.trim() !== '' && !Number.isNaN(Number(m))).map(Number);
  const texts = missing.filter((m) => m.trim() === '' || Number.isNaN(Number(m)));
  const asNumber = isIn(x, numbers);
  const asText = isIn(`CAST(${raw} AS VARCHAR)`, texts);
  // Never NULL (a cell that is not a number compares as NULL), so that NOT of it is a test too.
  return { sql: `(coalesce(${asNumber.sql}, FALSE) OR coalesce(${asText.sql}, FALSE))`, params: [...asNumber.params, ...asText.params] };
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
