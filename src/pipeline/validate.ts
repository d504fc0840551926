import { quoteIdent, type Engine, type Query, type SqlParam } from '../engine/engine.ts';
import type { InputProblem } from '../survey/errors.ts';
import { optionCode, type Question } from '../survey/question.ts';
import { WAVE } from '../survey/dimensions.ts';
import type { Survey } from '../survey/survey.ts';
import { codeText } from '../survey/text.ts';
import { declaredColumns, headerAsWritten } from './data-columns.ts';
import type { Column } from './derive.ts';
import { invalidFound } from './responses.ts';
import { codeListPattern, isIn, isMissingCode } from './sql.ts';

/** Columns of the responses table that carry the checks: whether a row failed one, and its id. */
const FAILED = '_failed';
const ROW_ID = '_row_id';

/** How many row problems are listed before the rest are only counted. */
export const MAX_LISTED = 50;

/** A row check: rows where `when` holds violate `rule` in `column`. */
interface Check {
  column: string;
  when: Query;
  rule: string;
}

/**
 * Checks of one column. When `typed`, the column's typed value in the responses table already marks a
 * row failing any of them (see `invalidFound`), so loading needs no separate condition for them.
 */
interface CheckSet {
  checks: Check[];
  typed?: boolean;
}

const isNumber = (c: string): string => `TRY_CAST(${c} AS DOUBLE)`;

function blankCheck(column: string, c: string, what: string): Check {
  return { column, when: { sql: `${c} IS NULL`, params: [] }, rule: `required: ${what} is blank` };
}

/** `c` holds a code outside `allowed` (blank is allowed); compared as text, whatever type the file gave it. */
function listCheck(column: string, c: string, allowed: string[], rule: string): Check {
  const ok = isIn(`CAST(${c} AS VARCHAR)`, allowed);
  return { column, when: { sql: `${c} IS NOT NULL AND NOT ${ok.sql}`, params: ok.params }, rule: `${rule} (allowed: ${allowed.join(', ')})` };
}

/**
 * `c` is a number within [min, max], whole when `whole`, unless it is a declared missing code (a number, or a
 * text such as "N/A"). Works on text columns and on columns the reader already typed as numbers.
 */
function numberChecks(column: string, c: string, missing: string[], min: number | undefined, max: number | undefined, whole: boolean): Check[] {
  const x = isNumber(c);
  const skip = isMissingCode(c, x, missing);
  // With a text code declared, a near miss ("n/a" for "N/A") is most likely: name the codes it could have been.
  const texts = missing.filter((m) => Number.isNaN(Number(m)));
  const rule = texts.length ? `not a number nor a missing code (${missing.join(', ')})` : 'not a number';
  const checks: Check[] = [{ column, when: { sql: `${c} IS NOT NULL AND ${x} IS NULL AND NOT ${skip.sql}`, params: skip.params }, rule }];
  const valid = `${x} IS NOT NULL AND NOT ${skip.sql}`;
  if (whole) checks.push({ column, when: { sql: `${valid} AND ${x} <> round(${x})`, params: skip.params }, rule: 'not a whole number' });
  if (min !== undefined) checks.push({ column, when: { sql: `${valid} AND ${x} < ?`, params: [...skip.params, min] }, rule: `below the minimum ${min}` });
  if (max !== undefined) checks.push({ column, when: { sql: `${valid} AND ${x} > ?`, params: [...skip.params, max] }, rule: `above the maximum ${max}` });
  return checks;
}

/** Checks of a multi question read from code columns: each holds a listed code, a missing code or nothing; an exclusive code stands alone. */
function codeColumnsChecks(q: Question & { type: 'multi' }, cols: string[]): Check[] {
  const codes = q.options.map(optionCode);
  const missing = q.missing.map(codeText);
  const text = (c: string) => `CAST(${quoteIdent(c)} AS VARCHAR)`;
  const checks = cols.map((col) => listCheck(col, quoteIdent(col), [...codes, ...missing], 'not a listed option'));
  if (q.required) {
    checks.push({ column: cols[0]!, when: { sql: cols.map((c) => `${quoteIdent(c)} IS NULL`).join(' AND '), params: [] }, rule: `required: question "${q.id}" is unanswered` });
  }
  for (const ex of q.options.filter((o) => o.exclusive)) {
    const code = optionCode(ex);
    const others = codes.filter((c) => c !== code);
    for (const col of cols) {
      const rest = cols.filter((c) => c !== col).map((c) => isIn(text(c), others));
      checks.push({
        column: col,
        when: { sql: `${text(col)} = ? AND (${rest.map((r) => r.sql).join(' OR ') || 'FALSE'})`, params: [code, ...rest.flatMap((r) => r.params)] },
        rule: `"${ex.id}" is exclusive but other options are chosen too`,
      });
    }
  }
  return checks;
}

function questionChecks(q: Question): CheckSet[] {
  const missing = q.missing.map(codeText);
  if (q.type === 'multi' && q.columns !== undefined) return [{ checks: codeColumnsChecks(q, q.columns) }];
  if (q.type === 'multi' && q.column === undefined) {
    const checks: Check[] = [];
    const cols = q.options.map((o) => o.column!);
    for (const col of cols) checks.push(listCheck(col, quoteIdent(col), ['0', '1', ...missing], 'must be 1 (chosen) or 0 (not chosen)'));
    if (q.required) {
      checks.push({ column: cols[0]!, when: { sql: cols.map((c) => `${quoteIdent(c)} IS NULL`).join(' AND '), params: [] }, rule: `required: question "${q.id}" is unanswered` });
    }
    for (const ex of q.options.filter((o) => o.exclusive)) {
      const others = q.options.filter((o) => o !== ex).map((o) => `${quoteIdent(o.column!)} = '1'`);
      checks.push({ column: ex.column!, when: { sql: `${quoteIdent(ex.column!)} = '1' AND (${others.join(' OR ')})`, params: [] }, rule: `"${ex.id}" is exclusive but other options are chosen too` });
    }
    return [{ checks }];
  }
  // Never loaded: not even a blank is checked.
  if (q.type === 'ignore') return [];
  const column = q.column!;
  const c = quoteIdent(column);
  const checks: Check[] = q.required ? [blankCheck(column, c, `question "${q.id}"`)] : [];
  switch (q.type) {
    case 'single':
      checks.push(listCheck(column, c, [...q.options.map(optionCode), ...missing], 'not a listed option'));
      break;
    case 'multi': {
      const codes = q.options.map(optionCode);
      checks.push({
        column,
        when: { sql: `${c} IS NOT NULL AND NOT regexp_full_match(CAST(${c} AS VARCHAR), ?)`, params: [codeListPattern(codes, missing, q.delimiter)] },
        rule: `holds a code that is not a listed option (allowed: ${[...codes, ...missing].join(', ')}; separator "${q.delimiter}")`,
      });
      break;
    }
    case 'rating':
      checks.push(...numberChecks(column, c, missing, q.scale.min, q.scale.max, true));
      break;
    case 'nps':
      checks.push(...numberChecks(column, c, missing, 0, 10, true));
      break;
    case 'number':
      checks.push(...numberChecks(column, c, missing, q.min, q.max, false));
      break;
    case 'seconds':
      checks.push(...numberChecks(column, c, missing, q.min ?? 0, q.max, false));
      break;
    case 'boolean':
      checks.push(listCheck(column, c, [...q.true_codes, ...q.false_codes, ...q.missing].map(codeText), 'not a yes/no code'));
      break;
    case 'text':
    case 'pii':
      // Never loaded, so no typed column can flag a blank.
      return [{ checks }];
  }
  return [{ checks, typed: true }];
}

/** Every row check of a wave file, from the survey definition. */
function rowCheckSets(survey: Survey): CheckSet[] {
  const id = quoteIdent(survey.id_column);
  const checks: Check[] = [blankCheck(survey.id_column, id, 'the id')];
  if (survey.weight_column) {
    const w = quoteIdent(survey.weight_column);
    checks.push({ column: survey.weight_column, when: { sql: `${w} IS NULL OR NOT (${isNumber(w)} > 0)`, params: [] }, rule: 'the weight must be a positive number' });
  }
  const segments = survey.segments.map((s): CheckSet => {
    const c = quoteIdent(s.column);
    const blank = s.required ? [blankCheck(s.column, c, `segment "${s.id}"`)] : [];
    return { checks: [...blank, listCheck(s.column, c, [...s.options.map(optionCode), ...s.missing.map(codeText)], 'not a listed value')], typed: true };
  });
  return [{ checks }, ...segments, ...survey.questions.flatMap(questionChecks)];
}

/** Every row check of a wave file, one by one. */
const rowChecks = (survey: Survey): Check[] => rowCheckSets(survey).flatMap((set) => set.checks);

/** Header problems: declared columns missing from the file, and columns the definition does not declare. */
export function headerProblems(survey: Survey, header: string[], file: string): InputProblem[] {
  const declared = declaredColumns(survey);
  const written = headerAsWritten(header);
  const have = new Set(written);
  const known = new Set(declared);
  return [
    ...declared.filter((c) => !have.has(c)).map((c) => ({ file, line: 1, column: c, rule: 'missing column: declared in survey.yaml but not in the file' })),
    ...written.filter((c) => !known.has(c)).map((c) => ({ file, line: 1, column: c, rule: 'unknown column: not declared in survey.yaml' })),
  ];
}

type Found = InputProblem & { line: number; order: number };

/** Lines whose id was already used on an earlier line. */
async function duplicateIds(engine: Engine, survey: Survey, table: string, file: string): Promise<{ found: Found[]; total: number }> {
  const id = quoteIdent(survey.id_column);
  const rows = await engine.query(
    `WITH d AS (SELECT ${id} AS _id, min(rowid) AS _first FROM "${table}" GROUP BY ${id} HAVING count(*) > 1)
SELECT t.rowid + 2 AS line, CAST(t.${id} AS VARCHAR) AS value, count(*) OVER () AS total
FROM "${table}" t JOIN d ON t.${id} = d._id WHERE t.rowid <> d._first ORDER BY line LIMIT ${MAX_LISTED}`,
  );
  const found = rows.map((r) => ({ file, line: Number(r.line), column: survey.id_column, value: String(r.value), rule: 'duplicate id: already used on an earlier line', order: -1 }));
  return { found, total: rows.length ? Number(rows[0]!.total) : 0 };
}

/**
 * Runs every row check in one scan; returns the first problems in file order, and how many there are.
 * Rows are first filtered by the disjunction of all checks (cheap), and only failing rows say which checks failed.
 */
export async function rowProblems(engine: Engine, survey: Survey, table: string, file: string): Promise<{ problems: InputProblem[]; total: number }> {
  const checks = rowChecks(survey);
  const params: SqlParam[] = checks.flatMap((ch) => ch.when.params);
  const failed = checks.map((ch, i) => `CASE WHEN ${ch.when.sql} THEN {'check_no': ${i}, 'value': CAST(${quoteIdent(ch.column)} AS VARCHAR)} END`);
  const sql = `WITH bad AS (SELECT rowid AS _row, * FROM "${table}" WHERE ${checks.map((ch) => `(${ch.when.sql})`).join(' OR ')}),
flat AS (SELECT _row, unnest(list_filter([${failed.join(',\n')}], x -> x IS NOT NULL)) AS p FROM bad)
SELECT _row + 2 AS line, p.check_no AS check_no, p.value AS value, count(*) OVER () AS total FROM flat ORDER BY _row, check_no LIMIT ${MAX_LISTED}`;
  const rows = await engine.query(sql, [...params, ...params]);
  const found: Found[] = rows.map((r) => {
    const check = checks[Number(r.check_no)]!;
    return { file, line: Number(r.line), column: check.column, value: r.value === null ? '' : String(r.value), rule: check.rule, order: Number(r.check_no) };
  });
  const dups = await duplicateIds(engine, survey, table, file);
  const problems = [...found, ...dups.found]
    .sort((a, b) => a.line - b.line || a.order - b.order)
    .slice(0, MAX_LISTED)
    .map((p): InputProblem => ({ file: p.file, line: p.line, column: p.column, value: p.value, rule: p.rule }));
  return { problems, total: (rows.length ? Number(rows[0]!.total) : 0) + dups.total };
}

/** Columns that flag, on each typed row as it is loaded, whether it fails any check, and keep its id for the duplicate check. */
export function checkColumns(survey: Survey): Column[] {
  const failed = rowCheckSets(survey).flatMap((set) => (set.typed ? [] : set.checks.map((ch) => ch.when)));
  return [
    [FAILED, { sql: failed.map((f) => `(${f.sql})`).join(' OR '), params: failed.flatMap((f) => f.params) }],
    [ROW_ID, { sql: `CAST(${quoteIdent(survey.id_column)} AS VARCHAR)`, params: [] }],
  ];
}

/** Whether a loaded wave is clean: no row flagged on load, no typed value marked invalid, no id used twice. */
export async function loadedCleanly(engine: Engine, survey: Survey, table: string, wave: number): Promise<boolean> {
  const [row] = await engine.query(
    `SELECT NOT (coalesce(bool_or(${FAILED}), FALSE) OR ${invalidFound(survey)} OR count(${ROW_ID}) <> count(DISTINCT ${ROW_ID})) AS clean FROM ${table} WHERE ${WAVE} = ?`,
    [wave + 1],
  );
  return row?.clean === true;
}
