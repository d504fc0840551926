import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { InputError } from '../../survey/errors.ts';
import type { ColumnMeta, WaveFile, WaveFormat } from './format.ts';
import { measureLevels } from './sav-measures.ts';
import { loadTextTable, type TextTable } from './text-table.ts';

// sav-reader is published as CommonJS only (its exports map has no import condition).
const require = createRequire(import.meta.url);
const { SavFileReader, DateHelper } = require('sav-reader') as typeof import('sav-reader', { with: { 'resolution-mode': 'require' } });

/** SPSS print formats that hold dates (seconds since 1582), written as ISO dates. */
const DATE_FORMATS = new Set(['DATE', 'ADATE', 'EDATE', 'JDATE', 'SDATE', 'QYR', 'MOYR', 'WKYR', 'DATETIME', 'YMDHMS']);

/** A numeric SPSS value as the text a CSV export would hold: shortest round-trip form, blank for system-missing. */
function numberText(v: unknown, date: boolean): string | null {
  if (typeof v !== 'number' || Number.isNaN(v)) return null;
  if (date) {
    const iso = DateHelper.dateFromNumber(v).toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
  }
  return String(v);
}

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

/** The command reader inside sav-reader's file reader (not part of its typed API). */
interface CommandReader {
  commandPointer: number;
  commandBuffer: Uint8Array | null;
  peekByte: () => Promise<number | undefined>;
}

/**
 * sav-reader 2.0.8 takes the zero commands that ReadStat (haven, pyreadstat) writes after each compressed
 * case for the end of the data, and so reads one case only. Code 0 means "no value" in the format: the rest
 * of such a block is skipped before the reader looks for the next case. The case count check below still
 * catches any other short read.
 */
function skipCommandPadding(reader: InstanceType<typeof SavFileReader>): void {
  const commands = (reader as unknown as { reader?: CommandReader }).reader;
  if (!commands || typeof commands.peekByte !== 'function') return;
  const peek = commands.peekByte.bind(commands);
  commands.peekByte = () => {
    const rest = commands.commandPointer > 0 ? commands.commandBuffer?.subarray(commands.commandPointer) : undefined;
    if (rest?.every((b) => b === 0)) commands.commandPointer = 0;
    return peek();
  };
}

async function readSav(file: WaveFile): Promise<TextTable> {
  const fail = (why: string) => new InputError([{ file: file.label, rule: `cannot be read as an SPSS .sav file: ${why}` }]);
  // A system file starts with "$FL2" ("$FL3" is the zlib-compressed .zsav, which sav-reader does not read).
  const head = Buffer.alloc(4);
  const fd = openSync(file.path, 'r');
  readSync(fd, head, 0, 4, 0);
  closeSync(fd);
  const magic = head.toString('latin1');
  if (magic === '$FL3') throw fail('it is a zlib-compressed .zsav file: save it from SPSS as an uncompressed or bytecode-compressed .sav');
  if (magic !== '$FL2') throw fail('it does not start as an SPSS system file does ("$FL2"): export the data from SPSS with File > Save As > .sav');
  const reader = new SavFileReader(file.path);
  const stopped = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];
  try {
    await reader.open();
  } catch (e) {
    throw fail(`its dictionary is damaged or cut short (the reader stopped with "${stopped(e)}")`);
  }
  skipCommandPadding(reader);
  // The header's case count (-1 when the writer left it unknown) bounds the read: padding after the last case is no case.
  const declared = Number(reader.meta.header?.n_cases ?? -1);
  const rows: Record<string, unknown>[] = [];
  const short = () => fail(`its header declares ${declared} cases but the file ends after case ${rows.length}: it is truncated`);
  try {
    while (declared < 0 || rows.length < declared) {
      const row = await reader.readNextRow();
      if (!row) break;
      rows.push(row as Record<string, unknown>);
    }
  } catch (e) {
    if (declared >= 0) throw short();
    throw fail(`its data are damaged or cut short (the reader stopped with "${stopped(e)}")`);
  }
  if (declared >= 0 && rows.length < declared) throw short();
  const vars = reader.meta.sysvars;
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
  const columns = vars.map((v) => {
    const numeric = (v.type as number) === 0;
    const date = DATE_FORMATS.has(v.printFormat?.typestr ?? '');
    return rows.map((r) => {
      const x = r[v.name];
      if (numeric) return numberText(x, date);
      const s = typeof x === 'string' ? x.trimEnd() : null;
      return s ? s : null;
    });
  });
  return { header: vars.map((v) => v.name), columns, meta, place: (line) => (line === 1 ? {} : { place: `case ${line - 1}` }) };
}

const open = (engine: Parameters<WaveFormat['text']>[0], file: WaveFile) => loadTextTable(engine, file, readSav);

/** SPSS system files (.sav, plain or compressed), read with sav-reader; labels and missing codes feed the draft. */
export const sav: WaveFormat = {
  extensions: ['.sav'],
  text: async (engine, file) => (await open(engine, file)).query,
  typed: async (engine, _survey, file) => (await open(engine, file)).query,
  shapeProblems: () => [],
  places: async (engine, file) => (await open(engine, file)).table.place,
  columnMeta: async (engine, file) => (await open(engine, file)).table.meta,
};
