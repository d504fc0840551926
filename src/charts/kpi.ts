import type { IndicatorResult } from '../indicators/result.ts';
import { lastWaves } from '../survey/dimensions.ts';
import type { Kpi } from '../survey/report.ts';
import type { Survey } from '../survey/survey.ts';
import type { Lang } from '../survey/text.ts';
import { baseText, figureText, figureUnit, formatChange, withheldWhy } from './format.ts';
import { headlineKey } from '../indicators/run.ts';

/** A KPI tile as plain text: figure, change on the previous wave, target and whether it is met. */
export interface KpiTile {
  id: string;
  label: string;
  value: string;
  n: number;
  /** The base as printed: "n = 223", or "n withheld" when suppressed (never its count). */
  base: string;
  /** Why a suppressed figure is not shown; null otherwise. */
  why: string | null;
  low_base: boolean;
  suppressed: boolean;
  /** Some parts of the slice withheld (see FigureSchema): the base is a lower bound. */
  withheld?: boolean;
  change: string | null;
  /** What the change is against: the first of the slices compared; null for the previous wave. */
  versus: string | null;
  /** Whether the change is significant at 95%; null when not tested. */
  significant: boolean | null;
  target: string | null;
  met: boolean | null;
}

/**
 * Builds a KPI tile from its indicator's results per wave: `wave` (the latest by default) against the one
 * before, or against the first slice (named `versus`) when slices are compared.
 */
export function buildKpi(survey: Survey, kpi: Kpi, byWave: Record<string, IndicatorResult>, lang: Lang, wave = lastWaves(survey).current, versus?: string): KpiTile {
  const indicator = survey.indicators.find((i) => i.id === kpi.indicator)!;
  const key = kpi.option ?? headlineKey(indicator);
  const unit = figureUnit(indicator.kind, key);
  const ids = survey.waves.map((w) => w.id);
  const current = wave;
  const previous = ids[ids.indexOf(wave) - 1];
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
    value: figureText({ value, suppressed: now?.suppressed ?? true, low_base: now?.low_base ?? false, withheld: now?.withheld }, unit, lang, survey.suppress_below, kpi.digits),
    n: now?.n ?? 0,
    base: baseText({ n: now?.n ?? 0, suppressed: now?.suppressed ?? true, withheld: now?.withheld }, lang),
    why: (now?.suppressed ?? true) && !now?.withheld ? withheldWhy(lang, survey.suppress_below) : null,
    low_base: now?.low_base ?? false,
    suppressed: now?.suppressed ?? true,
    ...(now?.withheld ? { withheld: true } : {}),
    ...(versus === undefined
      ? {
          change: value === null || prior === null ? null : formatChange(value - prior, unit, lang, kpi.digits),
          versus: null,
          significant: value === null || prior === null ? null : (now?.change?.significant ?? null),
        }
      : {
          change: now?.vs_first ? formatChange(now.vs_first.diff, unit, lang, kpi.digits) : null,
          versus,
          significant: now?.vs_first?.significant ?? null,
        }),
    target: target ? target.label[lang] : null,
    met: target && value !== null ? (target.better === 'above' ? value >= target.value : value <= target.value) : null,
  };
}

/** A KPI tile as DOM in the given document: the build writes it into the page, the page redraws it when filtered. */
export function renderKpi(id: string, tile: KpiTile, lang: Lang, doc: Document): Element {
  const zh = lang === 'zh';
  const p = (cls: string, text: string) => {
    const e = doc.createElement('p');
    e.className = cls;
    e.textContent = text;
    return e;
  };
  const box = doc.createElement('div');
  box.className = 'cx-kpi';
  box.setAttribute('data-kpi', id);
  box.append(p('cx-kpi-label', tile.label), p('cx-kpi-value', tile.value));
  if (tile.change) {
    const against = tile.versus === null ? (zh ? '较上一年' : 'vs last wave') : zh ? `较“${tile.versus}”` : `vs “${tile.versus}”`;
    const change = p('cx-kpi-change', `${against} ${tile.change}`);
    if (tile.significant !== null) {
      const s = doc.createElement('span');
      s.className = tile.significant ? 'sig' : 'not-sig';
      s.textContent = tile.significant ? (zh ? '（显著）' : ' (significant)') : zh ? '（不显著）' : ' (not significant)';
      change.append(s);
    }
    box.append(change);
  }
  if (tile.target) {
    // A figure withheld, suppressed or missing is measured against nothing: the target is named, not judged.
    const verdict = tile.met === null ? (zh ? '无法对照' : 'Not assessed against') : tile.met ? (zh ? '✓ 达到' : '✓ Meets') : zh ? '✗ 未达到' : '✗ Misses';
    box.append(p(`cx-kpi-target ${tile.met === null ? 'unknown' : tile.met ? 'met' : 'missed'}`, `${verdict} ${tile.target}`));
  }
  // A suppressed figure already reads "withheld": under it, why rather than the same mark again.
  box.append(p('cx-kpi-base', tile.why ?? tile.base));
  return box;
}
