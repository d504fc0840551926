import { quoteIdent, type Engine, type Query } from '../engine/engine.ts';
import { optionCode, type Option, type Question } from '../survey/question.ts';
import { WAVE } from '../survey/dimensions.ts';
import type { Survey } from '../survey/survey.ts';
import { codeText } from '../survey/text.ts';
import { CELL, cellColumn } from './cells.ts';
import { groupingColumns, groupingCuts, maturityLayers, type Column } from './derive.ts';
import { escapeRegex, isIn } from './sql.ts';

/** The table of typed, validated respondent rows, one column per measure; never published. */
export const RESPONSES_TABLE = 'responses';
/** Columns of the responses table beside the measures. */
export const WEIGHT = '_weight';

/**
 * Maps option codes of the data file to the option's position (1-based) in the definition. Categorical
 * columns of the responses table hold these small integers rather than ids: far cheaper to store and
 * group; the cube turns them back into ids.
 */
function optionIndex(c: string, options: Option[]): Query {
  return {
    sql: `CASE ${c} ${options.map((_, i) => `WHEN ? THEN ${i + 1}`).join(' ')} END::UTINYINT`,
    params: options.map(optionCode),
  };
}

/** NULL for a blank or a declared (numeric) missing code, else the value as a number of `type`. */
function numeric(c: string, missing: (string | number)[], type: 'DOUBLE' | 'SMALLINT'): Query {
  const x = `CAST(${c} AS DOUBLE)`;
  if (missing.length === 0) return { sql: `${x}::${type}`, params: [] };
  const skip = isIn(x, missing.map(Number));
  return { sql: `(CASE WHEN NOT ${skip.sql} THEN ${x} END)::${type}`, params: skip.params };
}

/** A delimited multi question's helper column: its list of codes (NULL when unanswered); dropped once the mask is read from it. */
const helperOf = (q: Question) => `_${q.id}__answers`;

/** Multi questions whose answers sit in one delimited column: they need a helper column. */
const delimited = (survey: Survey) => survey.questions.filter((q) => q.type === 'multi' && q.column !== undefined);

/** `(b0 + b1 + ...)`: the bit mask of a multi answer, where `chosen(i)` is SQL true when option i was chosen. */
function mask(n: number, chosen: (i: number) => string): string {
  return `(${Array.from({ length: n }, (_, i) => `(CASE WHEN ${chosen(i)} THEN ${2 ** i} ELSE 0 END)`).join(' + ')})::BIGINT`;
}

/**
 * A multi question is held as one column: a bit mask of the options chosen (bit i for option i), NULL when
 * the question was not answered. One column instead of one per option keeps the responses table narrow.
 */
function maskColumn(q: Question): Column[] {
  if (q.type !== 'multi') return [];
  const h = quoteIdent(helperOf(q));
  return [[q.id, { sql: `CASE WHEN ${h} IS NOT NULL THEN ${mask(q.options.length, () => `list_contains(${h}, ?)`)} END`, params: q.options.map(optionCode) }]];
}

/** The typed columns of one question (for a delimited multi question, its helper). Text and PII are dropped here, never loaded. */
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
      const chosen = mask(q.options.length, (i) => `${quoteIdent(q.options[i]!.column!)} = '1'`);
      return [[q.id, { sql: `CASE WHEN ${answered.map((a) => a.sql).join(' OR ')} THEN ${chosen} END`, params: answered.flatMap((a) => a.params) }]];
    }
    const c = `CAST(${quoteIdent(q.column)} AS VARCHAR)`;
    const skip = isIn(c, missing);
    return [[helper, { sql: `CASE WHEN NOT ${skip.sql} THEN string_split_regex(trim(${c}), ?) END`, params: [...skip.params, `\\s*${escapeRegex(q.delimiter)}\\s*`] }]];
  }
  const c = quoteIdent(q.column!);
  const text = `CAST(${c} AS VARCHAR)`;
  switch (q.type) {
    case 'single':
      return [[q.id, optionIndex(text, q.options)]];
    case 'boolean':
      return [
        [
          q.id,
          {
            sql: `CASE WHEN ${isIn(text, q.true_codes.map(codeText)).sql} THEN 1 WHEN ${isIn(text, q.false_codes.map(codeText)).sql} THEN 2 END::UTINYINT`,
            params: [...q.true_codes.map(codeText), ...q.false_codes.map(codeText)],
          },
        ],
      ];
    case 'rating':
    case 'nps':
      // Points are whole numbers within the scale (checked), so a small integer holds them.
      return [[q.id, numeric(c, missing, 'SMALLINT')]];
    case 'number':
    case 'seconds':
      return [[q.id, numeric(c, missing, 'DOUBLE')]];
    case 'text':
    case 'pii':
      return [];
  }
}

/**
 * Appends wave number `wave` (read from `source`, a table expression) to the responses table: typed, with
 * option positions instead of data codes, with every derived measure that needs no other row, and `extra`
 * columns computed over the file's own columns. Each layer is a projection over the one before, so nothing
 * is computed twice: typed answers, multi options, derived measures. The cell waits for `assignCells`.
 */
export async function appendWave(engine: Engine, survey: Survey, wave: number, source: Query, first: boolean, extra: Column[] = []): Promise<void> {
  const cols: Column[] = [
    [WAVE, { sql: `${wave + 1}::UTINYINT`, params: [] }],
    // Without a weight column every weight is 1, and the cube counts instead of summing weights.
    ...(survey.weight_column ? [[WEIGHT, { sql: `CAST(${quoteIdent(survey.weight_column)} AS DOUBLE)`, params: [] }] satisfies Column] : []),
    ...survey.segments.map((s): Column => [s.id, optionIndex(`CAST(${quoteIdent(s.column)} AS VARCHAR)`, s.options)]),
    ...survey.questions.flatMap(questionColumns),
    ...extra,
  ];
  const multis = delimited(survey);
  let rows = nest(cols, { sql: source.sql, params: source.params }, false);
  if (multis.length) {
    rows = nest(multis.flatMap(maskColumn), rows);
    rows = { sql: `SELECT * EXCLUDE (${multis.map((q) => quoteIdent(helperOf(q))).join(', ')}) FROM (${rows.sql})`, params: rows.params };
  }
  for (const layer of maturityLayers(survey)) rows = nest(layer, rows);
  rows = nest([[CELL, { sql: 'NULL::INTEGER', params: [] }]], rows);
  const sql = first ? `CREATE OR REPLACE TEMP TABLE ${RESPONSES_TABLE} AS ${rows.sql}` : `INSERT INTO ${RESPONSES_TABLE} BY NAME ${rows.sql}`;
  await engine.query(sql, rows.params);
}

/**
 * Sets the cube cell of every row of wave number `wave`, once its rows are loaded: groupings need the
 * wave's quantiles of their score, read from the loaded rows, and the cell needs the groupings.
 */
export async function assignCells(engine: Engine, survey: Survey, wave: number): Promise<void> {
  const rows: Query = { sql: `SELECT * FROM ${RESPONSES_TABLE} WHERE ${WAVE} = ?`, params: [wave + 1] };
  const groupings = new Map(groupingColumns(survey, await groupingCuts(engine, survey, rows)));
  const [, cell] = cellColumn(survey, groupings);
  await engine.query(`UPDATE ${RESPONSES_TABLE} SET ${CELL} = ${cell.sql} WHERE ${WAVE} = ?`, [...cell.params, wave + 1]);
}

/** `SELECT [*,] <columns> FROM <from>`, with the parameters of both in order. */
function nest(columns: Column[], from: Query, keep = true): Query {
  if (columns.length === 0) return from;
  const list = columns.map(([name, q]) => `${q.sql} AS ${quoteIdent(name)}`).join(', ');
  const source = from.sql.startsWith('SELECT') ? `(${from.sql})` : from.sql;
  return { sql: `SELECT ${keep ? '*, ' : ''}${list} FROM ${source}`, params: [...columns.flatMap(([, q]) => q.params), ...from.params] };
}
