import { z } from 'zod';

/** A difference between two figures and whether it is significant at the report's level. */
export const ComparisonSchema = z.object({
  diff: z.number().describe('This figure minus the other'),
  p: z.number().describe('Two-sided p-value of the test'),
  significant: z.boolean(),
});

/** One figure of an indicator, for one group (or the whole slice) and one key (option, score...). */
export const FigureSchema = z.object({
  group: z.string().nullable().describe('Value of the "by" dimension, or null for the whole slice'),
  key: z.string().describe('Option id, scale key, or one of nps / promoters / passives / detractors / top_box / mean'),
  value: z.number().nullable().describe('Shares as fractions (0-1), means on their scale, NPS on -100..100, key drivers as shares of the explained variance; null when suppressed'),
  sd: z.number().nullable().optional().describe('Standard deviation, for means'),
  r: z.number().nullable().optional().describe('Key drivers: correlation of the driver with the measure'),
  performance: z.number().nullable().optional().describe("Key drivers: the driver's mean (0-100 for a rating)"),
  r2: z.number().nullable().optional().describe('Key drivers: R² of the model with every driver, the same on each driver; null when any driver is suppressed'),
  n: z.number().describe('Unweighted base'),
  neff: z.number().describe('Kish effective base: (Σw)² / Σw²'),
  count: z.number().nullable().optional().describe('Shares: how many chose it (weighted: the sum of their weights)'),
  w: z.number().optional().describe('Sum of the weights of the base (the base itself without weights)'),
  w2: z.number().optional().describe('Sum of the squared weights of the base'),
  low: z.number().nullable().optional().describe('Lower end of the 95% interval'),
  high: z.number().nullable().optional().describe('Upper end of the 95% interval'),
  change: ComparisonSchema.nullable().optional().describe('Against the same figure in the previous wave'),
  vs_rest: ComparisonSchema.nullable().optional().describe('A group of a "by" indicator against the rest of the slice'),
  vs_first: ComparisonSchema.nullable().optional().describe('When slices are compared: against the same figure of the first slice'),
  low_base: z.boolean().describe('Base under min_base: indicative only'),
  suppressed: z.boolean().describe('Base under suppress_below: not shown anywhere'),
  withheld: z
    .boolean()
    .optional()
    .describe('Suppressed because some parts of the slice (values of a dimension taken together) are withheld from the published cube for their small bases: n counts the other parts only'),
});
export type Figure = z.infer<typeof FigureSchema>;

/** Every figure of one indicator over one slice. */
export const IndicatorResultSchema = z.array(FigureSchema);
export type IndicatorResult = z.infer<typeof IndicatorResultSchema>;

/** Indicators over one slice: each indicator's figures by wave. */
export const SliceResultsSchema = z.record(z.string(), z.record(z.string(), IndicatorResultSchema));
export type SliceResults = z.infer<typeof SliceResultsSchema>;

/** What the build writes per survey: each indicator over each wave, unfiltered otherwise. */
export const ReportResultsSchema = z.object({
  survey: z.string(),
  waves: z.array(z.string()),
  counts: z.record(z.string(), z.number()).describe('Rows per wave'),
  indicators: SliceResultsSchema,
});
export type ReportResults = z.infer<typeof ReportResultsSchema>;
