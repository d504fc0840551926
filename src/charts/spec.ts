import { z } from 'zod';
import type { Figure, IndicatorResult } from '../indicators/result.ts';
import { headlineKey, indicatorKeys } from '../indicators/run.ts';
import { dimensionsOf, lastWaves } from '../survey/dimensions.ts';
import { findMeasure } from '../survey/measures.ts';
import { splitDistributionKey } from '../survey/battery.ts';
import type { Chart, Indicator } from '../survey/report.ts';
import type { Survey } from '../survey/survey.ts';
import type { Lang, Text } from '../survey/text.ts';
import { CHART_TYPES } from '../survey/report.ts';
import { figureUnit } from './format.ts';

/** One plotted value: a key (option, score...) in a series (a wave or a group), with its base. */
export const MarkSchema = z.object({
  key: z.string(),
  label: z.string().describe('Label of the key, in the page language'),
  series: z.string().nullable().describe('Label of the wave or group; null for a single series'),
  value: z.number().nullable().describe('null when suppressed or without data'),
  performance: z.number().nullable().optional().describe("Key drivers: the driver's performance, plotted across"),
  count: z.number().nullable().optional().describe('Shares: how many chose it (weighted: the sum of their weights)'),
  low: z.number().nullable().optional().describe('Lower end of the 95% interval'),
  high: z.number().nullable().optional().describe('Upper end of the 95% interval'),
  signif: z.enum(['up', 'down']).nullable().optional().describe('Significantly higher or lower than what the chart compares it with (see `compare`)'),
  n: z.number(),
  low_base: z.boolean(),
  suppressed: z.boolean(),
  withheld: z.boolean().optional().describe('Suppressed because some parts of the slice were withheld from the published cube: n counts the others only'),
});
export type Mark = z.infer<typeof MarkSchema>;

/** A chart as plain data: everything renderChart needs, in the page language, nothing computed later. */
export const ChartSpecSchema = z.object({
  id: z.string(),
  type: z.enum(CHART_TYPES),
  lang: z.enum(['zh', 'en']),
  title: z.string(),
  question: z.string(),
  unit: z.enum(['share', 'mean', 'score', 'count']),
  marks: z.array(MarkSchema),
  keys: z.array(z.string()).describe('Key labels in display order'),
  series: z.array(z.string()).describe('Series labels in display order'),
  target: z.object({ value: z.number(), label: z.string() }).nullable(),
  min_base: z.number(),
  suppress_below: z.number(),
  note: z.string().nullable(),
  compare: z
    .enum(['previous', 'rest', 'first'])
    .nullable()
    .describe('What ▲/▼ marks compare with: the previous wave, the rest of the slice, or the first of the slices compared'),
  versus: z.string().nullable().optional().describe('When slices are compared: the label of the first slice'),
  population: z.string().describe('What one row is (respondents, evaluations...), in the page language'),
  r2: z.number().nullable().optional().describe('Key drivers: R² of the model with every driver; null when withheld'),
});
export type ChartSpec = z.infer<typeof ChartSpecSchema>;

const t = (text: Text, lang: Lang): string => text[lang];

/**
 * Builds the spec of a chart from the indicator's results per wave (the build's, or a filtered slice's).
 * `versus` names the first slice when slices are compared: marks are then tested against it (`vs_first`).
 */
export function buildChartSpec(survey: Survey, chart: Chart, byWave: Record<string, IndicatorResult>, lang: Lang, wave = lastWaves(survey).current, versus?: string): ChartSpec {
  const indicator = survey.indicators.find((i) => i.id === chart.indicator)!;
  if (indicator.battery !== undefined) return batterySpec(survey, chart, indicator, byWave[wave] ?? [], lang, versus);
  const measure = findMeasure(survey, indicator.measure!)!;
  const keyLabel = new Map(measure.choices.map((c) => [c.id, t(c.label, lang)]));
  // Key drivers are keyed by the driver's measure; other keys are the measure's options or points.
  const labelOf = (key: string): string =>
    indicator.kind === 'drivers' ? t(driverName(survey, key) ?? measure.label, lang) : (keyLabel.get(key) ?? t(indicator.label ?? measure.label, lang));
  const groupDim = indicator.by === undefined ? undefined : dimensionsOf(survey).find((d) => d.id === indicator.by);
  const groupLabel = new Map(groupDim?.choices.map((c) => [c.id, t(c.label, lang)]) ?? []);
  if (chart.type === 'trend') return trendSpec(survey, chart, byWave, lang);
  const waves = chart.type === 'waves' ? survey.waves.map((w) => w.id) : [wave];
  // Waves side by side mark the last wave against the one before; groups are marked against the rest.
  const compare: ChartSpec['compare'] = versus !== undefined ? 'first' : chart.type === 'waves' && waves.length > 1 ? 'previous' : indicator.by !== undefined ? 'rest' : null;
  const against = (f: Figure, w: string) => (compare === 'first' ? f.vs_first : compare === 'rest' ? f.vs_rest : compare === 'previous' && w === wave ? f.change : null);
  const marks: Mark[] = [];
  for (const w of waves) {
    for (const f of byWave[w] ?? []) {
      const series = chart.type === 'waves' ? w : f.group === null ? null : (groupLabel.get(f.group) ?? f.group);
      const performance = f.performance === undefined ? {} : { performance: f.performance };
      marks.push({ key: f.key, label: labelOf(f.key), series, value: f.value, ...performance, ...interval(f), signif: signif(against(f, w)), n: f.n, low_base: f.low_base, suppressed: f.suppressed, ...(f.withheld ? { withheld: true } : {}) });
    }
  }
  let keys = indicatorKeys(survey, indicator);
  if (indicator.kind === 'nps') keys = ['nps'];
  const shown = marks.filter((m) => keys.includes(m.key));
  if (chart.sort === 'value' && chart.type !== 'stacked') {
    const score = (k: string): number => Math.max(...shown.filter((m) => m.key === k).map((m) => m.value ?? -Infinity));
    keys = [...keys].sort((a, b) => score(b) - score(a));
  }
  return {
    ...common(survey, chart, lang, measure.label, figureUnit(indicator.kind, keys[0] ?? '')),
    ...modelFit(indicator.kind, byWave[wave]),
    compare,
    versus: versus ?? null,
    marks: shown,
    keys: keys.map(labelOf),
    series: chart.type === 'waves' ? waves : groupDim ? rankedGroups(groupDim.choices.map((c) => t(c.label, lang)), shown, keys.length === 1 && chart.sort === 'value') : [],
  };
}

/**
 * A battery's chart: a mark per item (ranked: its top box or mean), per item and group (heat: series are the
 * groups of "by"), or per item and scale point (diverging: series are the points, from the bad end to the
 * good). Keys are the items' labels, ranked by value (the mean over groups, or the share at the good end of the
 * midpoint) unless the chart keeps the battery's order.
 */
function batterySpec(survey: Survey, chart: Chart, indicator: Indicator, figures: IndicatorResult, lang: Lang, versus?: string): ChartSpec {
  const battery = survey.batteries.find((b) => b.id === indicator.battery)!;
  const measures = battery.items.map((id) => findMeasure(survey, id)!);
  const itemLabel = new Map(measures.map((m) => [m.id, t(m.short ?? m.label, lang)]));
  const scale = measures[0]!.scale!;
  const points = scale.good === 'high' ? measures[0]!.choices : [...measures[0]!.choices].reverse();
  const pointLabel = new Map(points.map((p) => [p.id, t(p.label, lang)]));
  const groupDim = indicator.by === undefined ? undefined : dimensionsOf(survey).find((d) => d.id === indicator.by);
  const groupLabel = new Map(groupDim?.choices.map((c) => [c.id, t(c.label, lang)]) ?? []);
  const compare: ChartSpec['compare'] = versus !== undefined ? 'first' : indicator.by !== undefined ? 'rest' : null;
  const against = (f: Figure) => (compare === 'first' ? f.vs_first : compare === 'rest' ? f.vs_rest : null);
  const marks = figures.map((f): Mark => {
    const { item, point } = indicator.kind === 'share' ? splitDistributionKey(f.key) : { item: f.key, point: '' };
    const series = indicator.kind === 'share' ? (pointLabel.get(point) ?? point) : f.group === null ? null : (groupLabel.get(f.group) ?? f.group);
    return { key: f.key, label: itemLabel.get(item) ?? item, series, value: f.value, ...interval(f), signif: signif(against(f)), n: f.n, low_base: f.low_base, suppressed: f.suppressed, ...(f.withheld ? { withheld: true } : {}) };
  });
  // The good half of a distribution: points past the midpoint (half of the midpoint itself, on an odd scale).
  const weight = (series: string | null): number => {
    const at = points.findIndex((p) => t(p.label, lang) === series);
    const mid = (points.length - 1) / 2;
    return at > mid ? 1 : at === mid ? 0.5 : 0;
  };
  const score = (label: string): number => {
    const own = marks.filter((m) => m.label === label && m.value !== null);
    if (!own.length) return -Infinity;
    return indicator.kind === 'share' ? own.reduce((sum, m) => sum + m.value! * weight(m.series), 0) : own.reduce((sum, m) => sum + m.value!, 0) / own.length;
  };
  const labels = battery.items.map((id) => itemLabel.get(id)!);
  const keys = chart.sort === 'value' ? [...labels].sort((a, b) => score(b) - score(a)) : labels;
  const unit = figureUnit(indicator.kind, indicator.kind === 'mean' ? 'mean' : 'top_box');
  return {
    ...common(survey, chart, lang, indicator.label ?? battery.label, unit),
    compare,
    versus: versus ?? null,
    marks,
    keys,
    series: indicator.kind === 'share' ? points.map((p) => t(p.label, lang)) : (groupDim?.choices.map((c) => t(c.label, lang)) ?? []),
  };
}

/** Groups in definition order, or (one figure per group, sorted by value) from highest to lowest, blanks last. */
function rankedGroups(groups: string[], marks: Mark[], byValue: boolean): string[] {
  if (!byValue) return groups;
  const value = (g: string) => marks.find((m) => m.series === g)?.value ?? -Infinity;
  return [...groups].sort((a, b) => value(b) - value(a));
}

/** Key drivers: the model's R², carried by each driver's figure (null on all when any is suppressed). */
function modelFit(kind: string, figures: IndicatorResult | undefined): Pick<ChartSpec, 'r2'> {
  if (kind !== 'drivers') return {};
  return { r2: figures?.[0]?.r2 ?? null };
}

/** A driver's name on a chart: its short name, or its question. */
const driverName = (survey: Survey, id: string): Text | undefined => {
  const m = findMeasure(survey, id);
  return m?.short ?? m?.label;
};

/** A figure's interval, for its mark. */
const interval = (f: Figure) => ({ low: f.low ?? null, high: f.high ?? null, count: f.count ?? null });

/** ▲ or ▼ for a significant difference. */
const signif = (c: Figure['change']): Mark['signif'] => (c?.significant ? (c.diff > 0 ? 'up' : 'down') : null);

/** What every spec carries beside its marks. */
function common(survey: Survey, chart: Chart, lang: Lang, question: Text, unit: ChartSpec['unit']): Omit<ChartSpec, 'marks' | 'keys' | 'series' | 'compare'> {
  const target = chart.target === undefined ? undefined : survey.targets.find((x) => x.id === chart.target);
  return {
    id: chart.id,
    type: chart.type,
    lang,
    title: t(chart.title, lang),
    question: t(question, lang),
    population: t(survey.unit, lang),
    unit,
    target: target ? { value: target.value, label: t(target.label, lang) } : null,
    min_base: survey.min_base,
    suppress_below: survey.suppress_below,
    note: chart.note ? t(chart.note, lang) : null,
  };
}

/**
 * A trend: the indicator's headline figure (its first option, for shares) for each value of its "by"
 * dimension in definition order, one series per wave. Marks are keyed by the dimension's value.
 */
function trendSpec(survey: Survey, chart: Chart, byWave: Record<string, IndicatorResult>, lang: Lang): ChartSpec {
  const indicator = survey.indicators.find((i) => i.id === chart.indicator)!;
  const measure = findMeasure(survey, indicator.measure!)!;
  const key = indicator.kind === 'share' ? indicatorKeys(survey, indicator)[0]! : headlineKey(indicator);
  const points = dimensionsOf(survey).find((d) => d.id === indicator.by)!.choices;
  const waves = survey.waves.map((w) => w.id);
  const marks: Mark[] = waves.flatMap((w) =>
    points.map((p): Mark => {
      const f = byWave[w]?.find((x) => x.group === p.id && x.key === key);
      const ci = f ? interval(f) : { low: null, high: null };
      return { key: p.id, label: t(p.label, lang), series: w, value: f?.value ?? null, ...ci, n: f?.n ?? 0, low_base: f?.low_base ?? false, suppressed: f?.suppressed ?? true, ...(f?.withheld ? { withheld: true } : {}) };
    }),
  );
  const option = measure.choices.find((c) => c.id === key);
  const question = option ? { zh: `${measure.label.zh}：${option.label.zh}`, en: `${measure.label.en}: ${option.label.en}` } : measure.label;
  return {
    ...common(survey, chart, lang, question, figureUnit(indicator.kind, key)),
    compare: null,
    marks,
    keys: points.map((p) => t(p.label, lang)),
    series: waves,
  };
}
