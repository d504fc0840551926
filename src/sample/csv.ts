const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field, quoted (quotes doubled) when it holds a comma, a quote, CR or LF (RFC 4180). */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Rows as CSV text, one line per row ending in \n. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  let out = '';
  for (const row of rows) out += row.map(csvField).join(',') + '\n';
  return out;
}
