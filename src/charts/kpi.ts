import type { IndicatorResult } from '../indicators/result.ts';
import { lastWaves } from '../survey/dimensions.ts';
import type { Kpi } from '../survey/report.ts';
import type { Survey } from '../survey/survey.ts';
import type { Lang } from '../survey/text.ts';
import { figureText, figureUnit, formatChange } from './format.ts';
import { headlineKey } from '../indicators/run.ts';

/** A KPI tile as plain text: figure, change on the previous wave, target and whether it is met. */
export interface KpiTile {
  id: string;
  label: string;
  value: string;
  n: number;
  low_base: boolean;
  suppressed: boolean;
  change: string | null;
  /** Whether the change on the previous wave is significant at 95%; null when not tested. */
  significant: boolean | null;
  target: string | null;
  met: boolean | null;
}

/** Builds a KPI tile from its indicator's results per wave. */
export function buildKpi(survey: Survey, kpi: Kpi, byWave: Record<string, IndicatorResult>, lang: Lang): KpiTile {
  const indicator = survey.indicators.find((i) => i.id === kpi.indicator)!;
  const key = kpi.option ?? headlineKey(indicator);
  const unit = figureUnit(indicator.kind, key);
  const { current, previous } = lastWaves(survey);
  const group = kpi.group ?? null;
  const pick = (wave: string | undefined) => (wave === undefined ? undefined : byWave[wave]?.find((f) => f.group === group && f.key === key));
  const now = pick(current);
  const before = pick(previous);
  const value = now?.value ?? null;
  const target = kpi.target === undefined ? undefined : survey.targets.find((t) => t.id === kpi.target);
  const prior = before?.value ?? null;
  return {
    id: kpi.id,
    label: kpi.label[lang],
    value: figureText({ value, suppressed: now?.suppressed ?? true, low_base: now?.low_base ?? false }, unit, lang, survey.suppress_below, kpi.digits),
    n: now?.n ?? 0,
    low_base: now?.low_base ?? false,
    suppressed: now?.suppressed ?? true,
    change: value === null || prior === null ? null : formatChange(value - prior, unit, lang, kpi.digits),
    significant: value === null || prior === null ? null : (now?.change?.significant ?? null),
    target: target ? target.label[lang] : null,
    met: target && value !== null ? (target.better === 'above' ? value >= target.value : value <= target.value) : null,
  };
}
