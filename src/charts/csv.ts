import type { ChartSpec } from './spec.ts';
import type { Sliced } from './provenance.ts';
import { WITHHELD } from './format.ts';

const UNIT_HEADER: Record<ChartSpec['unit'], Record<'zh' | 'en', string>> = {
  share: { zh: '数值（比例，0-1）', en: 'value (share, 0-1)' },
  mean: { zh: '数值（均值）', en: 'value (mean)' },
  score: { zh: '数值（净推荐值，-100 至 100）', en: 'value (NPS, -100 to 100)' },
  count: { zh: '数值（人数）', en: 'value (count)' },
};

/**
 * A text cell, safe to open in a spreadsheet: text that begins like a formula (= + - @, tab, carriage
 * return) gets a leading apostrophe so that it is read as text, and a cell holding a comma, quote or line
 * break is quoted. Numbers are written as numbers, never neutralised (a negative NPS stays a number).
 */
export function textCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

// Twelve significant digits: no binary noise (31.000000000000004), far more precision than any survey has.
const numberCell = (v: number | null | undefined): string => (typeof v === 'number' && Number.isFinite(v) ? String(Number(v.toPrecision(12))) : '');

/**
 * Exactly the numbers a chart plots, one row per mark (per slice when compared), with interval, count and
 * base; a comment block above names the chart and where its numbers come from (`provenance`: base, notes,
 * filters, source). UTF-8 with a byte-order mark, so that spreadsheet programs read Chinese correctly.
 */
export function chartCsv(panels: Sliced[], provenance: string[]): string {
  const first = panels[0]!.spec;
  const zh = first.lang === 'zh';
  const compared = panels.some((p) => p.label !== null);
  const hasSeries = panels.some((p) => p.spec.marks.some((m) => m.series !== null));
  const header = [
    ...(compared ? [zh ? '对比对象' : 'slice'] : []),
    zh ? '项目' : 'item',
    ...(hasSeries ? [zh ? '分组' : 'series'] : []),
    UNIT_HEADER[first.unit][first.lang],
    zh ? '95% 置信区间下限' : '95% interval, low',
    zh ? '95% 置信区间上限' : '95% interval, high',
    zh ? '人数' : 'count',
    'n',
    zh ? '样本量偏低' : 'low base',
    zh ? '不予显示' : 'suppressed',
  ];
  const flag = (b: boolean) => (b ? (zh ? '是' : 'yes') : '');
  const rows = panels.flatMap((p) =>
    p.spec.marks.map((m) => [
      ...(compared ? [textCell(p.label ?? '')] : []),
      textCell(m.label),
      ...(hasSeries ? [textCell(m.series ?? '')] : []),
      numberCell(m.value),
      numberCell(m.low),
      numberCell(m.high),
      numberCell(m.count),
      // A suppressed figure's base is left empty (never its count, nor the 0 of a withheld part); the notes above say why.
      m.suppressed ? '' : String(m.n),
      flag(m.low_base),
      m.withheld ? WITHHELD[first.lang] : flag(m.suppressed),
    ]),
  );
  const comments = [first.title, first.question, ...provenance].map((line) => textCell(`# ${line.replace(/[\r\n]+/g, ' ')}`));
  return `\uFEFF${[...comments, header.map(textCell).join(','), ...rows.map((r) => r.join(','))].join('\r\n')}\r\n`;
}
