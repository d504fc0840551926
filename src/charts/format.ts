import type { Figure } from '../indicators/result.ts';
import type { Indicator } from '../survey/report.ts';
import type { Lang } from '../survey/text.ts';

/** How a figure reads: a share (0-1, shown as a percentage), a mean, an NPS score, or a count (weighted counts are rounded). */
export type Unit = 'share' | 'mean' | 'score' | 'count';

const LOCALES: Record<Lang, string> = { zh: 'zh-CN', en: 'en-GB' };

/**
 * A figure as printed on the page; the same function formats charts, tables, tiles and prose. `digits`
 * overrides the decimals (shares: whole percentages, means: one decimal, scores: none).
 */
export function formatFigure(raw: number, unit: Unit, lang: Lang, digits?: number): string {
  const locale = LOCALES[lang];
  // 24.15 is stored as 24.149999…: round the decimal digits a reader would see, not the binary value.
  const value = Number(raw.toPrecision(12));
  const fixed = (d: number) => ({ minimumFractionDigits: d, maximumFractionDigits: d });
  if (unit === 'share') return new Intl.NumberFormat(locale, { style: 'percent', ...fixed(digits ?? 0) }).format(value);
  if (unit === 'count') return new Intl.NumberFormat(locale, fixed(digits ?? 0)).format(value);
  if (unit === 'score') return new Intl.NumberFormat(locale, { ...fixed(digits ?? 0), signDisplay: 'exceptZero' }).format(value);
  return new Intl.NumberFormat(locale, fixed(digits ?? 1)).format(value);
}

/**
 * What a figure not published shows, and its base: one mark whatever the reason (its own base under the
 * threshold, a part of its slice withheld, or withheld so that a smaller figure cannot be worked out), since
 * "n<10" would be false for the figures withheld to protect others, and would tell them apart.
 */
export const WITHHELD: Record<Lang, string> = { zh: '未公布', en: 'withheld' };

/**
 * Why a suppressed figure is not shown. Generic on purpose: a page must not tell which figures are withheld
 * for their own small base and which because they would let a smaller one be worked out.
 */
export function withheldWhy(lang: Lang, suppressBelow: number): string {
  return WITHHELD_WHY[lang](suppressBelow);
}

const WITHHELD_WHY: Record<Lang, (suppressBelow: number) => string> = {
  zh: (t) => `未公布：其样本量低于 ${t}，或公布后可推算出更小的数值`,
  en: (t) => `withheld: its base is under ${t}, or it would let a smaller figure be worked out`,
};

/**
 * A figure as printed anywhere (chart, table, tile, prose): "withheld" when suppressed or when some parts of
 * its slice were, a dash without data, † for a low base.
 */
export function figureText(f: { value: number | null; suppressed: boolean; low_base: boolean; withheld?: boolean }, unit: Unit, lang: Lang, suppressBelow: number, digits?: number): string {
  if (f.value === null) return f.withheld || f.suppressed ? WITHHELD[lang] : '—';
  return formatFigure(f.value, unit, lang, digits) + (f.low_base ? '†' : '');
}

/** A change between waves: percentage points for shares, points otherwise, always signed. */
export function formatChange(delta: number, unit: Unit, lang: Lang, decimals?: number): string {
  const locale = LOCALES[lang];
  const digits = decimals ?? (unit === 'mean' ? 1 : 0);
  const scaled = unit === 'share' ? delta * 100 : delta;
  const text = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'exceptZero' }).format(scaled);
  return unit === 'share' ? `${text} ${lang === 'zh' ? '个百分点' : 'pp'}` : text;
}

/** A base size, with thousands separators. */
export function formatCount(n: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang]).format(n);
}

/** What a figure's base is printed from: its count, and whether the figure is suppressed or withheld in part. */
export interface Based {
  n: number;
  suppressed?: boolean;
  withheld?: boolean;
}

/**
 * A figure's base as printed in a cell: "223"; "withheld" for a suppressed figure, whose count is never printed
 * (0 when the published cube withheld it, which would read as nobody); "≥ 45" for a figure withheld in part,
 * of whose slice only the other parts are known, and "withheld" when those parts are empty ("≥ 0" would say nothing).
 */
export function formatBase(f: Based, lang: Lang): string {
  if (f.withheld && f.n === 0) return WITHHELD[lang];
  if (f.suppressed && !f.withheld) return WITHHELD[lang];
  return `${f.withheld ? '≥ ' : ''}${formatCount(f.n, lang)}`;
}

/** A figure's base as a caption: "n = 223", "n withheld" when suppressed, or "n ≥ 45" for a withheld figure ("n withheld" when the parts known are empty). */
export function baseText(f: Based, lang: Lang): string {
  if (f.suppressed && !f.withheld) return `n ${WITHHELD[lang]}`;
  return `n ${f.withheld ? '' : '= '}${formatBase(f, lang)}`;
}

/** A figure's base with, when the figure is suppressed, why ("n withheld — withheld: …"): the hover text of inline numbers. */
export function baseTitle(f: Based, lang: Lang, suppressBelow: number): string {
  const base = baseText(f, lang);
  return f.suppressed && !f.withheld ? `${base} — ${withheldWhy(lang, suppressBelow)}` : base;
}

/** The unit of one figure of an indicator: NPS scores are points, its groups and all shares are shares. */
export function figureUnit(kind: Indicator['kind'], key: string): Unit {
  if (kind === 'mean' || kind === 'percentile') return 'mean';
  if (kind === 'nps' && key === 'nps') return 'score';
  return 'share';
}

/** What an inline number shows of its figure: the figure, its 95% interval, its base, or its change on the previous wave. */
export type NumShow = 'value' | 'interval' | 'base' | 'change';

/** The text of an inline number; suppressed figures show nothing but the suppression mark, whatever is asked. */
export function numText(f: Figure, unit: Unit, lang: Lang, suppressBelow: number, show: NumShow = 'value', digits?: number): string {
  if (show === 'base') return formatBase(f, lang);
  if (f.value === null || show === 'value') return figureText(f, unit, lang, suppressBelow, digits);
  if (show === 'interval') {
    const { low, high } = f;
    return typeof low === 'number' && typeof high === 'number' ? `${formatFigure(low, unit, lang, digits)}–${formatFigure(high, unit, lang, digits)}` : '—';
  }
  return f.change ? formatChange(f.change.diff, unit, lang, digits) : '—';
}
