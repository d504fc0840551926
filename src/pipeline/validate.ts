import { quoteIdent, type Engine, type Query, type SqlParam } from '../engine/engine.ts';
import type { InputProblem } from '../survey/errors.ts';
import { optionCode, type Question } from '../survey/question.ts';
import type { Survey } from '../survey/survey.ts';
import { codeText } from '../survey/text.ts';
import { declaredColumns } from './data-columns.ts';

/** How many row problems are listed before the rest are only counted. */
export const MAX_LISTED = 50;

/** A row check: rows where `when` holds violate `rule` in `column`. */
interface Check {
  column: string;
  when: Query;
  rule: string;
}

const isNumber = (c: string): string => `TRY_CAST(${c} AS DOUBLE)`;

function blankCheck(column: string, c: string, what: string): Check {
  return { column, when: { sql: `${c} IS NULL`, params: [] }, rule: `required: ${what} is blank` };
}

/** `c` holds a code outside `allowed` (blank is allowed). */
function listCheck(column: string, c: string, allowed: string[], rule: string): Check {
  return { column, when: { sql: `${c} IS NOT NULL AND NOT list_contains(?::VARCHAR[], ${c})`, params: [allowed] }, rule: `${rule} (allowed: ${allowed.join(', ')})` };
}

/** `c` is a number within [min, max], whole when `whole`, unless it is a declared missing code. */
function numberChecks(column: string, c: string, missing: string[], min: number | undefined, max: number | undefined, whole: boolean): Check[] {
  const present = `${c} IS NOT NULL AND NOT list_contains(?::VARCHAR[], ${c})`;
  const checks: Check[] = [{ column, when: { sql: `${present} AND ${isNumber(c)} IS NULL`, params: [missing] }, rule: 'not a number' }];
  const valid = `${present} AND ${isNumber(c)} IS NOT NULL`;
  if (whole) checks.push({ column, when: { sql: `${valid} AND ${isNumber(c)} <> round(${isNumber(c)})`, params: [missing] }, rule: 'not a whole number' });
  if (min !== undefined) checks.push({ column, when: { sql: `${valid} AND ${isNumber(c)} < ?`, params: [missing, min] }, rule: `below the minimum ${min}` });
  if (max !== undefined) checks.push({ column, when: { sql: `${valid} AND ${isNumber(c)} > ?`, params: [missing, max] }, rule: `above the maximum ${max}` });
  return checks;
}

function questionChecks(q: Question): Check[] {
  const missing = q.missing.map(codeText);
  const checks: Check[] = [];
  if (q.type === 'multi' && q.column === undefined) {
    const cols = q.options.map((o) => o.column!);
    for (const col of cols) checks.push(listCheck(col, quoteIdent(col), ['0', '1', ...missing], 'must be 1 (chosen) or 0 (not chosen)'));
    if (q.required) {
      checks.push({ column: cols[0]!, when: { sql: cols.map((c) => `${quoteIdent(c)} IS NULL`).join(' AND '), params: [] }, rule: `required: question "${q.id}" is unanswered` });
    }
    for (const ex of q.options.filter((o) => o.exclusive)) {
      const others = q.options.filter((o) => o !== ex).map((o) => `${quoteIdent(o.column!)} = '1'`);
      checks.push({ column: ex.column!, when: { sql: `${quoteIdent(ex.column!)} = '1' AND (${others.join(' OR ')})`, params: [] }, rule: `"${ex.id}" is exclusive but other options are chosen too` });
    }
    return checks;
  }
  const column = q.column!;
  const c = quoteIdent(column);
  if (q.required) checks.push(blankCheck(column, c, `question "${q.id}"`));
  switch (q.type) {
    case 'single':
      checks.push(listCheck(column, c, [...q.options.map(optionCode), ...missing], 'not a listed option'));
      break;
    case 'multi': {
      const allowed = [...q.options.map(optionCode), ...missing];
      checks.push({
        column,
        when: { sql: `${c} IS NOT NULL AND len(list_filter(string_split(${c}, ?), t -> NOT list_contains(?::VARCHAR[], trim(t)))) > 0`, params: [q.delimiter, allowed] },
        rule: `holds a code that is not a listed option (allowed: ${allowed.join(', ')}; separator "${q.delimiter}")`,
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
      break;
  }
  return checks;
}

/** Every row check of a wave file, from the survey definition. */
function rowChecks(survey: Survey): Check[] {
  const id = quoteIdent(survey.id_column);
  const checks: Check[] = [
    blankCheck(survey.id_column, id, 'the id'),
    {
      column: survey.id_column,
      when: { sql: `${id} IS NOT NULL AND _row <> _first_row`, params: [] },
      rule: 'duplicate id: already used on an earlier line',
    },
  ];
  if (survey.weight_column) {
    const w = quoteIdent(survey.weight_column);
    checks.push({ column: survey.weight_column, when: { sql: `${w} IS NULL OR NOT (${isNumber(w)} > 0)`, params: [] }, rule: 'the weight must be a positive number' });
  }
  for (const s of survey.segments) {
    const c = quoteIdent(s.column);
    if (s.required) checks.push(blankCheck(s.column, c, `segment "${s.id}"`));
    checks.push(listCheck(s.column, c, s.options.map(optionCode), 'not a listed value'));
  }
  for (const q of survey.questions) checks.push(...questionChecks(q));
  return checks;
}

/** Header problems: declared columns missing from the file, and columns the definition does not declare. */
export function headerProblems(survey: Survey, header: string[], file: string): InputProblem[] {
  const declared = declaredColumns(survey);
  const have = new Set(header);
  const known = new Set(declared);
  return [
    ...declared.filter((c) => !have.has(c)).map((c) => ({ file, line: 1, column: c, rule: 'missing column: declared in survey.yaml but not in the file' })),
    ...header.filter((c) => !known.has(c)).map((c) => ({ file, line: 1, column: c, rule: 'unknown column: not declared in survey.yaml' })),
  ];
}

/** Runs every row check in one pass over the table; returns the first problems in file order, and how many there are. */
export async function rowProblems(engine: Engine, survey: Survey, table: string, file: string): Promise<{ problems: InputProblem[]; total: number }> {
  const checks = rowChecks(survey);
  const params: SqlParam[] = checks.flatMap((ch) => ch.when.params);
  // One list per row holding the checks it fails (with the offending value); empty for a valid row.
  const failed = checks.map((ch, i) => `CASE WHEN ${ch.when.sql} THEN {'check_no': ${i}, 'value': CAST(${quoteIdent(ch.column)} AS VARCHAR)} END`);
  // _first_row: the first line holding each id, so later lines with the same id are duplicates.
  const sql = `WITH t AS (SELECT rowid AS _row, *, min(rowid) OVER (PARTITION BY ${quoteIdent(survey.id_column)}) AS _first_row FROM "${table}"),
bad AS (SELECT _row, unnest(list_filter([${failed.join(',\n')}], x -> x IS NOT NULL)) AS p FROM t)
SELECT _row + 2 AS line, p.check_no AS check_no, p.value AS value, count(*) OVER () AS total FROM bad ORDER BY _row, check_no LIMIT ${MAX_LISTED}`;
  const rows = await engine.query(sql, params);
  const problems = rows.map((r) => {
    const check = checks[Number(r.check_no)]!;
    return { file, line: Number(r.line), column: check.column, value: r.value === null ? '' : String(r.value), rule: check.rule };
  });
  return { problems, total: rows.length ? Number(rows[0]!.total) : 0 };
}
