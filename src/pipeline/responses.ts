import { quoteIdent, type Engine, type Query, type SqlParam } from '../engine/engine.ts';
import { optionCode, type Option, type Question } from '../survey/question.ts';
import type { Survey } from '../survey/survey.ts';
import { codeText } from '../survey/text.ts';
import { multiColumn } from './data-columns.ts';

/** The table of typed, validated respondent rows, one column per measure; never published. */
export const RESPONSES_TABLE = 'responses';
/** Columns of the responses table beside the measures. */
export const WEIGHT = '_weight';

/** Maps option codes of the data file to option ids. */
function optionIds(c: string, options: Option[]): Query {
  return {
    sql: `CASE ${c} ${options.map(() => 'WHEN ? THEN ?').join(' ')} END`,
    params: options.flatMap((o) => [optionCode(o), o.id]),
  };
}

/** NULL for a blank or a declared missing code, else the cast value. */
function numeric(c: string, missing: string[]): Query {
  return { sql: `CASE WHEN list_contains(?::VARCHAR[], ${c}) THEN NULL ELSE CAST(${c} AS DOUBLE) END`, params: [missing] };
}

/** The typed columns of one question: name -> expression. Text and PII are dropped here, never loaded. */
function questionColumns(q: Question): [string, Query][] {
  const missing = q.missing.map(codeText);
  if (q.type === 'multi') {
    if (q.column === undefined) {
      const answered = q.options.map((o) => `(${quoteIdent(o.column!)} IS NOT NULL AND NOT list_contains(?::VARCHAR[], ${quoteIdent(o.column!)}))`);
      const answeredParams = q.options.map(() => missing);
      return q.options.map((o) => [
        multiColumn(q.id, o.id),
        { sql: `CASE WHEN ${answered.join(' OR ')} THEN coalesce(${quoteIdent(o.column!)} = '1', false) END`, params: answeredParams },
      ]);
    }
    const c = quoteIdent(q.column);
    return q.options.map((o) => [
      multiColumn(q.id, o.id),
      {
        sql: `CASE WHEN ${c} IS NULL OR list_contains(?::VARCHAR[], ${c}) THEN NULL ELSE list_contains(list_transform(string_split(${c}, ?), t -> trim(t)), ?) END`,
        params: [missing, q.delimiter, optionCode(o)],
      },
    ]);
  }
  const c = quoteIdent(q.column!);
  switch (q.type) {
    case 'single':
      return [[q.id, optionIds(c, q.options)]];
    case 'boolean':
      return [
        [
          q.id,
          {
            sql: `CASE WHEN list_contains(?::VARCHAR[], ${c}) THEN 'yes' WHEN list_contains(?::VARCHAR[], ${c}) THEN 'no' END`,
            params: [q.true_codes.map(codeText), q.false_codes.map(codeText)],
          },
        ],
      ];
    case 'rating':
    case 'nps':
    case 'number':
    case 'seconds':
      return [[q.id, numeric(c, missing)]];
    case 'text':
    case 'pii':
      return [];
  }
}

/** Appends one validated wave to the responses table, typed and keyed by ids instead of data codes. */
export async function appendWave(engine: Engine, survey: Survey, wave: string, table: string, first: boolean): Promise<void> {
  const cols: [string, Query][] = [
    ['wave', { sql: '?', params: [wave] }],
    [WEIGHT, { sql: survey.weight_column ? `CAST(${quoteIdent(survey.weight_column)} AS DOUBLE)` : '1.0', params: [] }],
    ...survey.segments.map((s): [string, Query] => [s.id, optionIds(quoteIdent(s.column), s.options)]),
    ...survey.questions.flatMap(questionColumns),
  ];
  const params: SqlParam[] = cols.flatMap(([, q]) => q.params);
  const select = `SELECT ${cols.map(([name, q]) => `${q.sql} AS ${quoteIdent(name)}`).join(', ')} FROM "${table}" ORDER BY rowid`;
  const sql = first ? `CREATE OR REPLACE TABLE ${RESPONSES_TABLE} AS ${select}` : `INSERT INTO ${RESPONSES_TABLE} BY NAME ${select}`;
  await engine.query(sql, params);
}
