import { extname } from 'node:path';
import { InputError } from '../../survey/errors.ts';
import { csv } from './csv.ts';
import type { WaveFile, WaveFormat } from './format.ts';
import { parquet } from './parquet.ts';
import { sav } from './sav.ts';
import { xlsx } from './xlsx.ts';

/** Every format a wave file may come in: the one place that knows file types. */
export const FORMATS: readonly WaveFormat[] = [csv, parquet, sav, xlsx];

/** The file endings read, for messages: `.csv, .parquet, .sav or .xlsx`. */
export const EXTENSIONS = FORMATS.flatMap((f) => f.extensions);
const listed = `${EXTENSIONS.slice(0, -1).join(', ')} or ${EXTENSIONS.at(-1)}`;

/** The format of a data file, told by its ending; any other type is refused with a message naming the file. */
export function formatOf(file: Pick<WaveFile, 'path' | 'label'>): WaveFormat {
  const ext = extname(file.path).toLowerCase();
  const format = FORMATS.find((f) => f.extensions.includes(ext));
  if (!format) throw new InputError([{ file: file.label, rule: `unsupported file type "${ext}": use ${listed}` }]);
  return format;
}

export type { ColumnMeta, RowPlace, WaveFile, WaveFormat } from './format.ts';
