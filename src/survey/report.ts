import { z } from 'zod';
import { indicatorItems, type Battery } from './battery.ts';
import { IdSchema, TextSchema } from './text.ts';

/** What an indicator computes from the cube. */
export const INDICATOR_KINDS = ['share', 'top_box', 'mean', 'nps', 'percentile', 'drivers'] as const;

/** A figure computed from one measure (or from each item of a battery): shares of its options, top-box share, mean or NPS. */
export const IndicatorSchema = z
  .object({
    id: IdSchema.describe('Stable id of the indicator'),
    kind: z
      .enum(INDICATOR_KINDS)
      .describe('share: share of each option (single or multi) or of each point of a rating (its distribution); top_box: share in the top box; mean; nps; percentile (e.g. the median) of a scale or binned number; drivers: importance of each driver for the measure'),
    measure: IdSchema.optional().describe('Id of a question or derived measure (give either measure or battery)'),
    battery: IdSchema.optional().describe('Id of a battery: the figure of each of its items (kinds top_box, mean and share), instead of a measure'),
    by: IdSchema.optional().describe('Compare across the values of this dimension (a segment or grouping)'),
    options: z.array(IdSchema).optional().describe('Show only these options, in this order'),
    drivers: z.array(IdSchema).min(2).optional().describe('For key drivers: the ratings or scores whose importance for the measure is estimated'),
    outcome: IdSchema.optional().describe('For key drivers of a yes/no outcome: the option of a single or boolean measure counted as 1 (any other answer 0), or top_box for the top box of a rating'),
    at: z.number().gt(0).lt(1).optional().describe('For a percentile: which one, as a fraction (0.5 is the median, 0.9 the 90th percentile)'),
    label: TextSchema.optional().describe('Name of the indicator (defaults to the question text)'),
  })
  .strict();
export type Indicator = z.infer<typeof IndicatorSchema>;

/** Every measure an indicator reads: its own (or its battery's items), and its drivers. */
export function indicatorMeasures(batteries: readonly Battery[], indicator: Indicator): string[] {
  return [...indicatorItems(batteries, indicator), ...(indicator.drivers ?? [])];
}

/** A pair of measures whose cross-products the cube carries (for key drivers), named `a~b`. */
export interface Pair {
  id: string;
  a: string;
  b: string;
  /** When `a` is a 0/1 outcome (see `outcomeOf`): the measure and the option (or top_box) counted as 1. */
  outcome?: { measure: string; option: string };
}

/** The name of a key-driver indicator's outcome in pairs: its measure, or `measure=option` for a 0/1 outcome. */
export function outcomeOf(indicator: Pick<Indicator, 'outcome'> & { measure: string }): string {
  return indicator.outcome === undefined ? indicator.measure : `${indicator.measure}=${indicator.outcome}`;
}

/** Every pair key drivers need: the measure with each driver, and the drivers among themselves. */
export function pairsOf(indicators: readonly Indicator[]): Pair[] {
  const pairs = new Map<string, Pair>();
  const add = (a: string, b: string, outcome?: Pair['outcome']) => pairs.set(`${a}~${b}`, { id: `${a}~${b}`, a, b, ...(outcome ? { outcome } : {}) });
  for (const ind of indicators) {
    const drivers = ind.drivers ?? [];
    const measure = ind.measure;
    if (measure === undefined) continue;
    const outcome = ind.outcome === undefined ? undefined : { measure, option: ind.outcome };
    drivers.forEach((d, i) => {
      add(outcomeOf({ measure, outcome: ind.outcome }), d, outcome);
      for (const e of drivers.slice(i + 1)) add(d, e);
    });
  }
  return [...pairs.values()];
}

/**
 * Chart types: ranked horizontal bars, 100% stacked bars, grouped bars (by a dimension), waves side by side,
 * a trend: the headline figure along an ordered dimension (such as the month), one line per wave; a
 * quadrant of key drivers: importance against performance; and for batteries: the items ranked by their
 * top box or mean (`ranked`), each item's distribution diverging from the scale's midpoint (`diverging`), and
 * the top box or mean of each item in each value of a segment (`heat`).
 */
export const CHART_TYPES = ['bars', 'stacked', 'grouped', 'waves', 'trend', 'quadrant', 'ranked', 'diverging', 'heat'] as const;

/** The chart types that show a battery, and the kinds each can show. */
export const BATTERY_CHARTS: Partial<Record<(typeof CHART_TYPES)[number], readonly Indicator['kind'][]>> = {
  ranked: ['top_box', 'mean'],
  diverging: ['share'],
  heat: ['top_box', 'mean'],
};

export const ChartSchema = z
  .object({
    id: IdSchema.describe('Stable id of the chart (used in MDX: <Chart id="..." />)'),
    indicator: IdSchema,
    type: z.enum(CHART_TYPES).describe('How the chart draws its indicator; ranked, diverging and heat show a battery (heat needs an indicator with "by")'),
    title: TextSchema,
    note: TextSchema.optional(),
    target: IdSchema.optional().describe('A target or reference value to draw'),
    sort: z.enum(['value', 'definition']).default('value').describe('Order of bars: by value, or as options are listed'),
  })
  .strict();
export type Chart = z.infer<typeof ChartSchema>;

/** A headline figure: one option of an indicator (or its score), its change on the last wave, its target. */
export const KpiSchema = z
  .object({
    id: IdSchema,
    indicator: IdSchema,
    option: IdSchema.optional().describe('For share indicators: which option'),
    group: IdSchema.optional().describe('For indicators with "by": which group the tile shows (the whole slice otherwise)'),
    digits: z.number().int().min(0).max(3).optional().describe('Decimals to print (default: whole percentages, one decimal for means)'),
    label: TextSchema,
    target: IdSchema.optional(),
  })
  .strict();
export type Kpi = z.infer<typeof KpiSchema>;

/** A target or reference value, for example CSAT >= 80%. Shares are written as fractions (0.8). */
export const TargetSchema = z
  .object({
    id: IdSchema,
    value: z.number(),
    label: TextSchema,
    better: z.enum(['above', 'below']).describe('Whether values above or below the target are better'),
  })
  .strict();
export type Target = z.infer<typeof TargetSchema>;
