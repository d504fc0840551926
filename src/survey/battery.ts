import { z } from 'zod';
import type { Indicator } from './report.ts';
import { IdSchema, TextSchema } from './text.ts';

/** A battery: rating questions asked on one scale, reported together (one figure per item). */
export const BatterySchema = z
  .object({
    id: IdSchema.describe('Stable id of the battery (indicators name it with "battery")'),
    label: TextSchema.describe('What the items rate together, such as "Service ratings"'),
    items: z.array(IdSchema).min(2).describe('Ids of the rating questions of the battery, all on one scale, in definition order'),
  })
  .strict();
export type Battery = z.infer<typeof BatterySchema>;

/** An indicator over one measure: a battery indicator becomes one of these per item. */
export type ItemIndicator = Indicator & { measure: string };

/** The indicator kinds a battery can be reported as. */
export const BATTERY_KINDS: readonly Indicator['kind'][] = ['top_box', 'mean', 'share'];

/** Separates an item from a scale point in the key of a battery's distribution: `item:point`. */
const SEPARATOR = ':';

/** The key of one scale point of one item in a battery's distribution. */
export const distributionKey = (item: string, point: string): string => `${item}${SEPARATOR}${point}`;

/** The item and scale point of a distribution key. */
export function splitDistributionKey(key: string): { item: string; point: string } {
  const at = key.indexOf(SEPARATOR);
  return { item: key.slice(0, at), point: key.slice(at + 1) };
}

/** The items an indicator reads: a battery's items, or its one measure. */
export function indicatorItems(batteries: readonly Battery[], indicator: Indicator): string[] {
  if (indicator.battery === undefined) return indicator.measure === undefined ? [] : [indicator.measure];
  return batteries.find((b) => b.id === indicator.battery)?.items ?? [];
}

/** The indicator of each item: the same indicator over one measure (a plain indicator is its own one item). */
export function itemIndicators(batteries: readonly Battery[], indicator: Indicator): ItemIndicator[] {
  return indicatorItems(batteries, indicator).map((measure) => ({ ...indicator, battery: undefined, measure }));
}
