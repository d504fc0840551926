import * as Plot from '@observablehq/plot';
import { FIGURE_WIDTH, labelAxis, labelColumn, layoutOf, PLOT_STYLE, rowHeight, TEXT } from './layout.ts';
import { markText } from './mark-text.ts';
import type { RenderOptions } from './render.ts';
import type { ChartSpec, Mark } from './spec.ts';

const MARGIN_RIGHT = 24;

/** A segment of a diverging bar: a mark placed from x1 to x2. */
export interface Segment {
  mark: Mark;
  x1: number;
  x2: number;
}

/**
 * Where each point of each item's distribution lies: the points below the scale's midpoint left of zero,
 * the midpoint itself (on an odd scale) split across zero, the points above it right of zero, in scale order
 * (the spec's series run from the bad end to the good). An item with a figure suppressed or withheld has no
 * segments: a part of its distribution alone would misplace the rest.
 */
export function divergingSegments(spec: ChartSpec): Segment[] {
  const mid = (spec.series.length - 1) / 2;
  const at = (m: Mark) => spec.series.indexOf(m.series ?? '');
  return spec.keys.flatMap((label) => {
    const own = spec.marks.filter((m) => m.label === label).sort((a, b) => at(a) - at(b));
    if (!own.length || own.some((m) => m.value === null)) return [];
    const left = own.reduce((sum, m) => sum + (at(m) < mid ? m.value! : at(m) === mid ? m.value! / 2 : 0), 0);
    let x = -left;
    return own.map((mark) => {
      const segment = { mark, x1: x, x2: x + mark.value! };
      x = segment.x2;
      return segment;
    });
  });
}

/**
 * A battery's distributions: one bar per item, its bad points left of zero and its good points right, the
 * scale's labels in a legend; the figure printed on segments wide enough to hold it; an item without figures says why
 * ("withheld") at zero.
 */
export function diverging(spec: ChartSpec, opts: RenderOptions): Element {
  const segments = divergingSegments(spec);
  const placed = new Set(segments.map((s) => s.mark.label));
  const missing = spec.keys.flatMap((label) => {
    const first = spec.marks.find((m) => m.label === label);
    return placed.has(label) || !first ? [] : [{ label, why: markText(spec, spec.marks.find((m) => m.label === label && m.value === null) ?? first) }];
  });
  const layout = layoutOf(opts.width);
  const labels = labelColumn(spec.keys, layout);
  const reach = Math.max(0.5, ...segments.flatMap((s) => [Math.abs(s.x1), Math.abs(s.x2)]));
  const percent = (d: number) => `${Math.round(Math.abs(d) * 100)}%`;
  // A segment's figure is printed when it fits inside it ("100% ▲" is about 44 px at TEXT px).
  const printed = (FIGURE_WIDTH * 2 * reach) / (layout.width - labels.margin - MARGIN_RIGHT);
  const isEnd = (s: Segment) => spec.series.length > 2 && (s.mark.series === spec.series[0] || s.mark.series === spec.series.at(-1));
  return Plot.plot({
    document: opts.document,
    width: layout.width,
    style: PLOT_STYLE,
    height: spec.keys.length * rowHeight(30, labels.lines) + 50,
    marginLeft: labels.margin,
    marginRight: MARGIN_RIGHT,
    x: { domain: [-reach, reach], tickFormat: percent, grid: true, label: null, nice: true },
    y: { domain: spec.keys, label: null, padding: 0.15 },
    color: { type: 'ordinal', domain: spec.series, scheme: 'RdBu', legend: true },
    marks: [
      Plot.barX(segments, { x1: 'x1', x2: 'x2', y: (s: Segment) => s.mark.label, fill: (s: Segment) => s.mark.series, fillOpacity: (s: Segment) => (s.mark.low_base ? 0.45 : 1), title: (s: Segment) => `${s.mark.label} · ${s.mark.series}: ${markText(spec, s.mark)}` }),
      // White on the two dark ends of the scheme, black on the paler points between.
      ...[true, false].map((end) =>
        Plot.text(
          segments.filter((s) => s.x2 - s.x1 >= printed && isEnd(s) === end),
          { x: (s: Segment) => (s.x1 + s.x2) / 2, y: (s: Segment) => s.mark.label, text: (s: Segment) => markText(spec, s.mark), fill: end ? 'white' : 'black', fontSize: TEXT },
        ),
      ),
      Plot.text(missing, { x: 0, y: 'label', text: 'why', fill: '#666', fontSize: TEXT }),
      Plot.ruleX([0], { stroke: '#333' }),
      labelAxis(labels),
    ],
  });
}
