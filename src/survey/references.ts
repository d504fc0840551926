import type { z } from 'zod';
import { hasFixedBands, type Grouping } from './derived.ts';
import { COMPARE, CUBE_STAT_COLUMNS, dimensionsOf, WAVE } from './dimensions.ts';
import { cubeMeasures, measuresOf, type Measure, type MeasureShape } from './measures.ts';
import { optionCode, type Option, type Question, type Scale } from './question.ts';
import { BATTERY_KINDS } from './battery.ts';
import { BATTERY_CHARTS, type Indicator } from './report.ts';
import type { Survey } from './survey.ts';
import { codeText } from './text.ts';

type Ctx = z.RefinementCtx;
type Path = (string | number)[];

function issue(ctx: Ctx, path: Path, message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

function checkUnique(ctx: Ctx, items: { id: string }[], path: Path, what: string): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) issue(ctx, [...path, i, 'id'], `duplicate ${what} id "${item.id}"`);
    seen.add(item.id);
  });
}

/**
 * How many options a single question or segment, stages a maturity model, bands a grouping and waves a survey
 * may have: each row holds its choice's position in one byte (0 marks an invalid value).
 */
export const MAX_CHOICES = 255;

/** How many cells the cube's dimensions may make together: each row's cell is a 32-bit integer. */
export const MAX_CELLS = 2 ** 31;

function checkCount(ctx: Ctx, items: unknown[], path: Path, what: string): void {
  if (items.length > MAX_CHOICES) issue(ctx, path, `has ${items.length} ${what}; at most ${MAX_CHOICES} are supported: merge some of them`);
}

function checkOptions(ctx: Ctx, options: Option[], path: Path): void {
  checkCount(ctx, options, path, 'options');
  checkUnique(ctx, options, path, 'option');
  const codes = new Set<string>();
  options.forEach((o, i) => {
    const code = optionCode(o);
    if (codes.has(code)) issue(ctx, [...path, i, 'code'], `duplicate option code "${code}"`);
    codes.add(code);
  });
}

/** Which measure shapes each indicator kind can be computed from. */
const KIND_SHAPES: Record<string, MeasureShape[]> = {
  share: ['categorical', 'multi', 'scale'],
  top_box: ['scale'],
  mean: ['scale', 'numeric'],
  nps: ['scale'],
  percentile: ['scale', 'numeric'],
  drivers: ['scale', 'numeric', 'categorical'],
};

/**
 * The outcome of key drivers: a single or boolean measure needs the option counted as 1; a rating may take
 * its top box instead of its points; a number or score is its own outcome.
 */
function checkOutcome(ind: Indicator, measure: Measure, ctx: Ctx, path: Path): void {
  if (ind.outcome === undefined) {
    if (ind.kind === 'drivers' && measure.shape === 'categorical') issue(ctx, [...path, 'outcome'], `key drivers of "${measure.id}" need an outcome: the option counted as 1 (${measure.choices.map((c) => c.id).join(', ')})`);
    return;
  }
  if (ind.kind !== 'drivers') return issue(ctx, [...path, 'outcome'], 'only key drivers take an "outcome"');
  if (measure.shape === 'categorical' && !measure.choices.some((c) => c.id === ind.outcome)) {
    issue(ctx, [...path, 'outcome'], `unknown option "${ind.outcome}" of "${measure.id}" (options: ${measure.choices.map((c) => c.id).join(', ')})`);
  }
  if (measure.shape === 'scale' && ind.outcome !== 'top_box') issue(ctx, [...path, 'outcome'], `the outcome of a rating is top_box, not "${ind.outcome}"`);
  if (measure.shape === 'numeric') issue(ctx, [...path, 'outcome'], `"${measure.id}" is a number: it is its own outcome`);
}

/** A multi question reads one delimited column, code columns, or one column per option: exactly one of them, the same way in every wave. */
function checkCodeColumns(q: Question & { type: 'multi' }, ctx: Ctx, path: Path): void {
  if (q.columns === undefined) {
    for (const [wave, change] of Object.entries(q.waves ?? {})) {
      if (change !== false && Array.isArray(change.columns)) issue(ctx, [...path, 'waves', wave, 'columns'], 'a list of code columns needs `columns` on the question');
    }
    return;
  }
  if (q.column !== undefined) issue(ctx, [...path, 'columns'], 'give either a delimited `column` or code `columns`, not both');
  q.options.forEach((o, j) => {
    if (o.column !== undefined) issue(ctx, [...path, 'options', j, 'column'], 'an option has no column of its own when the question has code `columns`');
  });
  const seen = new Set<string>();
  q.columns.forEach((c, j) => {
    if (seen.has(c)) issue(ctx, [...path, 'columns', j], `duplicate column "${c}"`);
    seen.add(c);
  });
  for (const [wave, change] of Object.entries(q.waves ?? {})) {
    if (change !== false && change.columns !== undefined && !Array.isArray(change.columns)) issue(ctx, [...path, 'waves', wave, 'columns'], 'must be a list of code columns, like the question\'s `columns`');
  }
}

function checkQuestions(survey: Survey, ctx: Ctx): void {
  survey.questions.forEach((q, i) => {
    const path: Path = ['questions', i];
    if (q.type === 'single' || q.type === 'multi') checkOptions(ctx, q.options, [...path, 'options']);
    if (q.type === 'multi' && q.options.length > 62) issue(ctx, [...path, 'options'], `has ${q.options.length} options; at most 62 are supported`);
    if (q.type === 'multi') checkCodeColumns(q, ctx, path);
    if (q.type === 'multi' && q.column === undefined && q.columns === undefined) {
      q.options.forEach((o, j) => {
        if (o.column === undefined) issue(ctx, [...path, 'options', j, 'column'], 'needs a column: the question has no delimited column');
      });
    }
    if (q.type === 'rating') {
      const { min, max, top_box, labels } = q.scale;
      const points = max - min + 1;
      if (max <= min) issue(ctx, [...path, 'scale', 'max'], `must be greater than min (${min})`);
      else if (points > 11) issue(ctx, [...path, 'scale'], `has ${points} points; at most 11 are supported`);
      if (top_box >= points) issue(ctx, [...path, 'scale', 'top_box'], `must be smaller than the number of points (${points})`);
      if (labels && labels.length !== points) issue(ctx, [...path, 'scale', 'labels'], `has ${labels.length} labels for ${points} points`);
    }
  });
}

/** Wave changes name declared waves and options; an option's `since` is a declared wave. */
function checkWaveChanges(survey: Survey, ctx: Ctx): void {
  const waves = new Set(survey.waves.map((w) => w.id));
  survey.questions.forEach((q, i) => {
    const options = q.type === 'single' || q.type === 'multi' ? q.options : [];
    const ids = new Set(options.map((o) => o.id));
    options.forEach((o, j) => {
      if (o.since !== undefined && !waves.has(o.since)) issue(ctx, ['questions', i, 'options', j, 'since'], `unknown wave "${o.since}"`);
      if (o.since !== undefined && q.type === 'multi' && q.column === undefined && q.columns === undefined) issue(ctx, ['questions', i, 'options', j, 'since'], 'an option with its own column cannot start in a later wave: give it a column of zeros instead');
    });
    for (const [wave, change] of Object.entries(q.waves ?? {})) {
      if (!waves.has(wave)) issue(ctx, ['questions', i, 'waves', wave], `unknown wave "${wave}"`);
      if (change === false) continue;
      for (const key of ['codes', 'columns'] as const) {
        if (Array.isArray(change[key])) continue;
        for (const id of Object.keys(change[key] ?? {})) if (!ids.has(id)) issue(ctx, ['questions', i, 'waves', wave, key, id], `unknown option "${id}"`);
      }
    }
  });
}

/**
 * Fixed bands split a rating, NPS, number or score by inclusive bounds, in ascending order: only the first
 * may be open below and only the last open above; no value may fall in two bands, nor a whole number between two.
 */
function checkFixedBands(g: Grouping, ctx: Ctx, path: Path, shapes: Map<string, MeasureShape>): void {
  const shape = shapes.get(g.score);
  if (shape !== 'numeric' && shape !== 'scale') issue(ctx, [...path, 'score'], `"${g.score}" is not a rating, NPS, number or score`);
  g.bands.forEach((b, j) => {
    const at: Path = [...path, 'bands', j];
    if (b.min !== undefined && b.max !== undefined && b.min > b.max) issue(ctx, [...at, 'max'], `must be at least min (${b.min})`);
    if (j > 0 && b.min === undefined) issue(ctx, [...at, 'min'], 'only the first band may have no min');
    if (j < g.bands.length - 1 && b.max === undefined) issue(ctx, [...at, 'max'], 'only the last band may have no max');
    const prev = g.bands[j - 1];
    if (prev?.max === undefined || b.min === undefined) return;
    if (b.min <= prev.max) issue(ctx, [...at, 'min'], `${b.min} overlaps band "${prev.id}", which ends at ${prev.max} (bounds are inclusive): bands must not overlap`);
    else if (b.min > prev.max + 1) issue(ctx, [...at, 'min'], `${b.min} leaves a gap after band "${prev.id}", which ends at ${prev.max}: start at ${prev.max + 1} at most`);
  });
}

function checkDerived(survey: Survey, ctx: Ctx, shapes: Map<string, MeasureShape>): void {
  const types = new Map(survey.questions.map((q) => [q.id, q.type]));
  survey.composites.forEach((c, i) =>
    c.of.forEach((id, j) => {
      const type = types.get(id);
      const allowed = c.scale === '0-100' ? ['rating', 'nps'] : ['rating', 'nps', 'number', 'seconds'];
      if (!type || !allowed.includes(type)) issue(ctx, ['composites', i, 'of', j], `"${id}" is not a ${allowed.join(', ')} question`);
    }),
  );
  const m = survey.maturity;
  if (m) {
    const ratings = new Set(survey.questions.filter((q) => q.type === 'rating').map((q) => q.id));
    m.competencies.forEach((c, i) =>
      c.skills.forEach((s, j) => {
        if (!ratings.has(s)) issue(ctx, ['maturity', 'competencies', i, 'skills', j], `unknown rating question "${s}"`);
      }),
    );
    const sum = m.competencies.reduce((acc, c) => acc + c.weight, 0);
    if (Math.abs(sum - 1) > 1e-9) issue(ctx, ['maturity', 'competencies'], `weights sum to ${sum}, not 1`);
    if (m.stages[0]!.from !== 0) issue(ctx, ['maturity', 'stages', 0, 'from'], 'the first stage must start at 0');
    m.stages.forEach((s, i) => {
      if (i > 0 && s.from <= m.stages[i - 1]!.from) issue(ctx, ['maturity', 'stages', i, 'from'], 'stages must be in ascending order of from');
    });
  }
  survey.groupings.forEach((g, i) => {
    if (hasFixedBands(g)) return checkFixedBands(g, ctx, ['groupings', i], shapes);
    if (shapes.get(g.score) !== 'numeric') issue(ctx, ['groupings', i, 'score'], `"${g.score}" is not a numeric measure`);
    g.bands.forEach((b, j) => {
      if (b.from === undefined || b.to === undefined || b.min !== undefined || b.max !== undefined) {
        return issue(ctx, ['groupings', i, 'bands', j], 'a quantile band has from and to, and no min or max: give every band quantiles, or every band min and max');
      }
      const expected = j === 0 ? 0 : g.bands[j - 1]!.to;
      if (expected !== undefined && b.from !== expected) issue(ctx, ['groupings', i, 'bands', j, 'from'], `must be ${expected}: bands must follow each other`);
      if (b.to <= b.from) issue(ctx, ['groupings', i, 'bands', j, 'to'], 'must be greater than from');
    });
    if (g.bands[g.bands.length - 1]!.to !== 1) issue(ctx, ['groupings', i, 'bands'], 'the last band must end at 1');
  });
}

const scaleText = (s: Scale): string => `${s.min}-${s.max}, good ${s.good}, top box ${s.top_box}${s.labels ? `, labels ${s.labels.map((l) => l.en).join('/')}` : ''}`;

/** A battery's items are distinct rating questions on one scale (same points, direction, top box and labels). */
function checkBatteries(survey: Survey, ctx: Ctx): void {
  checkUnique(ctx, survey.batteries, ['batteries'], 'battery');
  survey.batteries.forEach((b, i) => {
    let first: { id: string; scale: Scale } | undefined;
    const seen = new Set<string>();
    b.items.forEach((id, j) => {
      const path: Path = ['batteries', i, 'items', j];
      if (seen.has(id)) return issue(ctx, path, `battery "${b.id}": item "${id}" is listed twice`);
      seen.add(id);
      const q = survey.questions.find((x) => x.id === id);
      if (q?.type !== 'rating') return issue(ctx, path, `battery "${b.id}": item "${id}" is not a rating question`);
      if (first === undefined) first = { id, scale: q.scale };
      else if (scaleText(q.scale) !== scaleText(first.scale)) {
        issue(ctx, path, `battery "${b.id}": item "${id}" has scale ${scaleText(q.scale)}, not ${scaleText(first.scale)} like "${first.id}"`);
      }
    });
  });
}

/** A battery indicator names a known battery, of a kind batteries take, without options or drivers; battery charts show battery indicators. */
function checkBatteryIndicators(survey: Survey, ctx: Ctx): void {
  const batteries = new Set(survey.batteries.map((b) => b.id));
  survey.indicators.forEach((ind, i) => {
    if (ind.battery === undefined) return;
    if (ind.measure !== undefined) issue(ctx, ['indicators', i, 'battery'], 'give either "measure" or "battery", not both');
    if (!batteries.has(ind.battery)) issue(ctx, ['indicators', i, 'battery'], `unknown battery "${ind.battery}"`);
    if (!BATTERY_KINDS.includes(ind.kind)) issue(ctx, ['indicators', i, 'kind'], `a battery is reported as ${BATTERY_KINDS.join(', ')}, not ${ind.kind}`);
    if (ind.options !== undefined) issue(ctx, ['indicators', i, 'options'], 'a battery indicator reports every item and point: it takes no "options"');
  });
  const indicators = new Map(survey.indicators.map((d) => [d.id, d]));
  survey.charts.forEach((c, i) => {
    const ind = indicators.get(c.indicator);
    if (!ind) return;
    const kinds = BATTERY_CHARTS[c.type];
    if (ind.battery === undefined) {
      if (kinds) issue(ctx, ['charts', i, 'type'], `a ${c.type} chart shows a battery ("${c.indicator}" has none)`);
      return;
    }
    if (!kinds) return issue(ctx, ['charts', i, 'type'], `a battery is shown as ${Object.keys(BATTERY_CHARTS).join(', ')}, not ${c.type}`);
    if (!kinds.includes(ind.kind)) issue(ctx, ['charts', i, 'type'], `a ${c.type} chart shows a battery's ${kinds.join(' or ')}, not its ${ind.kind}`);
    if (c.type === 'heat' && ind.by === undefined) issue(ctx, ['charts', i, 'type'], `heat needs an indicator with "by" ("${c.indicator}" has none)`);
    if (c.type !== 'heat' && ind.by !== undefined) issue(ctx, ['charts', i, 'type'], `${c.type} shows a battery over the whole slice: "${c.indicator}" has "by" (use heat)`);
  });
  survey.kpis.forEach((k, i) => {
    if (indicators.get(k.indicator)?.battery !== undefined) issue(ctx, ['kpis', i, 'indicator'], 'a battery cannot be a KPI tile: give a tile an indicator of one item');
  });
}

/**
 * How many measures the indicators may read: the cube holds each, and a build of 995 took over a minute and
 * 3,000 ran out of memory.
 */
export const MAX_MEASURES = 1000;

function checkReport(survey: Survey, ctx: Ctx, shapes: Map<string, MeasureShape>): void {
  const dims = new Set(dimensionsOf(survey).map((d) => d.id));
  const measures = measuresOf(survey);
  const read = cubeMeasures(survey).length;
  if (read > MAX_MEASURES) issue(ctx, ['indicators'], `read ${read} questions and measures; at most ${MAX_MEASURES} are supported: split the survey into several reports`);
  survey.indicators.forEach((ind, i) => {
    if (ind.battery !== undefined) return;
    if (ind.measure === undefined) return issue(ctx, ['indicators', i, 'measure'], 'needs a "measure" (or a "battery")');
    const shape = shapes.get(ind.measure);
    if (!shape) return issue(ctx, ['indicators', i, 'measure'], `unknown question or measure "${ind.measure}"`);
    if (!KIND_SHAPES[ind.kind]!.includes(shape)) issue(ctx, ['indicators', i, 'kind'], `${ind.kind} cannot be computed from a ${shape} measure ("${ind.measure}")`);
    if (ind.kind === 'nps' && survey.questions.find((q) => q.id === ind.measure)?.type !== 'nps') issue(ctx, ['indicators', i, 'measure'], `"${ind.measure}" is not an nps question`);
    const measure = measures.find((m) => m.id === ind.measure)!;
    checkOutcome(ind, measure, ctx, ['indicators', i]);
    if (ind.kind === 'percentile') {
      if (ind.at === undefined) issue(ctx, ['indicators', i, 'at'], 'a percentile needs "at" (0.5 for the median)');
      if (shape === 'numeric' && measure.bin === undefined) issue(ctx, ['indicators', i, 'measure'], `"${ind.measure}" needs a "bin" width for percentiles`);
    } else if (ind.at !== undefined) issue(ctx, ['indicators', i, 'at'], 'only a percentile takes "at"');
    if (ind.kind === 'drivers') {
      if (ind.drivers === undefined) issue(ctx, ['indicators', i, 'drivers'], 'key drivers need a list of "drivers"');
      ind.drivers?.forEach((d, j) => {
        const s = shapes.get(d);
        if (s !== 'scale' && s !== 'numeric') issue(ctx, ['indicators', i, 'drivers', j], `"${d}" is not a rating, score or number`);
        if (d === ind.measure) issue(ctx, ['indicators', i, 'drivers', j], 'a measure cannot drive itself');
      });
      if (ind.by !== undefined) issue(ctx, ['indicators', i, 'by'], 'key drivers are computed over the whole slice, without "by"');
    } else if (ind.drivers !== undefined) issue(ctx, ['indicators', i, 'drivers'], 'only key drivers take "drivers"');
    if (ind.by !== undefined && (!dims.has(ind.by) || ind.by === WAVE)) issue(ctx, ['indicators', i, 'by'], `unknown segment or grouping "${ind.by}"`);
    const choices = new Set(measure.choices.map((c) => c.id));
    ind.options?.forEach((o, j) => {
      if (!choices.has(o)) issue(ctx, ['indicators', i, 'options', j], `unknown option "${o}" of "${ind.measure}"`);
    });
  });
  const indicators = new Set(survey.indicators.map((d) => d.id));
  const targets = new Set(survey.targets.map((t) => t.id));
  for (const key of ['charts', 'kpis'] as const) {
    survey[key].forEach((item, i) => {
      if (!indicators.has(item.indicator)) issue(ctx, [key, i, 'indicator'], `unknown indicator "${item.indicator}"`);
      if (item.target !== undefined && !targets.has(item.target)) issue(ctx, [key, i, 'target'], `unknown target "${item.target}"`);
      const kind = survey.indicators.find((d) => d.id === item.indicator)?.kind;
      const group = (item as { group?: string }).group;
      if (group !== undefined) {
        const by = survey.indicators.find((d) => d.id === item.indicator)?.by;
        const choices = dimensionsOf(survey).find((d) => d.id === by)?.choices.map((c) => c.id) ?? [];
        if (!choices.includes(group)) issue(ctx, [key, i, 'group'], by === undefined ? `"${item.indicator}" has no "by" to pick a group from` : `unknown group "${group}" of "${by}"`);
      }
      if (kind === 'drivers' && (key === 'kpis' || !['quadrant', 'bars'].includes((item as { type?: string }).type ?? ''))) {
        issue(ctx, [key, i, 'indicator'], key === 'kpis' ? 'key drivers cannot be a KPI tile' : 'key drivers are shown as a quadrant or bars');
      }
      if (kind !== 'drivers' && (item as { type?: string }).type === 'quadrant') issue(ctx, [key, i, 'type'], 'a quadrant shows key drivers');
    });
  }
  survey.charts.forEach((c, i) => {
    const ind = survey.indicators.find((d) => d.id === c.indicator);
    if ((c.type === 'grouped' || c.type === 'trend') && ind && ind.by === undefined) issue(ctx, ['charts', i, 'type'], `${c.type} needs an indicator with "by" ("${c.indicator}" has none)`);
  });
}

/** Checks across fields: unique ids, and every reference pointing at something that exists and fits. */
export function checkReferences(survey: Survey, ctx: Ctx): void {
  if (survey.suppress_below > survey.min_base) issue(ctx, ['suppress_below'], `must not exceed min_base (${survey.min_base})`);
  checkUnique(ctx, survey.waves, ['waves'], 'wave');
  checkCount(ctx, survey.waves, ['waves'], 'waves');
  if (survey.maturity) checkCount(ctx, survey.maturity.stages, ['maturity', 'stages'], 'stages');
  survey.groupings.forEach((g, i) => checkCount(ctx, g.bands, ['groupings', i, 'bands'], 'bands'));
  // Every combination of wave, segment and grouping values (and a blank for each) is one cell of the cube.
  const cells = dimensionsOf(survey).reduce((n, d) => n * (d.choices.length + 1), 1);
  if (cells > MAX_CELLS) {
    issue(ctx, ['segments'], `the waves, segments and groupings make ${cells.toExponential(2)} combinations; at most ${MAX_CELLS} are supported: drop a segment or merge its options`);
  }
  // A dimension is a column of the cube beside its statistics: one named like them would be read as them.
  const reserved = new Set<string>(CUBE_STAT_COLUMNS);
  for (const [key, list] of [['segments', survey.segments], ['groupings', survey.groupings]] as const) {
    list.forEach((d, i) => {
      if (reserved.has(d.id)) issue(ctx, [key, i, 'id'], `"${d.id}" names a column of the cube (${CUBE_STAT_COLUMNS.join(', ')}): give the ${key === 'segments' ? 'segment' : 'grouping'} another id`);
    });
  }
  survey.segments.forEach((s, i) => {
    checkOptions(ctx, s.options, ['segments', i, 'options']);
    const listed = new Set(s.options.map(optionCode));
    s.missing.forEach((m, j) => {
      if (listed.has(codeText(m))) issue(ctx, ['segments', i, 'missing', j], `"${codeText(m)}" is the code of an option: a code is either an option or missing`);
    });
  });
  const names = [
    ...survey.segments.map((s, i) => ({ id: s.id, path: ['segments', i, 'id'] as Path })),
    ...survey.questions.map((q, i) => ({ id: q.id, path: ['questions', i, 'id'] as Path })),
    ...survey.groupings.map((g, i) => ({ id: g.id, path: ['groupings', i, 'id'] as Path })),
    ...survey.composites.map((c, i) => ({ id: c.id, path: ['composites', i, 'id'] as Path })),
    ...(survey.maturity
      ? [
          ...survey.maturity.competencies.map((c, i) => ({ id: c.id, path: ['maturity', 'competencies', i, 'id'] as Path })),
          { id: survey.maturity.score, path: ['maturity', 'score'] as Path },
          { id: survey.maturity.stage, path: ['maturity', 'stage'] as Path },
        ]
      : []),
  ];
  const seen = new Set<string>([WAVE, COMPARE]);
  for (const n of names) {
    if (seen.has(n.id)) issue(ctx, n.path, n.id === WAVE || n.id === COMPARE ? `"${n.id}" is reserved` : `duplicate id "${n.id}": questions, segments and measures share one namespace`);
    seen.add(n.id);
  }
  for (const key of ['indicators', 'charts', 'kpis', 'targets'] as const) checkUnique(ctx, survey[key], [key], key.slice(0, -1));
  checkQuestions(survey, ctx);
  checkWaveChanges(survey, ctx);
  const shapes = new Map(measuresOf(survey).map((m) => [m.id, m.shape]));
  checkDerived(survey, ctx, shapes);
  checkReport(survey, ctx, shapes);
  checkBatteries(survey, ctx);
  checkBatteryIndicators(survey, ctx);
}
