import type { Engine, Query } from '../engine/engine.ts';
import { quoteIdent } from '../engine/engine.ts';
import type { SurveyInput } from '../survey/survey.ts';
import { CUBE_STAT_COLUMNS } from '../survey/dimensions.ts';
import { asText, readHeader } from './ingest.ts';
import { headerAsWritten } from './data-columns.ts';
import { columnStem, draftBatteries } from './draft-batteries.ts';
import { answers, namesGroup, readColumn, saysNoAnswer, type Reading } from './column-kind.ts';
import { formatOf, type ColumnMeta, type WaveFile } from './formats/index.ts';

/** What a data file's column holds, as far as a draft definition needs to know. */
export interface ColumnStats {
  /** The header as written ("" for an empty one), and the name the reader gives the column. */
  name: string;
  read: string;
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
  /** The first SAMPLED distinct values, in order (all of them when there are fewer). */
  sample: string[];
  /** The distinct codes of `;`-separated cells, when some cell holds a `;` list and there are few codes. */
  codes: string[] | null;
  /** How many cells hold each of `values`. */
  counts: Record<string, number>;
  /** Every value reads as a phone number, an IP address, a date or time; some number is written with leading zeros. */
  phone: boolean;
  ip: boolean;
  dated: boolean;
  zeroPadded: boolean;
  /** How many cells hold each code conventional for "no answer" (-99, 99, 999…), and the range of the other numbers. */
  sentinels: Record<string, number>;
  rest: [number, number] | null;
  /** What the file says about the column (an SPSS file's labels, codes, missing values, measurement level). */
  meta?: ColumnMeta;
}

const MAX_LISTED = 30;
/** Distinct values read to tell personal data by its shape. */
const SAMPLED = 200;

/** The session table holding the file being drafted from. */
const DRAFTED = 'drafted_file';

/** Codes exports conventionally give to "no answer", "don't know" or "refused". */
const SENTINELS = [-999, -99, -98, -97, -9, 97, 98, 99, 997, 998, 999];

/** True when `test` holds for every filled cell of `c` (false for an empty column). */
const every = (c: string, test: string) => `coalesce(bool_and(${test}) FILTER (WHERE ${c} IS NOT NULL), false)`;

/** Reads every column's statistics from a data file of any format, as text, with the column metadata the file carries. */
export async function columnStats(engine: Engine, file: WaveFile): Promise<ColumnStats[]> {
  const header = await readHeader(engine, file);
  const meta = await formatOf(file).columnMeta(engine, file);
  // Read once into a table: each column's statistics are a query of their own, and a CSV would be parsed for each.
  const read = answersOnly(await asText(engine, file), meta);
  await engine.query(`CREATE OR REPLACE TEMP TABLE ${DRAFTED} AS SELECT * FROM ${read.sql}`, read.params);
  const stats: ColumnStats[] = [];
  const written = headerAsWritten(header);
  for (const [i, name] of header.entries()) {
    const c = `CAST(${quoteIdent(name)} AS VARCHAR)`;
    const x = `TRY_CAST(${c} AS DOUBLE)`;
    const [row] = await engine.query(
      `SELECT count(*) AS n, count(${c}) AS filled, count(DISTINCT ${c}) AS d,
        coalesce(bool_and(${x} IS NOT NULL) FILTER (WHERE ${c} IS NOT NULL), false) AS numeric,
        coalesce(bool_and(${x} = round(${x})) FILTER (WHERE ${c} IS NOT NULL), false) AS whole,
        min(${x}) AS lo, max(${x}) AS hi,
        coalesce(bool_and(regexp_matches(${c}, '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$')) FILTER (WHERE ${c} IS NOT NULL), false) AS email,
        coalesce(bool_or(contains(${c}, ';')), false) AS listed,
        ${every(c, `regexp_matches(${c}, '^\\+?[0-9][0-9 ()./-]{5,}[0-9]$') AND length(regexp_replace(${c}, '[^0-9]', '', 'g')) >= 7 AND regexp_matches(${c}, '^[+0]|[ ()/-]')`)} AS phone,
        ${every(c, `regexp_matches(${c}, '^[0-9]{1,3}(\\.[0-9]{1,3}){3}$|^[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}$')`)} AS ip,
        ${every(c, `${x} IS NULL AND TRY_CAST(${c} AS TIMESTAMP) IS NOT NULL`)} AS dated,
        coalesce(bool_or(regexp_matches(${c}, '^0[0-9]{2,}$')), false) AS padded,
        to_json(histogram(${x}) FILTER (WHERE ${x} IN (${SENTINELS.join(', ')}))) AS sentinels,
        min(${x}) FILTER (WHERE ${x} NOT IN (${SENTINELS.join(', ')})) AS lo_rest,
        max(${x}) FILTER (WHERE ${x} NOT IN (${SENTINELS.join(', ')})) AS hi_rest,
        to_json(list(DISTINCT ${c} ORDER BY ${c}) FILTER (WHERE ${c} IS NOT NULL)[1:${SAMPLED}]) AS vals
      FROM ${DRAFTED}`,
    );
    const [split] = row!.listed === true
      ? await engine.query(
          `SELECT to_json(list(DISTINCT code ORDER BY code)[1:${MAX_LISTED + 1}]) AS codes
          FROM (SELECT trim(unnest(string_split(${c}, ';'))) AS code FROM ${DRAFTED}) WHERE code <> ''`,
        )
      : [];
    const sample = JSON.parse(String(row!.vals ?? '[]')) as string[];
    const values = sample.slice(0, MAX_LISTED + 1);
    const tally = values.length <= MAX_LISTED ? await engine.query(`SELECT ${c} AS v, count(*) AS n FROM ${DRAFTED} WHERE ${c} IS NOT NULL GROUP BY 1`) : [];
    const codes = JSON.parse(String(split?.codes ?? '[]')) as string[];
    stats.push({
      name: written[i]!,
      read: name,
      rows: Number(row!.n),
      filled: Number(row!.filled),
      distinct: Number(row!.d),
      numeric: row!.numeric === true,
      whole: row!.whole === true,
      min: typeof row!.lo === 'number' ? row!.lo : null,
      max: typeof row!.hi === 'number' ? row!.hi : null,
      email: row!.email === true,
      values: values.length > MAX_LISTED ? [] : values,
      sample,
      codes: row!.listed === true && codes.length <= MAX_LISTED ? codes : null,
      counts: Object.fromEntries(tally.map((t) => [String(t.v), Number(t.n)])),
      phone: row!.phone === true,
      ip: row!.ip === true,
      dated: row!.dated === true,
      zeroPadded: row!.padded === true,
      sentinels: Object.fromEntries(Object.entries(JSON.parse(String(row!.sentinels ?? '{}')) as Record<string, number>).map(([k, n]) => [String(Number(k)), n])),
      rest: typeof row!.lo_rest === 'number' && typeof row!.hi_rest === 'number' ? [row!.lo_rest, row!.hi_rest] : null,
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
 * What a column's metadata tells, over what its values suggest: a numeric column whose every value is
 * labelled, or that SPSS calls nominal, is a set of codes (a segment or a single choice); an ordinal one on a
 * short range is a rating on the range of its labelled and answered points. "Scale" only confirms a number:
 * exporters such as haven call every numeric variable scale, 1-7 agreement items included.
 */
function readingFromMeta(s: ColumnStats, reading: Reading): Reading {
  const m = s.meta;
  if (!m || reading.kind === 'ignore' || reading.kind === 'pii' || !s.numeric || !s.values.length) return reading;
  const labelled = new Set((m.values ?? []).map((v) => v.code));
  if ((m.measure === 'nominal' || (labelled.size > 0 && s.values.every((v) => labelled.has(v)))) && s.values.length <= 20) return { kind: 'codes', missing: reading.missing, codes: s.values, notes: [] };
  const points = [...labelled].map(Number).filter(Number.isInteger).concat(s.min ?? [], s.max ?? []);
  const [min, max] = [Math.min(...points), Math.max(...points)];
  if (m.measure === 'ordinal' && s.whole && max - min >= 2 && max - min <= 10) return { kind: 'rating', missing: reading.missing, scale: { min, max }, notes: [] };
  return reading;
}

/** Options from observed codes, labelled with the file's value labels where it has them (labelled codes not seen are kept too). */
function labelledOptions(s: ColumnStats, codes: string[]) {
  const labels = new Map((s.meta?.values ?? []).map((v) => [v.code, v.label]));
  const missing = new Set(s.meta?.missing ?? []);
  const all = [...new Set([...codes, ...labels.keys()])].filter((c) => !missing.has(c)).sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  const ids = uniqueIds(all.map((c) => labels.get(c) ?? c), (j) => `o${j}`);
  return all.map((code, j) => ({ id: ids[j]!, code, label: text(labels.get(code) ?? code) }));
}

/**
 * Labels, value labels and missing codes from the file's metadata (an SPSS dictionary), put on the drafted
 * questions and segments. A code whose value label says "no answer" ("Refused", "Don't know") is missing too,
 * a guess noted beside its question or segment.
 */
function labelsFrom(survey: SurveyInput, columns: ColumnStats[], guesses: Guess[]): void {
  const byColumn = new Map(columns.map((c) => [c.name, c]));
  const items = [...survey.questions.map((item, i) => ({ item, path: ['questions', i] })), ...(survey.segments ?? []).map((item, i) => ({ item, path: ['segments', i] }))];
  for (const { item, path } of items) {
    const s = item.column === undefined ? undefined : byColumn.get(item.column);
    if (!s?.meta) continue;
    if (s.meta.label) item.label = text(s.meta.label);
    const declared = s.meta.missing ?? [];
    const said = (s.meta.values ?? []).filter((v) => saysNoAnswer(v.label) && !declared.includes(v.code));
    const missing = [...new Set([...(item.missing ?? []).map(String), ...declared, ...said.map((v) => v.code)])];
    if ('options' in item && item.options && !('type' in item && item.type === 'multi')) item.options = labelledOptions(s, s.values).filter((o) => !missing.includes(o.code));
    if (missing.length) item.missing = missing.map((m) => (s.numeric ? Number(m) : m));
    for (const v of said) guesses.push({ path, column: s.name, note: `${v.code} = "${v.label}" (${answers(s.counts[v.code] ?? 0)}), set apart as missing` });
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

const text = (s: string) => ({ zh: s, en: s });

/** A guess the draft made that could be wrong, beside the question or segment it shaped. */
export interface Guess {
  /** Where it sits in the definition: ['questions', 3], ['segments', 0] or ['id_column']. */
  path: (string | number)[];
  column: string;
  note: string;
}

/** A drafted definition and what it guessed. */
export interface Draft {
  survey: SurveyInput;
  guesses: Guess[];
}

/**
 * Items of one battery (`switch_1` … `switch_4`) share a scale: the widest any of them was answered on, since
 * a point nobody chose on one item is still a point of it.
 */
function sameScales(columns: ColumnStats[], readings: Reading[]): void {
  const batteries = new Map<string, Reading[]>();
  readings.forEach((r, i) => {
    const s = columnStem(columns[i]!.name);
    if (r.kind === 'rating' && s && s !== columns[i]!.name) batteries.set(s, [...(batteries.get(s) ?? []), r]);
  });
  for (const [s, items] of batteries) {
    const min = Math.min(...items.map((r) => r.scale!.min));
    const max = Math.max(...items.map((r) => r.scale!.max));
    for (const r of items) {
      if (r.scale!.min === min && r.scale!.max === max) continue;
      r.scale = { min, max };
      r.notes.push(`scale ${min}-${max}, as other ${s} items`);
    }
  }
}

/** Batteries of the drafted ratings (`draftBatteries`), each with its top boxes ranked and its distributions diverging. */
function batteriesOf(survey: SurveyInput, columns: ColumnStats[], guesses: Guess[]): void {
  const position = new Map(columns.map((c, i) => [c.name, i]));
  const ratings = survey.questions.flatMap((q) => (q.type === 'rating' ? [{ id: q.id, column: q.column, label: q.label.en, position: position.get(q.column)!, scale: q.scale }] : []));
  const found = draftBatteries(ratings);
  const ids = uniqueIds(
    found.map((b) => b.name),
    (i) => `battery_${i}`,
    new Set(survey.questions.map((q) => q.id)),
  );
  survey.batteries = found.map((b, k) => {
    const id = ids[k]!;
    guesses.push({ path: ['batteries', k], column: b.name, note: b.note });
    survey.indicators!.push({ id: `${id}_top`, kind: 'top_box', battery: id }, { id: `${id}_dist`, kind: 'share', battery: id });
    survey.charts!.push(
      { id: `${id}_ranked`, indicator: `${id}_top`, type: 'ranked', title: text(b.name) },
      { id: `${id}_diverging`, indicator: `${id}_dist`, type: 'diverging', title: text(b.name) },
    );
    return { id, label: text(b.name), items: b.items };
  });
}

/**
 * A first definition of a survey from one data file, for the analyst to edit: questions inferred from the
 * columns (types, options, scales), up to four segments, and for each question an indicator, a chart or a
 * KPI tile. Labels repeat the column names in both languages. `source` names the data file in messages.
 */
export function draftSurvey(id: string, file: string, wave: string, columns: ColumnStats[], source = file): Draft {
  const distinct = columns.filter((c) => c.filled === c.rows && c.distinct === c.rows);
  const unique = distinct.filter((c) => readColumn(c).kind !== 'ignore');
  const named = unique.find((c) => /(^|[^a-z])id$|^id|编号|序号/i.test(c.name.replace(/([a-z])ID$/, '$1_id')));
  // An unnamed row index (R's row names) is the id only when nothing else tells the rows apart.
  const idColumn = named ?? unique[0] ?? distinct.find((c) => c.numeric && c.whole);
  if (!idColumn) throw new Error(`${source}: no column has a different value on every row: add a respondent id column`);
  const guesses: Guess[] = named
    ? []
    : [{ path: ['id_column'], column: idColumn.name, note: unique.length ? 'the first column with a different value on every row: is it the respondent id?' : 'an unnamed row index, the only column with a different value on every row: is it the respondent id?' }];
  // A segment named like a cube column would be refused: such a name gets a suffix.
  const ids = uniqueIds(columns.map((c) => c.name), (i) => `q${i}`, new Set(CUBE_STAT_COLUMNS));
  // A positive number on every row, named as a weight: the survey is weighted.
  const weight = columns.find((c) => c !== idColumn && /^(weights?|wt|wgt|.*[_ ]weight)$/i.test(c.name) && c.numeric && c.filled === c.rows && (c.min ?? 0) > 0);
  if (weight) guesses.push({ path: ['weight_column'], column: weight.name, note: 'a positive number on every row, named as a weight: the weight of each row' });
  const survey: SurveyInput = {
    id,
    title: text(id),
    description: text(id),
    source: text(id),
    unit: { zh: '受访者', en: 'respondents' },
    id_column: idColumn.name,
    ...(weight ? { weight_column: weight.name } : {}),
    waves: [{ id: wave, file }],
    segments: [],
    questions: [],
    indicators: [],
    charts: [],
    kpis: [],
  };
  const add = <K extends 'indicators' | 'charts' | 'kpis'>(key: K, item: NonNullable<SurveyInput[K]>[number]) => (survey[key] as unknown[]).push(item);
  const readings = columns.map((c) => readingFromMeta(c, readColumn(c)));
  // Up to four segments: columns named like a group of respondents first, then others, each in file order.
  const candidates = columns.filter((c, i) => c !== idColumn && readings[i]!.kind === 'codes' && readings[i]!.codes!.length <= 8);
  const segmentColumns = new Set([...candidates.filter((c) => namesGroup(c.name)), ...candidates.filter((c) => !namesGroup(c.name))].slice(0, 4));
  sameScales(columns, readings);
  columns.forEach((c, i) => {
    if (c === idColumn || c === weight) return;
    const qid = ids[i]!;
    const common = { id: qid, label: text(c.name || 'row index'), column: c.name };
    const options = (values: string[]) => uniqueIds(values, (j) => `o${j}`).map((oid, j) => ({ id: oid, code: values[j]!, label: text(values[j]!) }));
    const reading = readings[i]!;
    const missing = reading.missing.length ? { missing: reading.missing } : {};
    const guess = (path: (string | number)[]) => reading.notes.forEach((note) => guesses.push({ path, column: c.name, note }));
    guess(['questions', survey.questions.length]);
    switch (reading.kind) {
      case 'ignore':
      case 'pii':
      case 'text':
        survey.questions.push({ ...common, type: reading.kind });
        return;
      case 'codes': {
        const codes = reading.codes!;
        if (segmentColumns.has(c)) {
          // The notes belong to the segment: a code set apart is its "not stated", in no filter option.
          guesses.splice(guesses.length - reading.notes.length, reading.notes.length);
          guess(['segments', survey.segments!.length]);
          survey.segments!.push({ id: qid, column: c.name, label: text(c.name), options: options(codes), ...missing, required: c.filled === c.rows });
          return;
        }
        survey.questions.push({ ...common, type: 'single', options: options(codes), ...missing });
        add('indicators', { id: qid, kind: 'share', measure: qid });
        add('charts', { id: qid, indicator: qid, type: 'bars', title: text(c.name) });
        return;
      }
      case 'nps':
        survey.questions.push({ ...common, type: 'nps', ...missing });
        add('indicators', { id: qid, kind: 'nps', measure: qid });
        add('kpis', { id: qid, indicator: qid, label: text(c.name) });
        return;
      case 'rating':
        survey.questions.push({ ...common, type: 'rating', scale: { ...reading.scale!, top_box: 2 }, ...missing });
        add('indicators', { id: `${qid}_top`, kind: 'top_box', measure: qid });
        add('charts', { id: qid, indicator: `${qid}_top`, type: 'waves', title: text(c.name) });
        add('kpis', { id: `${qid}_top`, indicator: `${qid}_top`, label: text(c.name) });
        return;
      case 'number':
      case 'seconds':
        survey.questions.push({ ...common, type: reading.kind, bin: 1, ...missing });
        add('indicators', { id: qid, kind: 'mean', measure: qid });
        add('kpis', { id: qid, indicator: qid, label: text(c.name) });
        return;
      case 'boolean':
        survey.questions.push(
          reading.yes
            ? { ...common, type: 'boolean', true_codes: reading.yes, false_codes: reading.no!, ...missing }
            : c.numeric
              ? { ...common, type: 'boolean', ...missing }
              : { ...common, type: 'boolean', true_codes: c.values.filter((v) => /^(yes|true|y|是)$/i.test(v)), false_codes: c.values.filter((v) => /^(no|false|n|否)$/i.test(v)) },
        );
        add('indicators', { id: qid, kind: 'share', measure: qid });
        add('charts', { id: qid, indicator: qid, type: 'bars', title: text(c.name) });
        return;
      case 'multi':
        survey.questions.push({ ...common, type: 'multi', options: options(c.codes!) });
        add('indicators', { id: qid, kind: 'share', measure: qid });
        add('charts', { id: qid, indicator: qid, type: 'bars', title: text(c.name) });
        return;
    }
  });
  labelsFrom(survey, columns, guesses);
  batteriesOf(survey, columns, guesses);
  if (!survey.questions.length) throw new Error(`${source}: no column besides the id holds answers`);
  // Scores compared across the first segment's values.
  const by = survey.segments![0];
  if (by) {
    for (const q of survey.questions.filter((x) => x.type === 'rating' || x.type === 'nps')) {
      const id = `${q.id}_by_${by.id}`;
      add('indicators', { id, kind: q.type === 'nps' ? 'nps' : 'top_box', measure: q.id, by: by.id });
      add('charts', { id, indicator: id, type: 'grouped', title: { zh: `${q.label.zh}（按${by.label.zh}）`, en: `${q.label.en} by ${by.label.en}` } });
    }
  }
  return { survey, guesses };
}
