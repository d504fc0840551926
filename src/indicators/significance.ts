import type { Indicator } from '../survey/report.ts';
import type { Figure } from './result.ts';
import { effectiveBase, meanInterval, npsInterval, npsTest, proportionTest, restOf, welchTest, wilsonInterval, type GroupStats, type Interval, type Test } from './stats.ts';

/** The level of every interval, and 1 − the level of every test, on every page. */
export const CONFIDENCE = 0.95;

/** A difference and whether it is significant at the report's level. */
export interface Comparison {
  diff: number;
  p: number;
  significant: boolean;
}

/** How an indicator's figures are tested: as shares, as means, as NPS scores; percentiles and key drivers are not. */
type Family = 'share' | 'mean' | 'nps' | null;

function familyOf(indicator: Indicator, key: string): Family {
  switch (indicator.kind) {
    case 'share':
    case 'top_box':
      return 'share';
    case 'mean':
      return 'mean';
    case 'nps':
      return key === 'nps' ? 'nps' : 'share';
    default:
      return null;
  }
}

/** A figure with the NPS groups of its group beside it (NPS tests and intervals need both shares). */
interface Located {
  figure: Figure;
  promoters?: number;
  detractors?: number;
}

function locate(figures: Figure[], f: Figure): Located {
  const sibling = (key: string) => figures.find((x) => x.group === f.group && x.key === key)?.value ?? undefined;
  return { figure: f, promoters: sibling('promoters'), detractors: sibling('detractors') };
}

function interval(family: Family, a: Located): Interval | null {
  const f = a.figure;
  if (f.value === null) return null;
  switch (family) {
    case 'share':
      return wilsonInterval(Math.min(Math.max(f.value, 0), 1), f.neff, CONFIDENCE);
    case 'mean':
      return typeof f.sd === 'number' ? meanInterval(f.value, f.sd, f.neff, CONFIDENCE) : null;
    case 'nps':
      return a.promoters === undefined || a.detractors === undefined ? null : npsInterval(a.promoters, a.detractors, f.neff, CONFIDENCE);
    default:
      return null;
  }
}

/** Tests figure b against figure a (b − a), each on its effective base. */
function test(family: Family, a: Located, b: Located): Comparison | null {
  const [x, y] = [a.figure, b.figure];
  if (x.value === null || y.value === null) return null;
  const alpha = 1 - CONFIDENCE;
  let t: Test | null = null;
  if (family === 'share') t = proportionTest(y.value, y.neff, x.value, x.neff, alpha);
  if (family === 'mean' && typeof x.sd === 'number' && typeof y.sd === 'number') t = welchTest(y.value, y.sd, y.neff, x.value, x.sd, x.neff, alpha);
  if (family === 'nps' && a.promoters !== undefined && a.detractors !== undefined && b.promoters !== undefined && b.detractors !== undefined) {
    t = npsTest(b.promoters, b.detractors, y.neff, a.promoters, a.detractors, x.neff, alpha);
  }
  return t === null ? null : { diff: y.value - x.value, p: t.p, significant: t.significant };
}

const stats = (f: Figure, value: number): GroupStats => ({ n: f.n, w: f.w ?? f.n, w2: f.w2 ?? f.n, value, sd: f.sd ?? null });

/** How a group is set against the rest of its slice: the slice's own figures per wave, and the smallest base a figure may be shown on. */
export interface RestOfSlice {
  totals: Record<string, Figure[]>;
  suppressBelow: number;
}

/**
 * The rest of the slice outside a group, as a figure (NPS groups alongside), from the slice's total figures;
 * null when the group, the slice or the rest is withheld or its base is under `suppressBelow`: a difference
 * from a small rest would publish the rest's figure (the group's minus the difference).
 */
function rest(totals: Figure[], group: Figure, groups: Figure[], suppressBelow: number): Located | null {
  const total = totals.find((t) => t.key === group.key);
  if (!total || total.value === null || group.value === null || total.suppressed || group.suppressed) return null;
  const r = restOf(stats(total, total.value), stats(group, group.value));
  if (!r || r.n < suppressBelow) return null;
  const restShare = (key: string): number | undefined => {
    const t = totals.find((x) => x.key === key)?.value;
    const g = groups.find((x) => x.group === group.group && x.key === key)?.value;
    if (typeof t !== 'number' || typeof g !== 'number') return undefined;
    return restOf(stats(total, t), stats(group, g))?.value;
  };
  const figure: Figure = { ...group, value: r.value, sd: r.sd ?? null, n: r.n, neff: effectiveBase(r.w, r.w2) };
  return { figure, promoters: restShare('promoters'), detractors: restShare('detractors') };
}

/**
 * Adds to every figure its interval, its change on the previous wave (same group and key) with the test of
 * that change, and for a group of a "by" indicator its difference from the rest of the slice with its test
 * (see `RestOfSlice`; none for an indicator without "by").
 */
export function annotate(indicator: Indicator, byWave: Record<string, Figure[]>, waves: readonly string[], restOfSlice?: RestOfSlice): Record<string, Figure[]> {
  const out: Record<string, Figure[]> = {};
  waves.forEach((wave, i) => {
    const figures = byWave[wave] ?? [];
    const previous = i > 0 ? (byWave[waves[i - 1]!] ?? []) : [];
    out[wave] = figures.map((f) => {
      const family = familyOf(indicator, f.key);
      const here = locate(figures, f);
      const ci = interval(family, here);
      const before = previous.find((p) => p.group === f.group && p.key === f.key);
      const change = before ? test(family, locate(previous, before), here) : null;
      const other = restOfSlice && f.group !== null ? rest(restOfSlice.totals[wave] ?? [], f, figures, restOfSlice.suppressBelow) : null;
      const vsRest = other ? test(family, other, here) : null;
      return { ...f, low: ci?.low ?? null, high: ci?.high ?? null, change, vs_rest: vsRest };
    });
  });
  return out;
}

/**
 * Tests each figure of a compared slice against the same figure (group and key) of the first slice, as
 * `vs_first`. Slices of one dimension, or different waves, hold different respondents: independent samples.
 */
export function versusFirst(indicator: Indicator, first: Figure[], figures: Figure[]): Figure[] {
  return figures.map((f) => {
    const base = first.find((x) => x.group === f.group && x.key === f.key);
    const family = familyOf(indicator, f.key);
    return { ...f, vs_first: base ? test(family, locate(first, base), locate(figures, f)) : null };
  });
}
