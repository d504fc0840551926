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
    // A helper column computed once per question (DuckDB lets later columns of the SELECT refer to it):
    // whether the question was answered, or the list of codes chosen.
    const helper = `_${q.id}__answers`;
    const h = quoteIdent(helper);
    if (q.column === undefined) {
      const cols = q.options.map((o) => quoteIdent(o.column!));
      return [
        [helper, { sql: `len(list_filter([${cols.join(', ')}], v -> v IS NOT NULL AND NOT list_contains(?::VARCHAR[], v))) > 0`, params: [missing] }],
        ...q.options.map((o): [string, Query] => [multiColumn(q.id, o.id), { sql: `CASE WHEN ${h} THEN coalesce(${quoteIdent(o.column!)} = '1', false) END`, params: [] }]),
      ];
    }
    const c = quoteIdent(q.column);
    return [
      [helper, { sql: `CASE WHEN NOT list_contains(?::VARCHAR[], ${c}) THEN list_transform(string_split(${c}, ?), t -> trim(t)) END`, params: [missing, q.delimiter] }],
      ...q.options.map((o): [string, Query] => [multiColumn(q.id, o.id), { sql: `list_contains(${h}, ?)`, params: [optionCode(o)] }]),
    ];
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
  const helpers = cols.map(([name]) => name).filter((name) => name.startsWith('_') && name.endsWith('__answers'));
  const exclude = helpers.length ? ` EXCLUDE (${helpers.map(quoteIdent).join(', ')})` : '';
  const select = `SELECT *${exclude} FROM (SELECT ${cols.map(([name, q]) => `${q.sql} AS ${quoteIdent(name)}`).join(', ')} FROM "${table}")`;
  const sql = first ? `CREATE OR REPLACE TABLE ${RESPONSES_TABLE} AS ${select}` : `INSERT INTO ${RESPONSES_TABLE} BY NAME ${select}`;
  await engine.query(sql, params);
}
