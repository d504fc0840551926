import type { Engine, Query } from '../../engine/engine.ts';
import type { InputProblem } from '../../survey/errors.ts';
import type { Survey } from '../../survey/survey.ts';

/** A wave's data file: where it is, how messages name it, and (for a workbook) which sheet holds the answers. */
export interface WaveFile {
  path: string;
  label: string;
  sheet?: string | undefined;
}

/** Where a row of a data file is, as the program that wrote the file shows it: a CSV line, a sheet row, an SPSS case. */
export type RowPlace = Pick<InputProblem, 'line' | 'place'>;

/** What a data file says about a column beyond its values (SPSS keeps labels, codes and missing values with the data). */
export interface ColumnMeta {
  /** The variable label: what the question asked. */
  label?: string;
  /** Labelled codes, in code order. */
  values?: { code: string; label: string }[];
  /** Codes declared missing ("don't know", "refused"). */
  missing?: string[];
  measure?: 'nominal' | 'ordinal' | 'scale';
}

/** One file format a wave may come in; `formats/index.ts` lists them. */
export interface WaveFormat {
  /** File name endings it reads, lower case with the dot. */
  extensions: readonly string[];
  /** The file holds several sheets, so that a wave may name one with `sheet`. */
  sheets: boolean;
  /** The file as a table expression, every column as text and rows in file order (so rowid follows them). */
  text(engine: Engine, file: WaveFile): Promise<Query>;
  /** The file as loaded for validation: numeric questions typed where the reader can type them while scanning. */
  typed(engine: Engine, survey: Survey, file: WaveFile, header: string[]): Promise<Query>;
  /** Problems of the file's shape that explain a failed read (encoding, separator, ragged rows); none if sound. */
  shapeProblems(file: WaveFile): InputProblem[];
  /** How to name line `line` of the text table (1 the header, 2 the first row) in a message. */
  places(engine: Engine, file: WaveFile): Promise<(line: number) => RowPlace>;
  /** Column metadata the file carries, by column name (empty when the format keeps none). */
  columnMeta(engine: Engine, file: WaveFile): Promise<Map<string, ColumnMeta>>;
}
