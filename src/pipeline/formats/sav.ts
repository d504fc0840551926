import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { InputError } from '../../survey/errors.ts';
import type { ColumnMeta, WaveFile, WaveFormat } from './format.ts';
import { decodeCases, type CaseVariable } from './sav-cases.ts';
import { measureLevels } from './sav-measures.ts';
import { loadTextTable, type TextTable } from './text-table.ts';

// sav-reader is published as CommonJS only (its exports map has no import condition).
const require = createRequire(import.meta.url);
const { SavBufferReader } = require('sav-reader') as typeof import('sav-reader', { with: { 'resolution-mode': 'require' } });

/** SPSS print formats that hold dates (seconds since 1582), written as ISO dates. */
const DATE_FORMATS = new Set(['DATE', 'ADATE', 'EDATE', 'JDATE', 'SDATE', 'QYR', 'MOYR', 'WKYR', 'DATETIME', 'YMDHMS']);

/** User-missing codes as texts: discrete values, and a range when it spans at most 20 whole codes. */
function missingCodes(missing: unknown): string[] {
  if (typeof missing === 'number') return [String(missing)];
  if (Array.isArray(missing)) return missing.map(String);
  if (missing && typeof missing === 'object') {
    const { min, max, value } = missing as { min?: number; max?: number; value?: number };
    const range = typeof min === 'number' && typeof max === 'number' && Number.isInteger(min) && Number.isInteger(max) && max - min <= 20 ? Array.from({ length: max - min + 1 }, (_, i) => String(min + i)) : [];
    return typeof value === 'number' ? [...range, String(value)] : range;
  }
  return [];
}

/** Where each variable's values sit in a case, from sav-reader's dictionary. */
function layoutOf(v: InstanceType<typeof SavBufferReader>['meta']['sysvars'][number]): CaseVariable {
  const numeric = (v.type as number) === 0;
  const segments = numeric ? [1] : [v, ...(v.__child_string_sysvars ?? [])].map((part) => 1 + (part.__nb_string_contin_recs ?? 0));
  return { numeric, segments, date: DATE_FORMATS.has(v.printFormat?.typestr ?? '') };
}

/** A TextDecoder label for the file's character encoding (its subtype 20 record), UTF-8 when it names none we know. */
function encodingOf(name: unknown): string {
  try {
    return new TextDecoder(String(name ?? 'utf-8')).encoding;
  } catch {
    return 'utf-8';
  }
}

async function readSav(file: WaveFile): Promise<TextTable> {
  const fail = (why: string) => new InputError([{ file: file.label, rule: `cannot be read as an SPSS .sav file: ${why}` }]);
  const bytes = readFileSync(file.path);
  // A system file starts with "$FL2" ("$FL3" is the zlib-compressed .zsav, which is not read).
  const magic = bytes.subarray(0, 4).toString('latin1');
  if (magic === '$FL3') throw fail('it is a zlib-compressed .zsav file: save it from SPSS as an uncompressed or bytecode-compressed .sav');
  if (magic !== '$FL2') throw fail('it does not start as an SPSS system file does ("$FL2"): export the data from SPSS with File > Save As > .sav');
  // sav-reader reads the dictionary; the cases are decoded here, since its reader awaits every value (minutes for 100,000 cases).
  const reader = new SavBufferReader(bytes);
  try {
    await reader.open();
  } catch (e) {
    throw fail(`its dictionary is damaged or cut short (the reader stopped with "${(e instanceof Error ? e.message : String(e)).split('\n')[0]}")`);
  }
  const { header, sysvars: vars } = reader.meta;
  const declared = Number(header?.n_cases ?? -1);
  const bias = header?.compressed ? Number(header.bias) : null;
  const cases = decodeCases(bytes, reader.meta.firstRecordPosition, vars.map(layoutOf), bias, declared, encodingOf(header?.encoding));
  if (cases.truncated || (declared >= 0 && cases.count < declared)) {
    throw fail(declared >= 0 ? `its header declares ${declared} cases but the file ends after case ${cases.count}: it is truncated` : `the file ends inside case ${cases.count + 1}: it is truncated`);
  }
  const levels = measureLevels(file.path);
  const meta = new Map<string, ColumnMeta>();
  vars.forEach((v) => {
    const entries = reader.meta.getValueLabels(v.name) ?? [];
    const missing = missingCodes(v.missing);
    const values = entries
      .map((e) => ({ code: String(e.val).trimEnd(), label: String(e.label) }))
      .filter((e) => !missing.includes(e.code))
      .sort((a, b) => Number(a.code) - Number(b.code) || a.code.localeCompare(b.code));
    meta.set(v.name, { ...(v.label ? { label: v.label } : {}), ...(values.length ? { values } : {}), ...(missing.length ? { missing } : {}), ...(levels.has(v.__shortName) ? { measure: levels.get(v.__shortName)! } : {}) });
  });
  return { header: vars.map((v) => v.name), columns: cases.columns, meta, place: (line) => (line === 1 ? {} : { place: `case ${line - 1}` }) };
}

const open = (engine: Parameters<WaveFormat['text']>[0], file: WaveFile) => loadTextTable(engine, file, readSav);

/** SPSS system files (.sav, plain or bytecode-compressed): the dictionary read by sav-reader, the cases decoded by `decodeCases`; labels and missing codes feed the draft. */
export const sav: WaveFormat = {
  extensions: ['.sav'],
  sheets: false,
  text: async (engine, file) => (await open(engine, file)).query,
  typed: async (engine, _survey, file) => (await open(engine, file)).query,
  shapeProblems: () => [],
  places: async (engine, file) => (await open(engine, file)).table.place,
  columnMeta: async (engine, file) => (await open(engine, file)).table.meta,
};
