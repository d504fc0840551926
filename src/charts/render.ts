import * as Plot from '@observablehq/plot';
import { diverging } from './diverging.ts';
import { baseText } from './format.ts';
import { heat } from './heat.ts';
import { FIGURE_WIDTH, labelAxis, labelColumn, layoutOf, PLOT_STYLE, rowHeight, TEXT } from './layout.ts';
import { markText } from './mark-text.ts';
import { ACCENT, CATEGORICAL, waveColours } from './palette.ts';
import { ranked } from './ranked.ts';
import type { ChartSpec, Mark } from './spec.ts';
import { targetMarks } from './target.ts';

export { markText } from './mark-text.ts';

/** Options of renderChart: the document to create elements in (linkedom at build time, the page in the browser). */
export interface RenderOptions {
  document: Document;
  /** The width to draw at, in px (the wide column's when not given); under NARROW_BELOW, the narrow layout. */
  width?: number;
  /** Every mark of the panels drawn side by side, when slices are compared: the panels share one scale. */
  scaleMarks?: Mark[];
}

const BAR = 26;


function xScale(spec: ChartSpec, marks: Mark[]): Plot.ScaleOptions {
  const values = marks.map((m) => m.value ?? 0);
  if (spec.unit === 'share') return { domain: [0, 1], tickFormat: '.0%', grid: true, label: null };
  if (spec.unit === 'score') return { domain: [Math.min(-100, ...values), 100], grid: true, label: null };
  return { domain: [0, Math.max(...values, 1) * 1.1], grid: true, label: null, nice: true };
}


/** What a chart that draws none of its figures (`drawn`) shows in the middle of its frame instead: why (withheld, —). */
function nothingShown(spec: ChartSpec, drawn: Mark[]): Plot.Markish[] {
  if (drawn.length) return [];
  const first = spec.marks[0];
  return [Plot.text([first ? markText(spec, first) : '—'], { frameAnchor: 'middle', fill: '#666', fontSize: TEXT + 2 })];
}

/** Horizontal bars, one per key; grouped into one bar per series when there are series. */
function bars(spec: ChartSpec, opts: RenderOptions): Element {
  const grouped = spec.series.length > 0 && spec.keys.length > 1;
  const single = spec.series.length > 0 && spec.keys.length === 1;
  const y = single ? 'series' : grouped ? 'series' : 'label';
  const yDomain = single || grouped ? spec.series : spec.keys;
  const colours = spec.type === 'waves' ? waveColours(spec.series.length) : CATEGORICAL;
  // One figure per group needs no colour key: the groups are named on the axis.
  const coloured = spec.series.length > 0 && (grouped || spec.type === 'waves');
  const fill = coloured ? 'series' : () => ACCENT;
  const rows = grouped ? spec.keys.length * spec.series.length : yDomain.length;
  const layout = layoutOf(opts.width);
  // Grouped: option labels on the far left, series labels between them and the bars (in half the room).
  const half = { ...layout, width: layout.width / 2 };
  const keys = labelColumn(spec.keys, layout);
  const labels = labelColumn(yDomain, grouped ? half : layout);
  const bar = rowHeight(BAR, labels.lines);
  return Plot.plot({
    document: opts.document,
    width: layout.width,
    style: PLOT_STYLE,
    height: grouped ? spec.keys.length * Math.max(spec.series.length * bar, rowHeight(0, keys.lines)) + spec.keys.length * 10 + 50 : rows * bar + 50,
    marginLeft: grouped ? keys.margin + labels.margin : labels.margin,
    marginRight: 56,
    marginTop: spec.target ? 30 : 20,
    x: xScale(spec, opts.scaleMarks ?? spec.marks),
    y: { domain: yDomain, label: null, padding: 0.2 },
    fy: grouped ? { domain: spec.keys, label: null, padding: 0.15, axis: null } : undefined,
    color: coloured ? { domain: spec.series, range: colours, legend: true } : undefined,
    marks: [
      Plot.barX(spec.marks, {
        x: 'value',
        y,
        fy: grouped ? 'label' : undefined,
        fill,
        fillOpacity: (m: Mark) => (m.low_base ? 0.45 : 1),
      }),
      Plot.text(spec.marks, {
        x: (m: Mark) => m.value ?? 0,
        y,
        fy: grouped ? 'label' : undefined,
        text: (m: Mark) => markText(spec, m),
        textAnchor: 'start',
        dx: 4,
        fontSize: TEXT,
      }),
      Plot.ruleX([0]),
      labelAxis(labels),
      ...(grouped ? [Plot.axisFy({ anchor: 'left', label: null, tickSize: 0, dx: -labels.margin, textAnchor: 'end', fontWeight: 'bold', lineWidth: keys.lineWidth })] : []),
      ...targetMarks(spec),
    ],
  });
}

/** One 100% bar per series (or a single bar), split by key. */
function stacked(spec: ChartSpec, opts: RenderOptions): Element {
  const series = spec.series.length ? spec.series : [''];
  const data = spec.marks.map((m) => ({ ...m, series: m.series ?? '' }));
  const stack = { x: (m: Mark) => m.value ?? 0, y: 'series', order: spec.keys, z: 'label' };
  const layout = layoutOf(opts.width);
  const labels = labelColumn(spec.series, layout);
  return Plot.plot({
    document: opts.document,
    width: layout.width,
    style: PLOT_STYLE,
    height: series.length * rowHeight(44, labels.lines) + 40,
    marginLeft: spec.series.length ? labels.margin : 12,
    marginRight: 24,
    x: { domain: [0, 1], tickFormat: '.0%', label: null },
    y: { domain: series, label: null, axis: null, padding: 0.15 },
    color: { domain: spec.keys, range: CATEGORICAL, legend: true },
    marks: [
      ...(spec.series.length ? [labelAxis(labels)] : []),
      Plot.barX(data, Plot.stackX({ ...stack, fill: 'label', fillOpacity: (m: Mark) => (m.low_base ? 0.45 : 1) })),
      Plot.text(
        data.filter((m) => (m.value ?? 0) >= FIGURE_WIDTH / (layout.width - (spec.series.length ? labels.margin : 12) - 24)),
        Plot.stackX({ ...stack, text: (m: Mark) => markText(spec, m), fill: 'white', fontSize: TEXT, fontWeight: 'bold' }),
      ),
      // A bar with no figure (a slice too small, or withheld) says why where it would be.
      Plot.text(
        series.flatMap((s) => {
          const own = data.filter((m) => m.series === s);
          return own.length && own.every((m) => m.value === null) ? [{ series: s, why: markText(spec, own[0]!) }] : [];
        }),
        { x: 0.5, y: 'series', text: 'why', fill: '#666', fontSize: TEXT },
      ),
    ],
  });
}

/**
 * A trend's vertical scale: zoomed to its figures, intervals and target (lines need no zero baseline), with a
 * little room around them, never past the unit's own limits.
 */
function trendScale(spec: ChartSpec, marks: Mark[]): Plot.ScaleOptions {
  const values = marks.flatMap((m) => [m.value, m.low, m.high]).filter((v): v is number => typeof v === 'number');
  if (spec.target) values.push(spec.target.value);
  const base = xScale(spec, marks);
  if (values.length === 0) return base;
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  const pad = Math.max((hi - lo) * 0.15, spec.unit === 'share' ? 0.02 : 1);
  const limits = spec.unit === 'share' ? [0, 1] : spec.unit === 'score' ? [-100, 100] : [-Infinity, Infinity];
  return { ...base, domain: [Math.max(limits[0]!, lo - pad), Math.min(limits[1]!, hi + pad)], nice: true };
}

/** One line per wave along the ordered keys (months...); a low base shows as a hollow point, a suppressed one as a gap. */
function trend(spec: ChartSpec, opts: RenderOptions): Element {
  const colours = waveColours(spec.series.length);
  const shown = spec.marks.filter((m) => m.value !== null);
  return Plot.plot({
    document: opts.document,
    width: layoutOf(opts.width).width,
    style: PLOT_STYLE,
    height: 300,
    marginLeft: 52,
    marginTop: 24,
    marginBottom: 36,
    x: { domain: spec.keys, type: 'point', label: null, padding: 0.3 },
    y: trendScale(spec, opts.scaleMarks ?? spec.marks),
    color: { domain: spec.series, range: colours, legend: true },
    marks: [
      // The 95% interval as a band around each line: how far a month can move by chance alone.
      Plot.areaY(spec.marks, { x: 'label', y1: (m: Mark) => m.low ?? NaN, y2: (m: Mark) => m.high ?? NaN, fill: 'series', z: 'series', fillOpacity: 0.12 }),
      Plot.line(spec.marks, { x: 'label', y: (m: Mark) => m.value ?? NaN, stroke: 'series', z: 'series', strokeWidth: 2 }),
      ...[false, true].map((low) =>
        Plot.dot(
          shown.filter((m) => m.low_base === low),
          { x: 'label', y: 'value', stroke: 'series', fill: low ? 'white' : 'series', r: 3.5, title: (m: Mark) => `${m.series} ${m.label}: ${markText(spec, m)} (${baseText(m, spec.lang)})` },
        ),
      ),
      ...(spec.target
        ? [
            Plot.ruleY([spec.target], { y: 'value', stroke: '#D55E00', strokeDasharray: '4,3', strokeWidth: 1.5 }),
            Plot.text([spec.target], { y: 'value', text: 'label', frameAnchor: 'right', dy: -8, fill: '#D55E00', fontSize: TEXT }),
          ]
        : []),
      ...nothingShown(spec, shown),
    ],
  });
}

/** Names of the four quadrants of a key-driver chart: [high importance, low performance] first, clockwise. */
const QUADRANTS = {
  zh: ['优先改进', '保持优势', '可能投入过多', '次要'],
  en: ['Fix first', 'Keep it up', 'Possible overkill', 'Lower priority'],
};

/**
 * Key drivers: importance (share of the explained variance) up, performance across, split at the drivers'
 * averages; drivers top left matter most and perform worst.
 */
function quadrant(spec: ChartSpec, opts: RenderOptions): Element {
  const shown = spec.marks.filter((m) => m.value !== null && m.performance !== null && m.performance !== undefined);
  const px = (m: Mark) => m.performance ?? 0;
  const mid = { x: shown.reduce((s, m) => s + px(m), 0) / Math.max(shown.length, 1), y: shown.reduce((s, m) => s + (m.value ?? 0), 0) / Math.max(shown.length, 1) };
  const [fix, keep, overkill, lower] = QUADRANTS[spec.lang];
  const corner = (text: string | undefined, frameAnchor: 'top-left' | 'top-right' | 'bottom-right' | 'bottom-left') =>
    Plot.text([text ?? ''], { frameAnchor, dx: frameAnchor.endsWith('left') ? 6 : -6, dy: frameAnchor.startsWith('top') ? 6 : -6, fill: '#666', fontSize: TEXT, fontStyle: 'italic' });
  const zh = spec.lang === 'zh';
  // With no driver to place (a slice too small, or withheld), the frame keeps its size and says why.
  const empty = shown.length === 0;
  const layout = layoutOf(opts.width);
  return Plot.plot({
    document: opts.document,
    width: layout.width,
    style: PLOT_STYLE,
    height: 380,
    marginLeft: 56,
    marginRight: 24,
    marginBottom: 44,
    x: { label: zh ? '表现 →' : 'Performance →', nice: true, grid: true, ...(empty ? { domain: [0, 100] } : {}) },
    y: { label: zh ? '↑ 重要性' : '↑ Importance', tickFormat: '.0%', nice: true, grid: true, zero: true, ...(empty ? { domain: [0, 1] } : {}) },
    marks: [
      ...(empty ? nothingShown(spec, shown) : [Plot.ruleX([mid.x], { stroke: '#999', strokeDasharray: '4,3' }), Plot.ruleY([mid.y], { stroke: '#999', strokeDasharray: '4,3' })]),
      corner(fix, 'top-left'),
      corner(keep, 'top-right'),
      corner(overkill, 'bottom-right'),
      corner(lower, 'bottom-left'),
      Plot.dot(shown, { x: px, y: 'value', r: 5, fill: ACCENT, fillOpacity: (m: Mark) => (m.low_base ? 0.45 : 1), title: (m: Mark) => `${m.label}: ${markText(spec, m)}` }),
      // Long question texts wrap, and run inwards from whichever side of the chart the point sits on.
      ...(['start', 'end'] as const).map((anchor) =>
        Plot.text(
          shown.filter((m) => (px(m) > mid.x) === (anchor === 'end')),
          { x: px, y: 'value', text: 'label', dy: -10, fontSize: TEXT, lineWidth: layout.narrow ? 7 : 9, lineAnchor: 'bottom', textAnchor: anchor },
        ),
      ),
    ],
  });
}

/** How each chart type is drawn: a type without its drawing does not compile. */
const DRAW: Record<ChartSpec['type'], (spec: ChartSpec, opts: RenderOptions) => Element> = {
  bars,
  grouped: bars,
  waves: bars,
  stacked,
  trend,
  quadrant,
  ranked,
  diverging,
  heat,
};

/** Draws a chart spec as an SVG figure with Observable Plot, in the given document. */
export function renderChart(spec: ChartSpec, opts: RenderOptions): Element {
  const plot = DRAW[spec.type](spec, opts);
  // The figure's text alternative is its one-sentence summary and data table: assistive technology skips the
  // drawing, whose groups Plot labels ("bar", "x-axis tick") in a way ARIA does not allow on a plain <g>:
  // the label moves to data-mark.
  const svgs = plot.tagName.toLowerCase() === 'svg' ? [plot] : [...plot.querySelectorAll('svg')];
  for (const svg of svgs) svg.setAttribute('aria-hidden', 'true');
  // A drawing wider than asked for (a heat table of many groups on a phone) scrolls sideways, never shrinks.
  const drawing = svgs.at(-1);
  if (drawing && Number(drawing.getAttribute('width')) > layoutOf(opts.width).width) drawing.classList.add('cx-scroll');
  for (const g of plot.querySelectorAll('g[aria-label]')) {
    g.setAttribute('data-mark', g.getAttribute('aria-label')!);
    g.removeAttribute('aria-label');
  }
  // HTML allows <style> only in the head: the legend's own rules (always the same) are in the site's stylesheet.
  for (const style of plot.querySelectorAll('div > style')) style.remove();
  return plot;
}
