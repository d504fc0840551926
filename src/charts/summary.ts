import { baseLine } from './caption.ts';
import { markText } from './render.ts';
import type { ChartSpec, Mark } from './spec.ts';

/**
 * A chart in one sentence, for its alt text: what it shows, its highest and lowest figures (the latest
 * series when there are several), and its base. Suppressed figures are never named.
 */
export function chartSummary(spec: ChartSpec): string {
  const zh = spec.lang === 'zh';
  const last = spec.series.at(-1);
  const shown = spec.marks.filter((m): m is Mark & { value: number } => m.value !== null && (spec.series.length === 0 || m.series === last || spec.type === 'trend'));
  const name = (m: Mark) => (m.series !== null && spec.keys.length === 1 ? m.series : m.series !== null && spec.series.length > 1 ? (zh ? `${m.label}（${m.series}）` : `${m.label} (${m.series})`) : m.label);
  const named = (m: Mark) => (zh ? `${name(m)}（${markText(spec, m)}）` : `${name(m)} (${markText(spec, m)})`);
  const head = zh ? `图表“${spec.title}”（${spec.question}）` : `Chart “${spec.title}” (${spec.question})`;
  if (shown.length === 0) return zh ? `${head}：无可显示的数值；${baseLine(spec)}。` : `${head}: no figure to show; ${baseLine(spec)}.`;
  const sorted = [...shown].sort((a, b) => b.value - a.value);
  const high = sorted[0]!;
  const low = sorted.at(-1)!;
  const range = shown.length === 1 ? named(high) : zh ? `最高为${named(high)}，最低为${named(low)}` : `highest ${named(high)}, lowest ${named(low)}`;
  return zh ? `${head}：${range}；${baseLine(spec)}。` : `${head}: ${range}; ${baseLine(spec)}.`;
}
