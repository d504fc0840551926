import { resolve } from 'node:path';
import { quoteIdent, type Engine, type SqlParam } from '../engine/engine.ts';
import { optionCode, type Question } from '../survey/question.ts';
import type { DataQuality, WaveQuality } from '../survey/quality.ts';
import type { Survey } from '../survey/survey.ts';
import { codeText } from '../survey/text.ts';
import { waveView } from '../survey/waves.ts';
import { questionColumns } from './data-columns.ts';
import { asText } from './ingest.ts';
import { withholdCount, withholdGroup } from './withheld-counts.ts';

/** A cell as the file wrote it, blank as NULL. */
const cell = (column: string) => `nullif(trim(CAST(${quoteIdent(column)} AS VARCHAR)), '')`;

/**
 * Grids: three or more rating questions in a row on one scale (the maturity model's skills apart from the
 * rest), where giving one answer to every item is straight-lining.
 */
function gridsOf(survey: Survey, questions: Question[]): Question[][] {
  const skills = new Set(survey.maturity?.competencies.flatMap((c) => c.skills) ?? []);
  const key = (q: Question) => (q.type === 'rating' ? `${q.scale.min}:${q.scale.max}:${skills.has(q.id)}` : undefined);
  const runs: Question[][] = [];
  for (const q of questions) {
    const last = runs.at(-1);
    if (key(q) === undefined) runs.push([]);
    else if (last?.length && key(last[0]!) === key(q)) last.push(q);
    else runs.push([q]);
  }
  return runs.filter((g) => g.length >= 3);
}

/**
 * The data-quality figures of a survey whose wave files passed validation (see `DataQualitySchema`), read from
 * the files as written: one scan per wave. Personal data is neither read nor compared.
 */
export async function dataQuality(engine: Engine, survey: Survey, dir: string): Promise<DataQuality> {
  const out: DataQuality = [];
  const publish = (n: number) => withholdCount(n, survey.suppress_below);
  // A share of a wave's respondents gives its count away: a count withheld is a share withheld.
  const shareOf = (count: number, n: number) => (n === 0 ? 0 : publish(count) === null ? null : count / n);
  for (const wave of survey.waves) {
    const path = resolve(dir, wave.file);
    const questions = waveView(survey, wave.id).survey.questions.filter((q) => q.type !== 'pii' && q.type !== 'ignore');
    const select: string[] = ['count(*) AS n'];
    const params: SqlParam[] = [];
    const sum = (alias: string, condition: string, values: SqlParam[] = []) => {
      select.push(`sum(CASE WHEN ${condition} THEN 1 ELSE 0 END) AS ${alias}`);
      params.push(...values);
    };
    survey.segments.forEach((s, i) => s.options.forEach((o, j) => sum(`s${i}_${j}`, `${cell(s.column)} = ?`, [optionCode(o)])));
    survey.segments.forEach((s, i) => s.missing.forEach((m, j) => sum(`u${i}_${j}`, `${cell(s.column)} = ?`, [codeText(m)])));
    questions.forEach((q, i) => {
      const cols = questionColumns(q);
      sum(`b${i}`, cols.map((c) => `${cell(c)} IS NULL`).join(' AND '));
      const codes = q.missing.map(codeText);
      if (codes.length && cols.length === 1) sum(`m${i}`, `${cell(cols[0]!)} IN (${codes.map(() => '?').join(', ')})`, codes);
    });
    const grids = gridsOf(survey, questions);
    grids.forEach((g, i) => {
      const cells = g.map((q) => cell(questionColumns(q)[0]!));
      const codes = [...new Set(g.flatMap((q) => q.missing.map(codeText)))];
      const skip = codes.length ? ` AND ${cells[0]} NOT IN (${codes.map(() => '?').join(', ')})` : '';
      const answered = cells.map((c) => `${c} IS NOT NULL`).join(' AND ') + (codes.length ? ` AND NOT list_has_any([${cells.join(', ')}], [${codes.map(() => '?').join(', ')}])` : '');
      sum(`g${i}_a`, answered, codes);
      sum(`g${i}_s`, `${answered} AND ${cells.slice(1).map((c) => `${c} = ${cells[0]}`).join(' AND ')}${skip}`, [...codes, ...codes]);
    });
    // Every answer but free text, compared as written: rows that repeat another row's answers.
    const answers = [...survey.segments.map((s) => s.column), ...questions.filter((q) => q.type !== 'text').flatMap(questionColumns)].map(cell);
    select.push(`count(*) - count(DISTINCT [${answers.join(', ')}]) AS repeated`);
    const source = await asText(engine, { path, label: path, sheet: wave.sheet });
    const [row] = await engine.query(`SELECT ${select.join(',\n  ')} FROM ${source.sql}`, [...params, ...source.params]);
    const num = (alias: string) => Number(row![alias] ?? 0);
    const n = num('n');
    // Blanks and "don't know" answers add up to the respondents less the question's base, which the report
    // publishes: when one of them is withheld, so is the other, or it would follow by subtraction.
    const itemShares = (question: string, blank: number, missing: number | undefined) => {
      const withheld = publish(blank) === null || (missing !== undefined && publish(missing) === null);
      return { question, blank: withheld ? null : shareOf(blank, n), missing: missing === undefined ? 0 : withheld ? null : shareOf(missing, n) };
    };
    // A segment's values and "not stated" codes add up to the wave's respondents: withheld as one group.
    const segmentCounts = survey.segments.map((s, i) =>
      withholdGroup(Object.fromEntries([...s.options.map((_, j) => [`s${j}`, num(`s${i}_${j}`)]), ...s.missing.map((_, j) => [`u${j}`, num(`u${i}_${j}`)])]), survey.suppress_below),
    );
    const quality: WaveQuality = {
      wave: wave.id,
      respondents: n,
      segments: Object.fromEntries(survey.segments.map((s, i) => [s.id, Object.fromEntries(s.options.map((o, j) => [o.id, segmentCounts[i]![`s${j}`]!]))])),
      segmentMissing: Object.fromEntries(
        survey.segments.flatMap((s, i) => (s.missing.length ? [[s.id, Object.fromEntries(s.missing.map((m, j) => [codeText(m), segmentCounts[i]![`u${j}`]!]))]] : [])),
      ),
      items: questions.map((q, i) => itemShares(q.id, num(`b${i}`), row![`m${i}`] === undefined ? undefined : num(`m${i}`))),
      grids: grids.map((g, i) => ({ questions: g.map((q) => q.id), straight: publish(num(`g${i}_s`)), answered: publish(num(`g${i}_a`)) })),
      repeated: publish(num('repeated')),
    };
    out.push(quality);
  }
  return out;
}
