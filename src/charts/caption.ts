import { baseText, formatCount, WITHHELD, withheldWhy } from './format.ts';
import type { ChartSpec } from './spec.ts';

/**
 * "n = 223", or the range of bases when series differ, e.g. "n = 58–110"; "n ≥ 45" when a figure is withheld
 * (its base counts only the parts published), 45 the smallest base shown. Suppressed figures' bases are left
 * out (never printed, see `formatBase`): "n withheld" when every figure is suppressed.
 */
export function baseLine(spec: ChartSpec): string {
  if (spec.marks.length > 0 && spec.marks.every((m) => m.suppressed && !m.withheld)) return `n ${WITHHELD[spec.lang]}`;
  const ns = spec.marks.filter((m) => !m.suppressed || m.withheld).map((m) => m.n);
  if (ns.length === 0) return 'n = 0';
  const lo = Math.min(...ns);
  const hi = Math.max(...ns);
  const withheld = spec.marks.some((m) => m.withheld);
  if (withheld || lo === hi) return baseText({ n: lo, withheld }, spec.lang);
  return `n = ${formatCount(lo, spec.lang)}–${formatCount(hi, spec.lang)}`;
}

/** "R² = 0.42": how much of the outcome a key-driver chart's drivers explain together; undefined when none is shown. */
export function fitText(spec: ChartSpec): string | undefined {
  return typeof spec.r2 === 'number' ? `R² = ${spec.r2.toFixed(2)}` : undefined;
}

/** Notes on base sizes that apply to this chart, in the page language (and a key-driver model's R² first). */
export function baseNotes(spec: ChartSpec): string[] {
  const fit = fitText(spec);
  const notes: string[] = fit === undefined ? [] : [fit];
  const zh = spec.lang === 'zh';
  if (spec.marks.some((m) => m.low_base)) {
    notes.push(zh ? `† 样本量低于 ${spec.min_base}，仅供参考。` : `† Base under ${spec.min_base}: indicative only.`);
  }
  if (spec.compare && spec.marks.some((m) => m.signif)) {
    const others = {
      previous: zh ? '上一年' : 'the previous wave',
      rest: zh ? `其余${spec.population}` : `the rest of the ${spec.population}`,
      first: `“${spec.versus ?? ''}”`,
    };
    const other = others[spec.compare];
    notes.push(zh ? `▲▼ 与${other}相比差异显著（95% 置信水平）。` : `▲▼ Significantly higher or lower than ${other} (95% confidence).`);
  }
  if (spec.type === 'trend' && spec.marks.some((m) => m.low !== null && m.low !== undefined)) {
    notes.push(zh ? '阴影为 95% 置信区间：落在区间内的起伏可能只是抽样误差。' : 'Shading: 95% confidence interval; a move inside it may be sampling noise.');
  }
  if (spec.type === 'ranked' && spec.marks.some((m) => typeof m.low === 'number')) {
    notes.push(zh ? '横线为 95% 置信区间。' : 'Lines across the bars: 95% confidence intervals.');
  }
  if (spec.marks.some((m) => m.withheld)) {
    notes.push(
      zh
        ? `未公布：所选范围中有部分样本量低于 ${spec.suppress_below}，发布的数据不含这些部分，无法算出这些数值（可减少所选项再看）。`
        : `Withheld: part of the slice has a base under ${spec.suppress_below}, which the published data leaves out, so the figure cannot be computed (fewer values may show it).`,
    );
  }
  if (spec.marks.some((m) => m.suppressed && !m.withheld)) {
    const why = withheldWhy(spec.lang, spec.suppress_below);
    notes.push(zh ? `${why}。` : `${why[0]!.toUpperCase()}${why.slice(1)}.`);
  }
  return notes;
}
