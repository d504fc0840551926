import type { Engine, Query } from '../engine/engine.ts';
import { quoteIdent } from '../engine/engine.ts';
import type { SurveyInput } from '../survey/survey.ts';
import { asText, readHeader } from './ingest.ts';
import { formatOf, type ColumnMeta, type WaveFile } from './formats/index.ts';

/** What a data file's column holds, as far as a draft definition needs to know. */
export interface ColumnStats {
  name: string;
  rows: number;
  filled: number;
  distinct: number;
  numeric: boolean;
  whole: boolean;
  min: number | null;
  max: number | null;
  email: boolean;
  /** The distinct values, in order, when there are at most MAX_LISTED of them. */
  values: string[];
  /** The distinct codes of `;`-separated cells, when some cell holds a `;` list and there are few codes. */
  codes: string[] | null;
  /** What the file says about the column (an SPSS file's labels, codes, missing values, measurement level). */
  meta?: ColumnMeta;
}

const MAX_LISTED = 30;

/** Reads every column's statistics from a data file of any format, as text, with the column metadata the file carries. */
export async function columnStats(engine: Engine, file: WaveFile): Promise<ColumnStats[]> {
  const header = await readHeader(engine, file);
  const meta = await formatOf(file).columnMeta(engine, file);
  const { sql: source, params: sourceParams } = answersOnly(await asText(engine, file), meta);
  const stats: ColumnStats[] = [];
  for (const name of header) {
    const c = `CAST(${quoteIdent(name)} AS VARCHAR)`;
    const x = `TRY_CAST(${c} AS DOUBLE)`;
    const [row] = await engine.query(
      `SELECT count(*) AS n, count(${c}) AS filled, count(DISTINCT ${c}) AS d,
        coalesce(bool_and(${x} IS NOT NULL) FILTER (WHERE ${c} IS NOT NULL), false) AS numeric,
        coalesce(bool_and(${x} = round(${x})) FILTER (WHERE ${c} IS NOT NULL), false) AS whole,
        min(${x}) AS lo, max(${x}) AS hi,
        coalesce(bool_and(regexp_matches(${c}, '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$')) FILTER (WHERE ${c} IS NOT NULL), false) AS email,
        coalesce(bool_or(contains(${c}, ';')), false) AS listed,
        to_json(list(DISTINCT ${c} ORDER BY ${c}) FILTER (WHERE ${c} IS NOT NULL)[1:${MAX_LISTED + 1}]) AS vals
      FROM ${source}`,
      sourceParams,
    );
    const [split] = row!.listed === true
      ? await engine.query(
          `SELECT to_json(list(DISTINCT code ORDER BY code)[1:${MAX_LISTED + 1}]) AS codes
          FROM (SELECT trim(unnest(string_split(${c}, ';'))) AS code FROM ${source}) WHERE code <> ''`,
          sourceParams,
        )
      : [];
    const values = JSON.parse(String(row!.vals ?? '[]')) as string[];
    const codes = JSON.parse(String(split?.codes ?? '[]')) as string[];
    stats.push({
      name,
      rows: Number(row!.n),
      filled: Number(row!.filled),
      distinct: Number(row!.d),
      numeric: row!.numeric === true,
      whole: row!.whole === true,
      min: typeof row!.lo === 'number' ? row!.lo : null,
      max: typeof row!.hi === 'number' ? row!.hi : null,
      email: row!.email === true,
      values: values.length > MAX_LISTED ? [] : values,
      codes: row!.listed === true && codes.length <= MAX_LISTED ? codes : null,
      ...(meta.has(name) ? { meta: meta.get(name)! } : {}),
    });
  }
  return stats;
}

/** The file with the codes it declares missing blanked, so that "don't know" (-99) stretches no scale and counts as no option. */
function answersOnly(source: Query, meta: Map<string, ColumnMeta>): Query {
  const declared = [...meta].filter(([, m]) => m.missing?.length);
  if (!declared.length) return source;
  const blanked = declared.map(([name]) => `CASE WHEN list_contains(?, CAST(${quoteIdent(name)} AS VARCHAR)) THEN NULL ELSE ${quoteIdent(name)} END AS ${quoteIdent(name)}`);
  return { sql: `(SELECT * REPLACE (${blanked.join(', ')}) FROM ${source.sql})`, params: [...declared.map(([, m]) => m.missing!), ...source.params] };
}

/**
 * The kind a column's metadata tells, over the one its values suggest: a numeric column whose every value
 * is labelled, or that SPSS calls nominal, is a set of options (a segment while there are few segments and
 * no missing codes); an ordinal one on a short range is a rating. "Scale" only confirms a number: exporters
 * such as haven call every numeric variable scale, 1-7 agreement items included.
 */
function kindFromMeta(s: ColumnStats, kind: Kind, segments: number): Kind {
  const m = s.meta;
  if (!m || kind === 'id' || kind === 'pii' || !s.numeric || !s.values.length) return kind;
  const labelled = new Set((m.values ?? []).map((v) => v.code));
  const options = m.measure === 'nominal' || (labelled.size > 0 && s.values.every((v) => labelled.has(v)));
  if (options && s.values.length <= 20) return segments < 4 && !m.missing?.length ? 'segment' : 'single';
  if (m.measure === 'ordinal' && s.whole && s.min !== null && s.max !== null && s.max - s.min >= 2 && s.max - s.min <= 10) return 'rating';
  return kind;
}

/** Options from observed codes, labelled with the file's value labels where it has them (labelled codes not seen are kept too). */
function labelledOptions(s: ColumnStats, codes: string[]) {
  const labels = new Map((s.meta?.values ?? []).map((v) => [v.code, v.label]));
  const all = [...new Set([...codes, ...labels.keys()])].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  const ids = uniqueIds(all.map((c) => labels.get(c) ?? c), (j) => `o${j}`);
  return all.map((code, j) => ({ id: ids[j]!, code, label: text(labels.get(code) ?? code) }));
}

/** Labels, value labels and missing codes from the file's metadata (an SPSS dictionary), put on the drafted questions and segments. */
function labelsFrom(survey: SurveyInput, columns: ColumnStats[]): void {
  const byColumn = new Map(columns.map((c) => [c.name, c]));
  for (const item of [...survey.questions, ...(survey.segments ?? [])]) {
    const s = item.column === undefined ? undefined : byColumn.get(item.column);
    if (!s?.meta) continue;
    if (s.meta.label) item.label = text(s.meta.label);
    if ('options' in item && item.options && !('type' in item && item.type === 'multi')) item.options = labelledOptions(s, s.values);
    if ('type' in item && s.meta.missing?.length) item.missing = s.meta.missing.map((m) => (s.numeric ? Number(m) : m));
  }
}

/** An id from a column name or a value: lower snake_case ASCII, or `fallback` when nothing is left. */
export function idFrom(text: string, fallback: string): string {
  const id = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(id) ? id.slice(0, 40).replace(/_+$/, '') : id ? `${fallback}_${id}`.slice(0, 40) : fallback;
}

/** Ids for `texts`, each unique (a suffix where two would clash). */
function uniqueIds(texts: string[], fallback: (i: number) => string, taken = new Set<string>()): string[] {
  return texts.map((t, i) => {
    const base = idFrom(t, fallback(i + 1));
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
    taken.add(id);
    return id;
  });
}

const YES_NO = new Set(['yes', 'no', 'true', 'false', 'y', 'n', '是', '否']);
const text = (s: string) => ({ zh: s, en: s });

/** A draft's question for one column, told by its statistics: the first rule that fits wins. */
type Kind = 'id' | 'pii' | 'nps' | 'rating' | 'boolean' | 'number' | 'seconds' | 'multi' | 'segment' | 'single' | 'text';

/** What kind of question a column most likely is (see the README's "Adding a survey"). */
export function kindOf(s: ColumnStats, isId: boolean, segments: number): Kind {
  if (isId) return 'id';
  if (s.email) return 'pii';
  if (s.numeric && s.whole && s.min !== null && s.max !== null) {
    if (s.min >= 0 && s.max <= 10 && s.max >= 9 && /nps|recommend|推荐/i.test(s.name)) return 'nps';
    if (s.max - s.min <= 1 && s.min >= 0 && s.max <= 1) return 'boolean';
    if (s.distinct <= 11 && s.max - s.min <= 10 && s.max - s.min >= 2 && s.min >= 0) return 'rating';
  }
  if (s.numeric) return /second|秒|wait|duration|时长/i.test(s.name) ? 'seconds' : 'number';
  if (s.values.length && s.values.every((v) => YES_NO.has(v.toLowerCase()))) return 'boolean';
  if (/comment|remark|feedback|note|备注|意见|建议|评论/i.test(s.name)) return 'text';
  if (s.codes && s.codes.length >= 2) return 'multi';
  // Answer options recur: a column whose values mostly differ is free text.
  const few = s.values.length >= 2 && s.values.length <= 20 && s.distinct <= Math.max(2, s.filled / 4);
  if (few && s.values.length <= 8 && segments < 4) return 'segment';
  if (few) return 'single';
  return 'text';
}

/**
 * A first definition of a survey from one data file, for the analyst to edit: questions inferred from the
 * columns (types, options, scales), up to four segments, and for each question an indicator, a chart or a
 * KPI tile. Labels repeat the column names in both languages.
 */
export function draftSurvey(id: string, file: string, wave: string, columns: ColumnStats[]): SurveyInput {
  const idColumn = columns.find((c) => c.filled === c.rows && c.distinct === c.rows && /(^|[^a-z])id$|^id|编号|序号/i.test(c.name)) ?? columns.find((c) => c.filled === c.rows && c.distinct === c.rows);
  if (!idColumn) throw new Error(`${file}: no column has a different value on every row: add a respondent id column`);
  const ids = uniqueIds(columns.map((c) => c.name), (i) => `q${i}`);
  const survey: SurveyInput = {
    id,
    title: text(id),
    description: text(id),
    source: text(id),
    unit: { zh: '受访者', en: 'respondents' },
    id_column: idColumn.name,
    waves: [{ id: wave, file }],
    segments: [],
    questions: [],
    indicators: [],
    charts: [],
    kpis: [],
  };
  const add = <K extends 'indicators' | 'charts' | 'kpis'>(key: K, item: NonNullable<SurveyInput[K]>[number]) => (survey[key] as unknown[]).push(item);
  columns.forEach((c, i) => {
    const qid = ids[i]!;
    const common = { id: qid, label: text(c.name), column: c.name };
    const options = (values: string[]) => uniqueIds(values, (j) => `o${j}`).map((oid, j) => ({ id: oid, code: values[j]!, label: text(values[j]!) }));
    const kind = kindFromMeta(c, kindOf(c, c === idColumn, survey.segments!.length), survey.segments!.length);
    switch (kind) {
      case 'id':
        return;
      case 'pii':
      case 'text':
        survey.questions.push({ ...common, type: kind });
        return;
      case 'segment':
        survey.segments!.push({ id: qid, column: c.name, label: text(c.name), options: options(c.values), required: c.filled === c.rows });
        return;
      case 'nps':
        survey.questions.push({ ...common, type: 'nps' });
        add('indicators', { id: qid, kind: 'nps', measure: qid });
        add('kpis', { id: qid, indicator: qid, label: text(c.name) });
        return;
      case 'rating':
        survey.questions.push({ ...common, type: 'rating', scale: { min: c.min!, max: c.max!, top_box: 2 } });
        add('indicators', { id: `${qid}_top`, kind: 'top_box', measure: qid });
        add('charts', { id: qid, indicator: `${qid}_top`, type: 'waves', title: text(c.name) });
        add('kpis', { id: `${qid}_top`, indicator: `${qid}_top`, label: text(c.name) });
        return;
      case 'number':
      case 'seconds':
        survey.questions.push({ ...common, type: kind, bin: 1 });
        add('indicators', { id: qid, kind: 'mean', measure: qid });
        add('kpis', { id: qid, indicator: qid, label: text(c.name) });
        return;
      case 'boolean':
        survey.questions.push(c.numeric ? { ...common, type: 'boolean' } : { ...common, type: 'boolean', true_codes: c.values.filter((v) => /^(yes|true|y|是)$/i.test(v)), false_codes: c.values.filter((v) => /^(no|false|n|否)$/i.test(v)) });
        add('indicators', { id: qid, kind: 'share', measure: qid });
        add('charts', { id: qid, indicator: qid, type: 'bars', title: text(c.name) });
        return;
      case 'multi':
      case 'single':
        survey.questions.push(kind === 'multi' ? { ...common, type: 'multi', options: options(c.codes!) } : { ...common, type: 'single', options: options(c.values) });
        add('indicators', { id: qid, kind: 'share', measure: qid });
        add('charts', { id: qid, indicator: qid, type: 'bars', title: text(c.name) });
        return;
    }
  });
  labelsFrom(survey, columns);
  if (!survey.questions.length) throw new Error(`${file}: no column besides the id holds answers`);
  // Scores compared across the first segment's values.
  const by = survey.segments![0];
  if (by) {
    for (const q of survey.questions.filter((x) => x.type === 'rating' || x.type === 'nps')) {
      const id = `${q.id}_by_${by.id}`;
      add('indicators', { id, kind: q.type === 'nps' ? 'nps' : 'top_box', measure: q.id, by: by.id });
      add('charts', { id, indicator: id, type: 'grouped', title: { zh: `${q.label.zh}（按${by.label.zh}）`, en: `${q.label.en} by ${by.label.en}` } });
    }
  }
  return survey;
}
