import type { Question } from '../survey/question.ts';
import type { Segment, Survey } from '../survey/survey.ts';

/** One generated data column: its header, and the text of row i. */
export interface Column {
  name: string;
  text: (i: number) => string;
}

/** The segment with this id; a generator written for a definition fails loudly when the definition changes. */
export function segmentOf(survey: Survey, id: string): Segment {
  const s = survey.segments.find((x) => x.id === id);
  if (!s) throw new Error(`survey ${survey.id} has no segment "${id}"`);
  return s;
}

/** The question with this id and type, typed as such. */
export function questionOf<T extends Question['type']>(survey: Survey, id: string, type: T): Extract<Question, { type: T }> {
  const q = survey.questions.find((x) => x.id === id);
  if (!q || q.type !== type) throw new Error(`survey ${survey.id} has no ${type} question "${id}"`);
  return q as Extract<Question, { type: T }>;
}

/**
 * The rows of a generated file: the header, then `rows` rows, with the id column first and every segment's
 * and question's columns (from `byId`) in definition order.
 */
export function* fileRows(survey: Survey, byId: ReadonlyMap<string, Column[]>, id: Column, rows: number): Generator<string[]> {
  const columns: Column[] = [id];
  for (const { id: key } of [...survey.segments, ...survey.questions]) {
    const cols = byId.get(key);
    if (!cols) throw new Error(`no synthetic answers for "${key}"`);
    columns.push(...cols);
  }
  yield columns.map((c) => c.name);
  for (let i = 0; i < rows; i++) yield columns.map((c) => c.text(i));
}
