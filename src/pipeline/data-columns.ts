import { NUMERIC_TYPES, type Question } from '../survey/question.ts';
import type { Survey } from '../survey/survey.ts';

/** Every column a wave's data file must hold, in definition order. */
export function declaredColumns(survey: Survey): string[] {
  const cols = [survey.id_column];
  if (survey.weight_column) cols.push(survey.weight_column);
  for (const s of survey.segments) cols.push(s.column);
  for (const q of survey.questions) cols.push(...questionColumns(q));
  return cols;
}

/**
 * The header as the file writes it: the CSV reader names an empty header cell `column<position>` (`column0`,
 * or `column00` among ten or more columns), which a definition declares as "".
 */
export function headerAsWritten(header: string[]): string[] {
  return header.map((h, i) => (/^column\d+$/.test(h) && Number(h.slice(6)) === i ? '' : h));
}

/** The definition with an id column declared as "" (an empty header) named as the reader names it in this file. */
export function withReaderNames(survey: Survey, header: string[]): Survey {
  const at = survey.id_column === '' ? headerAsWritten(header).indexOf('') : -1;
  return at < 0 ? survey : { ...survey, id_column: header[at]! };
}

/** The data columns of one question (its code columns, or one per option for a multi question without a delimited column). */
export function questionColumns(q: Question): string[] {
  if (q.type === 'multi' && q.columns !== undefined) return q.columns;
  if (q.type === 'multi' && q.column === undefined) return q.options.map((o) => o.column!);
  return [q.column!];
}

/**
 * Data columns holding numbers (numeric questions and the weight): read as DOUBLE when they parse. A column
 * stays text when a missing code of its question is text ("N/A"), or when a segment or another kind of question
 * also reads it (a rating and its banded copy as a single choice): its codes are compared as written, and the
 * numeric question casts it itself.
 */
export function numericColumns(survey: Survey): Set<string> {
  const cols = new Set(survey.questions.filter((q) => NUMERIC_TYPES.has(q.type) && q.missing.every((m) => typeof m === 'number')).map((q) => q.column!));
  if (survey.weight_column) cols.add(survey.weight_column);
  const text = [...survey.segments.map((s) => s.column), ...survey.questions.filter((q) => !NUMERIC_TYPES.has(q.type)).flatMap(questionColumns)];
  for (const c of text) cols.delete(c);
  return cols;
}
