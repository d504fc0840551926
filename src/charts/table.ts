import { formatBase, formatCount, formatFigure } from './format.ts';
import { markText } from './render.ts';
import { fitText } from './caption.ts';
import type { ChartSpec, Mark } from './spec.ts';

/**
 * A chart's data table (its text alternative) as DOM, in the given document: the build writes it into the
 * page, and the page redraws it from the same spec when a filter changes.
 */
export function renderTable(spec: ChartSpec, doc: Document): Element {
  const zh = spec.lang === 'zh';
  const el = (tag: string, text?: string, attrs: Record<string, string> = {}) => {
    const e = doc.createElement(tag);
    if (text !== undefined) e.textContent = text;
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    return e;
  };
  const hasSeries = spec.marks.some((m) => m.series !== null);
  const hasInterval = spec.marks.some((m) => typeof m.low === 'number' && typeof m.high === 'number');
  const hasCount = spec.marks.some((m) => typeof m.count === 'number');
  const bounds = (m: Mark) =>
    typeof m.low === 'number' && typeof m.high === 'number' && m.value !== null ? `${formatFigure(m.low, spec.unit, spec.lang)}–${formatFigure(m.high, spec.unit, spec.lang)}` : '—';
  const details = el('details', undefined, { class: 'data-table' });
  details.append(el('summary', zh ? '数据表' : 'Data table'));
  const table = el('table');
  const fit = fitText(spec);
  table.append(el('caption', fit === undefined ? spec.title : `${spec.title} (${fit})`));
  const head = el('tr');
  const col = (text: string) => el('th', text, { scope: 'col' });
  head.append(col(zh ? '项目' : 'Item'));
  if (hasSeries) head.append(col(zh ? '分组' : 'Series'));
  head.append(col(zh ? '数值' : 'Value'));
  if (hasInterval) head.append(col(zh ? '95% 置信区间' : '95% interval'));
  if (hasCount) head.append(col(zh ? `${spec.population}数` : 'Count'));
  head.append(col('n'));
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  for (const m of spec.marks) {
    const row = el('tr');
    row.append(el('th', m.label, { scope: 'row' }));
    if (hasSeries) row.append(el('td', m.series ?? ''));
    row.append(el('td', markText(spec, m)));
    if (hasInterval) row.append(el('td', bounds(m)));
    if (hasCount) row.append(el('td', typeof m.count === 'number' ? formatCount(Math.round(m.count), spec.lang) : '—'));
    row.append(el('td', formatBase(m, spec.lang)));
    tbody.append(row);
  }
  table.append(thead, tbody);
  details.append(table);
  return details;
}
