import { distributionKey, indicatorItems, type Battery } from '../survey/battery.ts';
import { findMeasure } from '../survey/measures.ts';
import type { Indicator } from '../survey/report.ts';
import type { Survey } from '../survey/survey.ts';
import type { IndicatorResult } from './result.ts';

/**
 * The keys of a battery indicator, in definition order: each item (its top box or mean), or each point of each
 * item (its distribution, `item:point`).
 */
export function batteryKeys(survey: Survey, indicator: Indicator): string[] {
  const items = indicatorItems(survey.batteries, indicator);
  if (indicator.kind !== 'share') return items;
  const points = findMeasure(survey, items[0]!)?.choices ?? [];
  return items.flatMap((item) => points.map((p) => distributionKey(item, p.id)));
}

/** One item's figures keyed as its battery reports them: by item, or by item and point for a distribution. */
export function keyByItem(indicator: Indicator, item: string, figures: IndicatorResult): IndicatorResult {
  return figures.map((f) => ({ ...f, key: indicator.kind === 'share' ? distributionKey(item, f.key) : item }));
}

/** The battery an indicator reports, if any. */
export const batteryOf = (survey: { batteries: readonly Battery[] }, indicator: Indicator): Battery | undefined =>
  indicator.battery === undefined ? undefined : survey.batteries.find((b) => b.id === indicator.battery);
