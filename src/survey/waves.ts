import type { Option, Question } from './question.ts';
import type { Survey } from './survey.ts';

/** A survey as one wave's file holds it: each question under that wave's column and codes. */
export interface WaveView {
  survey: Survey;
  /** Questions not asked in this wave: their answers are blank throughout. */
  absent: Question[];
}

/** Whether an option was offered in `wave`: it may have been added in a later wave (`since`). */
export function offeredIn(survey: Survey, option: Option, wave: string): boolean {
  if (option.since === undefined) return true;
  const ids = survey.waves.map((w) => w.id);
  return ids.indexOf(wave) >= ids.indexOf(option.since);
}

/** Applies one wave's changes (see `WaveChangeSchema`) to a question; undefined when it was not asked. */
function questionIn(q: Question, wave: string): Question | undefined {
  const change = q.waves?.[wave];
  if (change === false) return undefined;
  if (change === undefined) return q;
  const column = change.column === undefined ? {} : { column: change.column };
  if (q.type !== 'single' && q.type !== 'multi') return { ...q, ...column };
  const codeColumns = Array.isArray(change.columns) ? { columns: change.columns } : {};
  const perOption = Array.isArray(change.columns) ? undefined : change.columns;
  const options = q.options.map((o) => {
    const code = change.codes?.[o.id];
    const col = perOption?.[o.id];
    return { ...o, ...(code === undefined ? {} : { code }), ...(col === undefined ? {} : { column: col }) };
  });
  return q.type === 'multi' ? { ...q, ...column, ...codeColumns, options } : { ...q, ...column, options };
}

/** The survey as the file of `wave` holds it. Everything keyed by ids (indicators, cube, results) is unchanged. */
export function waveView(survey: Survey, wave: string): WaveView {
  const questions: Question[] = [];
  const absent: Question[] = [];
  for (const q of survey.questions) {
    const inWave = questionIn(q, wave);
    if (inWave) questions.push(inWave);
    else absent.push(q);
  }
  return { survey: { ...survey, questions }, absent };
}
