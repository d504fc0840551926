import { quoteIdent, type Engine, type Query } from '../engine/engine.ts';
import { optionCode, type Option, type Question } from '../survey/question.ts';
import type { Survey } from '../survey/survey.ts';
import { codeText } from '../survey/text.ts';
import { cellColumn } from './cells.ts';
import { groupingColumns, groupingCuts, maturityLayers, type Column } from './derive.ts';
import { escapeRegex, isIn } from './sql.ts';

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

/** NULL for a blank or a declared (numeric) missing code, else the value as a number. */
function numeric(c: string, missing: (string | number)[]): Query {
  const x = `CAST(${c} AS DOUBLE)`;
  if (missing.length === 0) return { sql: x, params: [] };
  const skip = isIn(x, missing.map(Number));
  return { sql: `CASE WHEN NOT ${skip.sql} THEN ${x} END`, params: skip.params };
}

/** A multi question's helper column: its chosen flags or codes (NULL when unanswered); dropped once options are read from it. */
const helperOf = (q: Question) => `_${q.id}__answers`;

/**
 * A multi question as one column: a bit mask of the options chosen (bit i for option i), NULL when the
 * question was not answered. One column instead of one per option keeps the responses table narrow.
 */
function maskColumn(q: Question): Column[] {
  if (q.type !== 'multi') return [];
  const h = quoteIdent(helperOf(q));
  const bits = q.options.map((o, i) =>
    q.column === undefined ? { sql: `(CASE WHEN ${h}[${i + 1}] THEN ${2 ** i} ELSE 0 END)`, params: [] } : { sql: `(CASE WHEN list_contains(${h}, ?) THEN ${2 ** i} ELSE 0 END)`, params: [optionCode(o)] },
  );
  return [[q.id, { sql: `CASE WHEN ${h} IS NOT NULL THEN (${bits.map((b) => b.sql).join(' + ')})::BIGINT END`, params: bits.flatMap((b) => b.params) }]];
}

/** The typed columns of one question (for a multi question, its helper). Text and PII are dropped here, never loaded. */
function questionColumns(q: Question): Column[] {
  const missing = q.missing.map(codeText);
  if (q.type === 'multi') {
    const helper = helperOf(q);
    if (q.column === undefined) {
      const answered = q.options.map((o) => {
        const c = quoteIdent(o.column!);
        const skip = isIn(c, missing);
        return { sql: `(${c} IS NOT NULL AND NOT ${skip.sql})`, params: skip.params };
      });
      const chosen = q.options.map((o) => `coalesce(${quoteIdent(o.column!)} = '1', false)`);
      return [[helper, { sql: `CASE WHEN ${answered.map((a) => a.sql).join(' OR ')} THEN [${chosen.join(', ')}] END`, params: answered.flatMap((a) => a.params) }]];
    }
    const c = `CAST(${quoteIdent(q.column)} AS VARCHAR)`;
    const skip = isIn(c, missing);
    return [[helper, { sql: `CASE WHEN NOT ${skip.sql} THEN string_split_regex(trim(${c}), ?) END`, params: [...skip.params, `\\s*${escapeRegex(q.delimiter)}\\s*`] }]];
  }
  const c = quoteIdent(q.column!);
  const text = `CAST(${c} AS VARCHAR)`;
  switch (q.type) {
    case 'single':
      return [[q.id, optionIds(text, q.options)]];
    case 'boolean':
      return [
        [
          q.id,
          {
            sql: `CASE WHEN ${isIn(text, q.true_codes.map(codeText)).sql} THEN 'yes' WHEN ${isIn(text, q.false_codes.map(codeText)).sql} THEN 'no' END`,
            params: [...q.true_codes.map(codeText), ...q.false_codes.map(codeText)],
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

/**
 * Appends one wave (read from `source`, a table expression) to the responses table: typed, keyed by ids
 * instead of data codes, with every derived measure, the cube cell of each row, and `extra` columns
 * computed over the file's own columns.
 */
export async function appendWave(engine: Engine, survey: Survey, wave: string, source: Query, first: boolean, extra: Column[] = []): Promise<void> {
  const cols: Column[] = [
    ['wave', { sql: '?', params: [wave] }],
    [WEIGHT, { sql: survey.weight_column ? `CAST(${quoteIdent(survey.weight_column)} AS DOUBLE)` : '1.0', params: [] }],
    ...survey.segments.map((s): Column => [s.id, optionIds(`CAST(${quoteIdent(s.column)} AS VARCHAR)`, s.options)]),
    ...survey.questions.flatMap(questionColumns),
    ...extra,
  ];
  const multis = survey.questions.filter((q) => q.type === 'multi');
  // Each layer is a projection over the one before, so nothing is computed twice: typed answers, multi
  // options, derived measures; groupings need this wave's quantiles of a score; the cell needs the groupings.
  let rows = nest(cols, { sql: source.sql, params: source.params }, false);
  if (multis.length) {
    rows = nest(multis.flatMap(maskColumn), rows);
    rows = { sql: `SELECT * EXCLUDE (${multis.map((q) => quoteIdent(helperOf(q))).join(', ')}) FROM (${rows.sql})`, params: rows.params };
  }
  for (const layer of maturityLayers(survey)) rows = nest(layer, rows);
  rows = nest(groupingColumns(survey, await groupingCuts(engine, survey, rows)), rows);
  rows = nest([cellColumn(survey)], rows);
  const sql = first ? `CREATE OR REPLACE TEMP TABLE ${RESPONSES_TABLE} AS ${rows.sql}` : `INSERT INTO ${RESPONSES_TABLE} BY NAME ${rows.sql}`;
  await engine.query(sql, rows.params);
}

/** `SELECT [*,] <columns> FROM <from>`, with the parameters of both in order. */
function nest(columns: Column[], from: Query, keep = true): Query {
  if (columns.length === 0) return from;
  const list = columns.map(([name, q]) => `${q.sql} AS ${quoteIdent(name)}`).join(', ');
  const source = from.sql.startsWith('SELECT') ? `(${from.sql})` : from.sql;
  return { sql: `SELECT ${keep ? '*, ' : ''}${list} FROM ${source}`, params: [...columns.flatMap(([, q]) => q.params), ...from.params] };
}
