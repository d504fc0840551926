import { quoteIdent, type Engine, type Query } from '../engine/engine.ts';
import { optionCode, type Option, type Question } from '../survey/question.ts';
import { WAVE } from '../survey/dimensions.ts';
import { cubeMeasures, measuresOf } from '../survey/measures.ts';
import type { Survey } from '../survey/survey.ts';
import { codeText } from '../survey/text.ts';
import { CELL, cellColumn } from './cells.ts';
import { compositeColumns, groupingColumns, groupingCuts, maturityLayers, type Column } from './derive.ts';
import { codeListPattern, escapeRegex, isIn, isMissingCode } from './sql.ts';

/** The table of typed, validated respondent rows, one column per measure; never published. */
export const RESPONSES_TABLE = 'responses';
/** Columns of the responses table beside the measures. */
export const WEIGHT = '_weight';

/**
 * How a typed column marks a value that breaks its column's rules (unlisted code, off the scale, out of
 * bounds, required but blank): such a row is reported and never counted. Positions start at 1, scale
 * points lie within ±1000 (the survey schema's bound), masks are never negative and numbers never NaN.
 */
const INVALID = { position: '0', point: '-32768', number: "'NaN'::DOUBLE", mask: '-1' } as const;

/** The value of a blank: NULL, or the invalid mark when an answer is required. */
const blank = (required: boolean, invalid: string) => (required ? invalid : 'NULL');

/**
 * Maps option codes of the data file to the option's position (1-based) in the definition, a missing code
 * to NULL, anything else to the invalid mark. Categorical columns of the responses table hold these small
 * integers rather than ids: far cheaper to store and group; the cube turns them back into ids.
 */
function optionIndex(text: string, options: Option[], missing: string[], required: boolean): Query {
  const listed = options.map((_, i) => `WHEN ? THEN ${i + 1}`);
  const skipped = missing.map(() => 'WHEN ? THEN NULL');
  return {
    sql: `CASE ${text} ${[...listed, ...skipped].join(' ')} ELSE CASE WHEN ${text} IS NULL THEN ${blank(required, INVALID.position)} ELSE ${INVALID.position} END END::UTINYINT`,
    params: [...options.map(optionCode), ...missing],
  };
}

/** A number within the bounds (whole when `whole`) as `type`; NULL for a missing code; the invalid mark for anything else. */
function numeric(c: string, missing: string[], required: boolean, bounds: { min?: number; max?: number; whole: boolean }, type: 'SMALLINT' | 'DOUBLE'): Query {
  const x = `TRY_CAST(${c} AS DOUBLE)`;
  const invalid = type === 'SMALLINT' ? INVALID.point : INVALID.number;
  const codes = missing.map(Number).filter((n) => !Number.isNaN(n));
  const skip = isMissingCode(c, x, missing);
  const ok: Query[] = [{ sql: `${x} IS NOT NULL`, params: [] }];
  if (bounds.whole) ok.push({ sql: `${x} = round(${x})`, params: [] });
  if (bounds.min !== undefined) ok.push({ sql: `${x} >= ?`, params: [bounds.min] });
  if (bounds.max !== undefined) ok.push({ sql: `${x} <= ?`, params: [bounds.max] });
  const valid = { sql: `WHEN ${ok.map((o) => o.sql).join(' AND ')} THEN ${x}`, params: ok.flatMap((o) => o.params) };
  const skipped = { sql: `WHEN ${skip.sql} THEN NULL`, params: skip.params };
  // Most values are valid: testing that first spares the other tests on most rows. A missing code that
  // would pass as valid must be tested first.
  const within = (n: number) => (bounds.min === undefined || n >= bounds.min) && (bounds.max === undefined || n <= bounds.max);
  const order = codes.some(within) ? [skipped, valid] : [valid, skipped];
  return {
    sql: `CASE ${order.map((w) => w.sql).join(' ')} WHEN ${c} IS NULL THEN ${blank(required, invalid)} ELSE ${invalid} END::${type}`,
    params: order.flatMap((w) => w.params),
  };
}

/** A typed column that can hold an invalid mark: the test for the mark, and which extreme of a column holds it if any row does. */
interface Marked {
  id: string;
  extreme: 'min' | 'max';
  test: (value: string) => string;
}

function markedColumns(survey: Survey): Marked[] {
  const low = (id: string, mark: string): Marked => ({ id, extreme: 'min', test: (v) => `${v} = ${mark}` });
  return [
    ...survey.segments.map((s) => low(s.id, INVALID.position)),
    ...survey.questions.flatMap((q): Marked[] => {
      switch (q.type) {
        case 'single':
        case 'boolean':
          return [low(q.id, INVALID.position)];
        case 'rating':
        case 'nps':
          return [low(q.id, INVALID.point)];
        case 'number':
        case 'seconds':
          return [{ id: q.id, extreme: 'max', test: (v) => `isnan(${v})` }];
        case 'multi':
          return q.column === undefined && q.columns === undefined ? [] : [low(q.id, INVALID.mask)];
        default:
          return [];
      }
    }),
  ];
}

/** The column flagging a row whose invalid mark sat in a column that is not kept (see `appendWave`). */
const INVALID_FLAG = '_invalid';

/**
 * An aggregate over rows of the responses table: true when any typed value among them is marked invalid.
 * Minima and maxima find the marks (0, -1 and -32768 lie below every valid value, NaN above every number)
 * far more cheaply than a condition tested on every row.
 */
export function invalidFound(survey: Survey): string {
  const kept = keptColumns(survey);
  const marks = markedColumns(survey).filter((m) => kept.has(m.id));
  return `coalesce(${[`bool_or(${INVALID_FLAG})`, ...marks.map((m) => m.test(`${m.extreme}(${quoteIdent(m.id)})`))].join(' OR ')}, FALSE)`;
}

/** One test per kind of mark over the least (or greatest) of the columns holding it: far cheaper than a test per column. */
function droppedMarks(marks: Marked[]): string[] {
  const kinds = new Map<string, Marked[]>();
  for (const m of marks) kinds.set(m.test('_'), [...(kinds.get(m.test('_')) ?? []), m]);
  return [...kinds.values()].map((ms) => ms[0]!.test(`${ms[0]!.extreme === 'min' ? 'least' : 'greatest'}(${ms.map((m) => quoteIdent(m.id)).join(', ')})`));
}

/** Measures kept in the responses table: those the cube carries, and the scores groupings are cut on. */
function keptColumns(survey: Survey): Set<string> {
  return new Set([...survey.segments.map((s) => s.id), ...cubeMeasures(survey).map((m) => m.id), ...survey.groupings.map((g) => g.score)]);
}

/** A delimited multi question's helper columns: its cell, trimmed and wrapped in delimiters; and the mask of codes found in it. Dropped once read. */
const cellOf = (q: Question) => `_${q.id}__cell`;
const foundOf = (q: Question) => `_${q.id}__found`;

/** Multi questions whose answers sit in one delimited column: they need helper columns. */
const delimited = (survey: Survey) => survey.questions.filter((q) => q.type === 'multi' && q.column !== undefined);

/** `(b0 + b1 + ...)`: the bit mask of a multi answer, where `chosen(i)` is SQL true when option i was chosen. */
function mask(n: number, chosen: (i: number) => string): string {
  return `(${Array.from({ length: n }, (_, i) => `(CASE WHEN ${chosen(i)} THEN ${2 ** i} ELSE 0 END)`).join(' + ')})::BIGINT`;
}

/** `;code;` for each option: what a chosen option looks like inside a cell wrapped in delimiters. */
const needles = (q: Question & { type: 'multi' }) => q.options.map((o) => `${q.delimiter}${optionCode(o)}${q.delimiter}`);

/** The codes found in a delimited cell, by plain substring search: cheap, and exact whenever they account for the whole cell. */
function foundColumn(q: Question): Column[] {
  if (q.type !== 'multi') return [];
  const cell = quoteIdent(cellOf(q));
  return [[foundOf(q), { sql: mask(q.options.length, () => `contains(${cell}, ?)`), params: needles(q) }]];
}

/**
 * A multi question is held as one column: a bit mask of the options chosen (bit i for option i), NULL when
 * the question was not answered, -1 when the cell breaks its rules. One column instead of one per option
 * keeps the responses table narrow. When the codes found by substring search fill the whole cell (its length
 * is theirs plus delimiters) the mask is theirs; only other cells (spaces, repeats, unlisted codes) pay for
 * a regular expression. The search needs codes free of the delimiter.
 */
function maskColumn(q: Question): Column[] {
  if (q.type !== 'multi') return [];
  const cell = quoteIdent(cellOf(q));
  const found = quoteIdent(foundOf(q));
  const d = q.delimiter;
  const codes = q.options.map(optionCode);
  const missing = q.missing.map(codeText);
  const skip = isIn(cell, missing.map((m) => `${d}${m}${d}`));
  const filled = codes.some((code) => code.includes(d))
    ? { sql: 'FALSE', params: [] }
    : { sql: `length(${cell}) = 1 + ${codes.map((code, i) => `(CASE WHEN (${found} & ${2 ** i}) <> 0 THEN ? ELSE 0 END)`).join(' + ')}`, params: codes.map((code) => code.length + d.length) };
  const pattern = `${escapeRegex(d)}(?:${codeListPattern(codes, missing, d)})${escapeRegex(d)}`;
  const slow = mask(codes.length, () => `list_contains(string_split_regex(${cell}, ?), ?)`);
  const sql = `CASE WHEN ${cell} IS NULL THEN ${blank(q.required, INVALID.mask)} WHEN ${skip.sql} THEN NULL WHEN ${filled.sql} THEN ${found}
  WHEN regexp_full_match(${cell}, ?) THEN ${slow} ELSE ${INVALID.mask} END`;
  const split = `\\s*${escapeRegex(d)}\\s*`;
  return [[q.id, { sql, params: [...skip.params, ...filled.params, pattern, ...codes.flatMap((code) => [split, code])] }]];
}

/**
 * A multi question read from code columns, as its mask (see `maskColumn`): option i is chosen when any of
 * the columns holds its code, so a code listed twice counts once. Blank in every column is a blank answer;
 * only missing codes (and blanks) is NULL; a code neither listed nor missing marks the row invalid.
 */
function codeColumnsMask(q: Question & { type: 'multi' }, columns: string[]): Query {
  const texts = columns.map((c) => `CAST(${quoteIdent(c)} AS VARCHAR)`);
  const codes = q.options.map(optionCode);
  const missing = q.missing.map(codeText);
  const known = texts.map((t) => isIn(t, [...codes, ...missing]));
  const listed = texts.map((t) => isIn(t, codes));
  const chosen = texts.map((t) => `${t} = ?`).join(' OR ');
  const sql = `CASE WHEN ${texts.map((t) => `${t} IS NULL`).join(' AND ')} THEN ${blank(q.required, INVALID.mask)}
  WHEN NOT (${texts.map((t, j) => `(${t} IS NULL OR ${known[j]!.sql})`).join(' AND ')}) THEN ${INVALID.mask}
  WHEN NOT coalesce(${listed.map((l) => l.sql).join(' OR ')}, FALSE) THEN NULL ELSE ${mask(codes.length, () => `(${chosen})`)} END`;
  return { sql, params: [...known.flatMap((k) => k.params), ...listed.flatMap((l) => l.params), ...codes.flatMap((code) => texts.map(() => code))] };
}

/** The typed columns of one question (for a delimited multi question, its helper). Text and PII are dropped here, never loaded. */
function questionColumns(q: Question): Column[] {
  const missing = q.missing.map(codeText);
  if (q.type === 'multi') {
    if (q.columns !== undefined) return [[q.id, codeColumnsMask(q, q.columns)]];
    if (q.column === undefined) {
      const answered = q.options.map((o) => {
        const c = quoteIdent(o.column!);
        const skip = isIn(c, missing);
        return { sql: `(${c} IS NOT NULL AND NOT ${skip.sql})`, params: skip.params };
      });
      const chosen = mask(q.options.length, (i) => `${quoteIdent(q.options[i]!.column!)} = '1'`);
      return [[q.id, { sql: `CASE WHEN ${answered.map((a) => a.sql).join(' OR ')} THEN ${chosen} END`, params: answered.flatMap((a) => a.params) }]];
    }
    return [[cellOf(q), { sql: `? || trim(CAST(${quoteIdent(q.column)} AS VARCHAR)) || ?`, params: [q.delimiter, q.delimiter] }]];
  }
  const c = quoteIdent(q.column!);
  const text = `CAST(${c} AS VARCHAR)`;
  switch (q.type) {
    case 'single':
      return [[q.id, optionIndex(text, q.options, missing, q.required)]];
    case 'boolean': {
      const yes = isIn(text, q.true_codes.map(codeText));
      const no = isIn(text, q.false_codes.map(codeText));
      const skip = isIn(text, missing);
      const sql = `CASE WHEN ${yes.sql} THEN 1 WHEN ${no.sql} THEN 2 WHEN ${skip.sql} THEN NULL WHEN ${text} IS NULL THEN ${blank(q.required, INVALID.position)} ELSE ${INVALID.position} END::UTINYINT`;
      return [[q.id, { sql, params: [...yes.params, ...no.params, ...skip.params] }]];
    }
    case 'rating':
      // Points are whole numbers within the scale, so a small integer holds them.
      return [[q.id, numeric(c, missing, q.required, { min: q.scale.min, max: q.scale.max, whole: true }, 'SMALLINT')]];
    case 'nps':
      return [[q.id, numeric(c, missing, q.required, { min: 0, max: 10, whole: true }, 'SMALLINT')]];
    case 'number':
      return [[q.id, numeric(c, missing, q.required, { min: q.min, max: q.max, whole: false }, 'DOUBLE')]];
    case 'seconds':
      return [[q.id, numeric(c, missing, q.required, { min: q.min ?? 0, max: q.max, whole: false }, 'DOUBLE')]];
    case 'text':
    case 'pii':
    case 'ignore':
      return [];
  }
}

/** A question not asked in this wave: blank throughout, typed like its answers would be. */
function blankColumn(q: Question): Column[] {
  const types: Record<Question['type'], string | undefined> = { single: 'UTINYINT', boolean: 'UTINYINT', rating: 'SMALLINT', nps: 'SMALLINT', number: 'DOUBLE', seconds: 'DOUBLE', multi: 'BIGINT', text: undefined, pii: undefined, ignore: undefined };
  const type = types[q.type];
  return type === undefined ? [] : [[q.id, { sql: `NULL::${type}`, params: [] }]];
}

/**
 * Appends wave number `wave` (read from `source`, a table expression) to the responses table: typed, with
 * option positions instead of data codes, with every derived measure that needs no other row, and `extra`
 * columns computed over the file's own columns. `survey` is the wave's view (see `waveView`): questions it
 * did not ask (`absent`) are blank. Each layer is a projection over the one before, so nothing
 * is computed twice: typed answers, multi options, derived measures. The cell waits for `assignCells`.
 */
export async function appendWave(engine: Engine, survey: Survey, wave: number, source: Query, first: boolean, extra: Column[] = [], absent: Question[] = []): Promise<void> {
  const cols: Column[] = [
    ...absent.flatMap(blankColumn),
    [WAVE, { sql: `${wave + 1}::UTINYINT`, params: [] }],
    // Without a weight column every weight is 1, and the cube counts instead of summing weights.
    ...(survey.weight_column ? [[WEIGHT, { sql: `CAST(${quoteIdent(survey.weight_column)} AS DOUBLE)`, params: [] }] satisfies Column] : []),
    ...survey.segments.map((s): Column => [s.id, optionIndex(`CAST(${quoteIdent(s.column)} AS VARCHAR)`, s.options, s.missing.map(codeText), s.required)]),
    ...survey.questions.flatMap(questionColumns),
    ...extra,
  ];
  const multis = delimited(survey);
  let rows = nest(cols, { sql: source.sql, params: source.params }, false);
  if (multis.length) {
    rows = nest(multis.flatMap(maskColumn), nest(multis.flatMap(foundColumn), rows));
    rows = { sql: `SELECT * EXCLUDE (${multis.flatMap((q) => [cellOf(q), foundOf(q)].map(quoteIdent)).join(', ')}) FROM (${rows.sql})`, params: rows.params };
  }
  rows = nest(compositeColumns(survey), rows);
  for (const layer of maturityLayers(survey)) rows = nest(layer, rows);
  // Measures that no indicator reads (nor any grouping) served only to derive others: they are not kept,
  // but a row with an invalid value among them is flagged first.
  const kept = keptColumns(survey);
  const dropped = measuresOf(survey).filter((m) => !kept.has(m.id));
  const flags = droppedMarks(markedColumns(survey).filter((m) => !kept.has(m.id)));
  rows = nest([[INVALID_FLAG, { sql: flags.length ? `coalesce(${flags.join(' OR ')}, FALSE)` : 'FALSE', params: [] }]], rows);
  if (dropped.length) rows = { sql: `SELECT * EXCLUDE (${dropped.map((m) => quoteIdent(m.id)).join(', ')}) FROM (${rows.sql})`, params: rows.params };
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
