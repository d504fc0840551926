import type { InputProblem } from '../survey/errors.ts';

/** The longest line (in bytes, a record's quoted line breaks included) the CSV reader reads: DuckDB's default, named so that the shape check agrees with it. */
export const MAX_LINE_BYTES = 2_097_152;

/**
 * What a wave file must be when it is CSV: RFC 4180, comma-separated, fields quoted with " (a quote inside
 * doubled), UTF-8. The dialect is fixed rather than sniffed, so that a file reads the same way every year and
 * a malformed one is named as such instead of being read as something else.
 */
export const CSV_DIALECT = `delim = ',', quote = '"', escape = '"', max_line_size = ${MAX_LINE_BYTES}`;

/** How many malformed records are listed before the rest are only counted. */
const MAX_LISTED = 20;

/** One record of a CSV text: the physical line it starts on (1-based), its number of fields, where it starts and ends in the text, and its longest field (0-based). */
export interface CsvRecord {
  line: number;
  fields: number;
  from: number;
  to: number;
  widest: number;
}

/** Each record of a CSV text (see `CsvRecord`). */
export function csvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let start = 1;
  let fields = 1;
  let quoted = false;
  let empty = true;
  let from = 0;
  let fieldFrom = 0;
  let widest = 0;
  let widestLength = -1;
  // Called at the end of each field (a comma, the end of a line or of the text).
  const endField = (at: number) => {
    if (at - fieldFrom > widestLength) [widest, widestLength] = [fields - 1, at - fieldFrom];
    fieldFrom = at + 1;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else quoted = false;
      } else if (ch === '\n') line++;
      continue;
    }
    if (ch === '"') {
      quoted = true;
      empty = false;
    } else if (ch === ',') {
      endField(i);
      fields++;
      empty = false;
    } else if (ch === '\n') {
      endField(i);
      // A blank line is no record (the reader skips it too).
      if (!empty) records.push({ line: start, fields, from, to: i, widest });
      line++;
      start = line;
      fields = 1;
      empty = true;
      from = i + 1;
      widest = 0;
      widestLength = -1;
    } else if (ch !== '\r') empty = false;
  }
  endField(text.length);
  if (!empty) records.push({ line: start, fields, from, to: text.length, widest });
  return records;
}

/** The fields of one CSV record's text, unquoted (for naming the header's columns). */
function csvFields(record: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  const text = record.replace(/\r$/, '');
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  return [...fields, field];
}

/** Records longer than the reader takes (MAX_LINE_BYTES), named by their line and their longest field's column. */
function longLines(text: string, records: CsvRecord[], header: string[], file: string): InputProblem[] {
  const encoder = new TextEncoder();
  // A character is at most 3 bytes of UTF-8 (4 for a surrogate pair, which is 2 characters): only records that may be too long are measured.
  return records
    .filter((r) => (r.to - r.from) * 3 > MAX_LINE_BYTES)
    .map((r) => ({ r, bytes: encoder.encode(text.slice(r.from, r.to)).length }))
    .filter(({ bytes }) => bytes > MAX_LINE_BYTES)
    .slice(0, MAX_LISTED)
    .map(({ r, bytes }) => ({
      file,
      line: r.line,
      column: header[r.widest] ?? `column ${r.widest + 1}`,
      rule: `the line is ${bytes.toLocaleString('en')} bytes long; at most ${MAX_LINE_BYTES.toLocaleString('en')} are read: shorten the value (free text belongs in a file of its own)`,
    }));
}

/** The 1-based line of byte `at` of `bytes`. */
function lineAt(bytes: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** The text of a UTF-8 file, or the problem that it is not UTF-8 (naming GB18030 when it reads as that). */
function decode(bytes: Uint8Array, file: string, name: string): string | InputProblem {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // The first byte that breaks the encoding, found by halves (a prefix cut inside a character still decodes, streamed).
    let lo = 0;
    let hi = bytes.length;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
        lo = mid;
      } catch {
        hi = mid;
      }
    }
    let gb18030 = true;
    try {
      new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      gb18030 = false;
    }
    const out = name.replace(/\.csv$/i, '.utf8.csv');
    const rule = gb18030
      ? `the file is not UTF-8 (it reads as GB18030, a Chinese encoding): save it as UTF-8, e.g. iconv -f GB18030 -t UTF-8 ${name} > ${out}`
      : `the file is not UTF-8: save it as UTF-8 (with iconv, or "CSV UTF-8" in a spreadsheet's Save As)`;
    return { file, line: lineAt(bytes, lo), rule };
  }
}

/**
 * Problems of a CSV file's shape, found without a database: empty, not UTF-8, separated by something other
 * than commas, or records whose number of fields differs from the header's. Empty when the shape is sound
 * (the file may still hold bad values, which the validation in SQL names).
 */
export function csvShapeProblems(bytes: Uint8Array, file: string, name: string): InputProblem[] {
  const text = decode(bytes, file, name);
  if (typeof text !== 'string') return [text];
  const records = csvRecords(text.replace(/^\uFEFF/, ''));
  const header = records[0];
  if (!header) return [{ file, rule: 'the file is empty: it needs a header line and one line per respondent' }];
  const first = text.replace(/^\uFEFF/, '').split('\n', 1)[0]!;
  if (header.fields === 1) {
    const other = [';', '\t', '|'].find((d) => first.includes(d));
    if (other) {
      const shown = other === '\t' ? 'tabs' : `"${other}"`;
      return [{ file, line: 1, rule: `the columns are separated by ${shown}, not commas: save the file as comma-separated CSV` }];
    }
  }
  const clean = text.replace(/^\uFEFF/, '');
  const long = longLines(clean, records, csvFields(clean.slice(header.from, header.to)), file);
  if (long.length) return long;
  const ragged = records.slice(1).filter((r) => r.fields !== header.fields);
  const problems: InputProblem[] = ragged
    .slice(0, MAX_LISTED)
    .map((r) => ({ file, line: r.line, rule: `has ${r.fields} values where the header has ${header.fields} columns` }));
  if (ragged.length > MAX_LISTED) problems.push({ file, rule: `${ragged.length - MAX_LISTED} more lines with the wrong number of values` });
  return problems;
}
