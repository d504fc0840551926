import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Random valid surveys for property tests: a `survey.yaml` object and its wave files. The structure (waves,
 * weights, segments, questions, derived measures, indicators, charts) comes from fast-check arbitraries, so
 * that a failure shrinks; the answers come from a seeded generator, shaped by per-question modes that reach
 * the corners real data reach (everyone giving one answer, an option nobody chose, blanks, missing codes).
 */

/** How a column's answers are spread: at random, all the same, or never the first option/point. */
const MODES = ['spread', 'constant', 'skip-first', 'mostly-blank'] as const;
type Mode = (typeof MODES)[number];

interface QuestionSpec {
  type: 'single' | 'multi-delimited' | 'multi-columns' | 'rating' | 'nps' | 'number' | 'seconds' | 'boolean' | 'text' | 'pii';
  options: number;
  numericCodes: boolean;
  missing: boolean;
  required: boolean;
  scaleMin: number;
  points: number;
  good: 'high' | 'low';
  topBox: number;
  bin: number | undefined;
  bounded: boolean;
  exclusive: boolean;
  mode: Mode;
  blankRate: number;
  missingRate: number;
  /** With several waves: not asked in the first (its columns absent from that file), or for a single question, its last option first offered in the last wave. */
  waveChange: boolean;
}

interface SegmentSpec {
  options: number;
  mode: Mode;
}

/** What the generator decides before the answers are drawn. */
export interface SurveySpec {
  waves: number;
  rows: number[];
  weighted: boolean;
  integerWeights: boolean;
  suppressBelow: number;
  minBaseExtra: number;
  segments: SegmentSpec[];
  questions: QuestionSpec[];
  composite: boolean;
  composite100: boolean;
  maturity: boolean;
  grouping: boolean;
  picks: [number, number, number, number][];
  seed: number;
}

/** A generated survey: its definition (written as YAML, which JSON is) and its wave files by name. */
export interface RandomSurvey {
  id: string;
  definition: Record<string, unknown>;
  files: Record<string, string>;
}

const question: fc.Arbitrary<QuestionSpec> = fc.record({
  type: fc.constantFrom('single', 'multi-delimited', 'multi-columns', 'rating', 'nps', 'number', 'seconds', 'boolean', 'text', 'pii'),
  options: fc.integer({ min: 1, max: 5 }),
  numericCodes: fc.boolean(),
  missing: fc.boolean(),
  required: fc.boolean(),
  scaleMin: fc.constantFrom(-2, 0, 1),
  points: fc.integer({ min: 2, max: 11 }),
  good: fc.constantFrom('high', 'low'),
  topBox: fc.integer({ min: 1, max: 10 }),
  bin: fc.option(fc.constantFrom(0.1, 0.5, 1, 5), { nil: undefined }),
  bounded: fc.boolean(),
  exclusive: fc.boolean(),
  mode: fc.constantFrom(...MODES),
  blankRate: fc.constantFrom(0, 0, 0.1, 0.5),
  missingRate: fc.constantFrom(0, 0.1, 0.3),
  waveChange: fc.boolean(),
});

/** The spec of a random survey: small row counts are as likely as moderate ones. */
export const surveySpec: fc.Arbitrary<SurveySpec> = fc.record({
  waves: fc.integer({ min: 1, max: 3 }),
  rows: fc.array(fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 200 })), { minLength: 3, maxLength: 3 }),
  weighted: fc.boolean(),
  integerWeights: fc.boolean(),
  suppressBelow: fc.integer({ min: 1, max: 12 }),
  minBaseExtra: fc.integer({ min: 0, max: 30 }),
  segments: fc.array(fc.record({ options: fc.integer({ min: 1, max: 3 }), mode: fc.constantFrom(...MODES) }), { maxLength: 2 }),
  questions: fc.array(question, { minLength: 1, maxLength: 8 }),
  composite: fc.boolean(),
  composite100: fc.boolean(),
  maturity: fc.boolean(),
  grouping: fc.boolean(),
  picks: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()), { maxLength: 6 }),
  seed: fc.integer(),
});

/** A small seeded generator (mulberry32): the answers of a spec are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const text = (s: string) => ({ zh: `${s}（中）`, en: s });

/** A CSV field, quoted when it must be. */
const field = (v: string) => (/[",\n\r]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v);

interface Column {
  name: string;
  /** The cell of a row of a wave (its position), from the random source. */
  cell(rnd: () => number, row: number, wave: number): string;
  /** A wave (its position) whose file lacks the column: the question was not asked then. */
  absentIn?: number;
}

/** Picks a position among `n` by the mode: `constant` always the last, `skip-first` never the first. */
function position(mode: Mode, n: number, rnd: () => number): number {
  if (mode === 'constant' || n === 1) return n - 1;
  if (mode === 'skip-first') return 1 + Math.floor(rnd() * (n - 1));
  return Math.floor(rnd() * n);
}

/** Builds the survey of a spec: its definition and its files. */
export function buildSurvey(spec: SurveySpec, id = 'random'): RandomSurvey {
  const waves = ['2023', '2024', '2025'].slice(3 - spec.waves);
  const columns: Column[] = [{ name: 'Respondent ID', cell: (_, row) => `r${row}` }];
  const questions: Record<string, unknown>[] = [];
  const segments: Record<string, unknown>[] = [];
  // Measures by shape, for indicators and derived measures.
  const categorical: { id: string; options: string[] }[] = [];
  const scales: string[] = [];
  const ratings: string[] = [];
  const nps: string[] = [];
  const numeric: { id: string; binned: boolean }[] = [];
  const dims: { id: string; options: string[] }[] = [];

  spec.segments.forEach((s, i) => {
    const sid = `seg_${i}`;
    const options = Array.from({ length: s.options }, (_, j) => ({ id: `s${i}_o${j}`, code: `S${j}`, label: text(`Seg ${i} ${j}`) }));
    segments.push({ id: sid, column: `Segment ${i} / 分组`, label: text(`Segment ${i}`), options });
    dims.push({ id: sid, options: options.map((o) => o.id) });
    columns.push({ name: `Segment ${i} / 分组`, cell: (rnd) => `S${position(s.mode === 'mostly-blank' ? 'spread' : s.mode, s.options, rnd)}` });
  });

  spec.questions.forEach((q, i) => {
    const qid = `q${i}`;
    const col = `Q${i} ${q.type}`;
    const base = { id: qid, label: text(`Question ${i}`), ...(q.required ? { required: true } : {}) };
    const blank = (rnd: () => number) => !q.required && (q.mode === 'mostly-blank' ? rnd() < 0.9 : rnd() < q.blankRate);
    const missingCode = (rnd: () => number) => q.missing && rnd() < q.missingRate;
    const changed = q.waveChange && waves.length > 1;
    const before = columns.length;
    switch (q.type) {
      case 'single': {
        const codes = Array.from({ length: q.options }, (_, j) => (q.numericCodes ? j + 1 : `c${j}`));
        // The last option may be new in the last wave: earlier files never hold its code.
        const late = changed && q.options > 1;
        const options = codes.map((code, j) => ({ id: `${qid}_o${j}`, code, label: text(`Option ${j}`), ...(late && j === q.options - 1 ? { since: waves[waves.length - 1] } : {}) }));
        questions.push({ ...base, type: 'single', column: col, options, ...(q.missing ? { missing: [q.numericCodes ? 99 : 'dk'] } : {}) });
        categorical.push({ id: qid, options: options.map((o) => o.id) });
        const offered = (wave: number) => (late && wave < waves.length - 1 ? q.options - 1 : q.options);
        columns.push({ name: col, cell: (rnd, _, wave) => (blank(rnd) ? '' : missingCode(rnd) ? (q.numericCodes ? '99' : 'dk') : String(codes[position(q.mode, offered(wave), rnd)])) });
        break;
      }
      case 'multi-delimited': {
        const codes = Array.from({ length: q.options }, (_, j) => `M${j}`);
        const options = codes.map((code, j) => ({ id: `${qid}_o${j}`, code, label: text(`Option ${j}`) }));
        questions.push({ ...base, type: 'multi', column: col, delimiter: '|', options, ...(q.missing ? { missing: ['none'] } : {}) });
        categorical.push({ id: qid, options: options.map((o) => o.id) });
        columns.push({
          name: col,
          cell: (rnd) => {
            if (blank(rnd)) return '';
            if (missingCode(rnd)) return 'none';
            if (q.mode === 'constant') return codes.join('|');
            const chosen = codes.filter((_, j) => (q.mode === 'skip-first' ? j > 0 : true) && rnd() < 0.5);
            return (chosen.length ? chosen : [codes[codes.length - 1]!]).join(' | ');
          },
        });
        break;
      }
      case 'multi-columns': {
        const n = q.options;
        // The last option is "none of these" when exclusive: chosen alone.
        const options = Array.from({ length: n }, (_, j) => ({ id: `${qid}_o${j}`, column: `${col} ${j}`, label: text(`Option ${j}`), ...(q.exclusive && n > 1 && j === n - 1 ? { exclusive: true } : {}) }));
        questions.push({ ...base, type: 'multi', options, ...(q.missing ? { missing: [9] } : {}) });
        categorical.push({ id: qid, options: options.map((o) => o.id) });
        // One draw per row for all its columns: the row's choices are decided when its first column is written.
        let chosen: boolean[] = [];
        options.forEach((o, j) => {
          columns.push({
            name: o.column,
            cell: (rnd) => {
              if (j === 0) {
                const none = blank(rnd) ? 'blank' : missingCode(rnd) ? 'missing' : undefined;
                chosen = options.map((_, k) => (none ? false : q.mode === 'constant' ? k === 0 : (q.mode !== 'skip-first' || k > 0) && rnd() < 0.5));
                if (q.exclusive && n > 1 && chosen[n - 1]) chosen = chosen.map((_, k) => k === n - 1);
                if (none) chosen = options.map(() => false).concat(none === 'blank' ? [true] : [false, true]);
              }
              if (chosen[n] === true) return '';
              if (chosen[n + 1] === true) return '9';
              return chosen[j] ? '1' : '0';
            },
          });
        });
        break;
      }
      case 'rating': {
        const max = q.scaleMin + q.points - 1;
        const topBox = Math.min(q.topBox, q.points - 1);
        questions.push({ ...base, type: 'rating', column: col, scale: { min: q.scaleMin, max, good: q.good, top_box: topBox }, ...(q.missing ? { missing: [max + 10] } : {}) });
        scales.push(qid);
        ratings.push(qid);
        columns.push({ name: col, cell: (rnd) => (blank(rnd) ? '' : missingCode(rnd) ? String(max + 10) : String(q.scaleMin + position(q.mode, q.points, rnd))) });
        break;
      }
      case 'nps':
        questions.push({ ...base, type: 'nps', column: col, ...(q.missing ? { missing: [99] } : {}) });
        scales.push(qid);
        nps.push(qid);
        columns.push({ name: col, cell: (rnd) => (blank(rnd) ? '' : missingCode(rnd) ? '99' : String(position(q.mode, 11, rnd))) });
        break;
      case 'number':
      case 'seconds': {
        const bounds = q.bounded ? { min: 0, max: 1000 } : {};
        questions.push({ ...base, type: q.type, column: col, ...bounds, ...(q.bin === undefined ? {} : { bin: q.bin }), ...(q.missing ? { missing: [-1] } : {}) });
        numeric.push({ id: qid, binned: q.bin !== undefined });
        columns.push({
          name: col,
          cell: (rnd) => (blank(rnd) ? '' : missingCode(rnd) ? '-1' : q.mode === 'constant' ? '42' : String(Math.round(rnd() * 1000 * 100) / 100)),
        });
        break;
      }
      case 'boolean': {
        const codes = ['yes', 'no', '1', '0', 'true', 'false'];
        questions.push({ ...base, type: 'boolean', column: col, ...(q.missing ? { missing: ['dk'] } : {}) });
        categorical.push({ id: qid, options: ['yes', 'no'] });
        columns.push({ name: col, cell: (rnd) => (blank(rnd) ? '' : missingCode(rnd) ? 'dk' : q.mode === 'constant' ? 'yes' : codes[Math.floor(rnd() * codes.length)]!) });
        break;
      }
      case 'text':
        questions.push({ ...base, type: 'text', column: col });
        columns.push({ name: col, cell: (rnd) => (blank(rnd) ? '' : ['fine', 'slow, "very" slow', '很好', ' spaced ', 'a\nb'][Math.floor(rnd() * 5)]!) });
        break;
      case 'pii':
        questions.push({ ...base, type: 'pii', column: col });
        columns.push({ name: col, cell: (rnd, row) => (blank(rnd) ? '' : `person${row}@example.com`) });
        break;
    }
    // Any other question may have been left out of the first wave.
    if (changed && q.type !== 'single') {
      questions[questions.length - 1]!.waves = { [waves[0]!]: false };
      for (const c of columns.slice(before)) c.absentIn = 0;
    }
  });

  const composites: Record<string, unknown>[] = [];
  const of = spec.composite100 ? scales : [...scales, ...numeric.map((m) => m.id)];
  if (spec.composite && of.length) {
    composites.push({ id: 'composite', label: text('Composite'), of: of.slice(0, 3), ...(spec.composite100 ? { scale: '0-100' } : {}) });
    numeric.push({ id: 'composite', binned: false });
  }
  let maturity: Record<string, unknown> | undefined;
  if (spec.maturity && ratings.length) {
    const half = Math.ceil(ratings.length / 2);
    const parts = half < ratings.length ? [ratings.slice(0, half), ratings.slice(half)] : [ratings];
    maturity = {
      score: 'maturity_score',
      stage: 'stage',
      label: text('Maturity'),
      competencies: parts.map((skills, i) => ({ id: `comp_${i}`, label: text(`Competency ${i}`), weight: 1 / parts.length, skills })),
      stages: [
        { id: 'low', from: 0, label: text('Low') },
        { id: 'high', from: 50, label: text('High') },
      ],
    };
    numeric.push({ id: 'maturity_score', binned: false });
    categorical.push({ id: 'stage', options: ['low', 'high'] });
  }
  const groupings: Record<string, unknown>[] = [];
  const scored = numeric[numeric.length - 1];
  if (spec.grouping && scored) {
    groupings.push({
      id: 'tier',
      label: text('Tier'),
      score: scored.id,
      bands: [
        { id: 'bottom', from: 0, to: 0.5, label: text('Bottom') },
        { id: 'top', from: 0.5, to: 1, label: text('Top') },
      ],
    });
    dims.push({ id: 'tier', options: ['bottom', 'top'] });
  }

  // Indicators: each pick chooses a kind, a measure of a shape the kind takes, a "by" or none, and a chart.
  const indicators: Record<string, unknown>[] = [];
  const charts: Record<string, unknown>[] = [];
  const kpis: Record<string, unknown>[] = [];
  const targets = [{ id: 'goal', value: 0.8, better: 'above', label: text('Goal') }];
  const quantitative = [...scales, ...numeric.map((m) => m.id)];
  spec.picks.forEach(([k, m, b, c], i) => {
    const kinds = [
      ...(categorical.length ? ['share'] : []),
      ...(scales.length ? ['top_box', 'percentile'] : []),
      ...(quantitative.length ? ['mean'] : []),
      ...(nps.length ? ['nps'] : []),
      ...(quantitative.length >= 3 ? ['drivers'] : []),
    ];
    if (!kinds.length) return;
    const kind = kinds[k % kinds.length]!;
    const iid = `ind_${i}`;
    const by = dims.length && b % 3 > 0 && kind !== 'drivers' ? dims[b % dims.length]!.id : undefined;
    const ind: Record<string, unknown> = { id: iid, kind, ...(by ? { by } : {}) };
    let options: string[] = [];
    if (kind === 'share') {
      const measure = categorical[m % categorical.length]!;
      ind.measure = measure.id;
      options = measure.options;
      if (c % 4 === 0) ind.options = measure.options.slice(0, 1);
    } else if (kind === 'top_box') ind.measure = scales[m % scales.length];
    else if (kind === 'nps') ind.measure = nps[m % nps.length];
    else if (kind === 'mean') ind.measure = quantitative[m % quantitative.length];
    else if (kind === 'percentile') {
      const binned = [...scales, ...numeric.filter((n) => n.binned).map((n) => n.id)];
      ind.measure = binned[m % binned.length];
      ind.at = [0.25, 0.5, 0.9][c % 3];
    } else {
      const measure = quantitative[m % quantitative.length]!;
      ind.measure = measure;
      ind.drivers = quantitative.filter((q) => q !== measure).slice(0, 2 + (c % 3));
    }
    indicators.push(ind);
    const type = kind === 'drivers' ? 'quadrant' : by && c % 2 ? 'grouped' : (['bars', 'stacked', 'waves'] as const)[c % 3];
    if (c % 5 !== 4) charts.push({ id: `chart_${i}`, indicator: iid, type, title: text(`Chart ${i}`), ...(kind === 'top_box' && c % 2 ? { target: 'goal' } : {}) });
    if (kind !== 'drivers' && c % 3 === 0) {
      const group = by ? dims.find((d) => d.id === by)!.options[0] : undefined;
      kpis.push({ id: `kpi_${i}`, indicator: iid, label: text(`KPI ${i}`), ...(kind === 'share' ? { option: options[0] } : {}), ...(group && c % 2 ? { group } : {}) });
    }
  });

  const weight: Column[] = spec.weighted ? [{ name: 'Weight', cell: (rnd: () => number) => (spec.integerWeights ? String(1 + Math.floor(rnd() * 3)) : String(Math.round((0.1 + rnd() * 2.9) * 1000) / 1000)) }] : [];
  const all = [...columns, ...weight];
  const rnd = random(spec.seed);
  const files: Record<string, string> = {};
  waves.forEach((w, i) => {
    const here = all.filter((c) => c.absentIn !== i);
    const lines = [here.map((c) => field(c.name)).join(',')];
    for (let row = 1; row <= spec.rows[i]!; row++) lines.push(here.map((c) => field(c.cell(rnd, row, i))).join(','));
    files[`${w}.csv`] = lines.join('\n') + '\n';
  });

  const definition: Record<string, unknown> = {
    id,
    title: text('Random survey'),
    description: text('Generated'),
    source: text('Generator'),
    unit: text('respondents'),
    id_column: 'Respondent ID',
    ...(spec.weighted ? { weight_column: 'Weight' } : {}),
    suppress_below: spec.suppressBelow,
    min_base: spec.suppressBelow + spec.minBaseExtra,
    waves: waves.map((w) => ({ id: w, file: `${w}.csv` })),
    segments,
    questions,
    composites,
    ...(maturity ? { maturity } : {}),
    groupings,
    indicators,
    charts,
    kpis,
    targets,
  };
  return { id, definition, files };
}

/** Writes a survey under `<root>/data/<id>/`; returns that folder. */
export function writeSurvey(root: string, survey: RandomSurvey): string {
  const dir = join(root, 'data', survey.id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'survey.yaml'), JSON.stringify(survey.definition, null, 1));
  for (const [name, content] of Object.entries(survey.files)) writeFileSync(join(dir, name), content);
  return dir;
}
