import { findMeasure } from '../survey/measures.ts';
import type { Chart } from '../survey/report.ts';
import type { Survey } from '../survey/survey.ts';
import type { Lang } from '../survey/text.ts';
import type { ChartSpec, Mark } from './spec.ts';

/**
 * What a chart of shares can show instead: each option's share of the respondents (as built), its share of
 * all answers given (multi-select: respondents may choose several), how many chose it, or, for a rating
 * scale, the mean point.
 */
export const CHART_UNITS = ['respondents', 'answers', 'count', 'mean'] as const;
export type ChartUnit = (typeof CHART_UNITS)[number];

/** The units a chart can switch between, its own first; none when it has only its own. */
export function chartUnits(survey: Survey, chart: Chart): ChartUnit[] {
  const indicator = survey.indicators.find((i) => i.id === chart.indicator)!;
  // A battery's distribution is one 100% bar per item: shares of respondents only.
  if (indicator.kind !== 'share' || indicator.battery !== undefined || chart.type === 'trend' || chart.type === 'quadrant') return [];
  const measure = findMeasure(survey, indicator.measure!)!;
  // Shares of answers and means need every option: over a subset they would mislead.
  const whole = indicator.options === undefined || measure.choices.every((c) => indicator.options!.includes(c.id));
  return [
    'respondents',
    ...(measure.shape === 'multi' && whole ? (['answers'] as const) : []),
    'count',
    ...(measure.shape === 'scale' && whole ? (['mean'] as const) : []),
  ];
}

/** The label of a unit in the chart's unit menu. */
export function unitLabel(unit: ChartUnit, population: string, lang: Lang): string {
  const zh = lang === 'zh';
  switch (unit) {
    case 'respondents':
      return zh ? `占${population}比例` : `Share of ${population}`;
    case 'answers':
      return zh ? '占全部回答比例' : 'Share of answers';
    case 'count':
      return zh ? `${population}数` : 'Count';
    case 'mean':
      return zh ? '平均分' : 'Mean';
  }
}

/** Marks by series (wave or group), in order. */
function bySeries(marks: Mark[]): Mark[][] {
  const groups = new Map<string | null, Mark[]>();
  for (const m of marks) groups.set(m.series, [...(groups.get(m.series) ?? []), m]);
  return [...groups.values()];
}

/**
 * A chart of shares redrawn in another unit, from the counts its marks carry. The figures are derived, not
 * tested: they carry no interval and no ▲▼. Counts and means are drawn as bars (a stack of counts or of one
 * mean says nothing).
 */
export function inUnit(spec: ChartSpec, unit: ChartUnit): ChartSpec {
  if (unit === 'respondents') return spec;
  const plain = (m: Mark, value: number | null): Mark => ({ ...m, value: m.suppressed ? null : value, low: null, high: null, signif: null });
  const derived = { ...spec, compare: null, versus: null };
  if (unit === 'answers') {
    const marks = bySeries(spec.marks).flatMap((ms) => {
      const answers = ms.reduce((sum, m) => sum + (m.count ?? 0), 0);
      return ms.map((m) => plain(m, typeof m.count === 'number' && answers > 0 ? m.count / answers : null));
    });
    return { ...derived, marks };
  }
  const type = spec.type === 'stacked' ? 'bars' : spec.type;
  if (unit === 'count') return { ...derived, type, unit: 'count', marks: spec.marks.map((m) => ({ ...plain(m, m.count ?? null), count: null })) };
  // The mean point: the points weighted by their shares (which add up to 1 over the answered base).
  const marks = bySeries(spec.marks).map((ms): Mark => {
    const first = ms[0]!;
    const known = ms.every((m) => m.value !== null);
    const mean = known ? ms.reduce((sum, m) => sum + Number(m.key) * m.value!, 0) : null;
    return { ...plain(first, mean), key: 'mean', label: spec.question, count: null };
  });
  return { ...derived, type, unit: 'mean', marks, keys: [spec.question] };
}
