import * as Plot from '@observablehq/plot';
import { labelAxis, labelColumn, layoutOf, PLOT_STYLE, rowHeight, TEXT } from './layout.ts';
import { markText } from './mark-text.ts';
import { ACCENT } from './palette.ts';
import type { RenderOptions } from './render.ts';
import type { ChartSpec, Mark } from './spec.ts';
import { targetMarks } from './target.ts';

const BAR = 26;

/** The horizontal scale of a battery's figures: shares on 0-100%, means from zero to past the largest interval. */
function valueScale(spec: ChartSpec, marks: Mark[]): Plot.ScaleOptions {
  if (spec.unit === 'share') return { domain: [0, 1], tickFormat: '.0%', grid: true, label: null };
  const top = Math.max(1, ...marks.flatMap((m) => [m.value ?? 0, m.high ?? 0]));
  return { domain: [0, top * 1.1], grid: true, label: null, nice: true };
}

/**
 * A battery's items ranked: one bar per item in the order of the spec's keys (highest first), its 95% interval
 * as a line across the bar's end, its figure beside it ("withheld" in place of a suppressed one); a low
 * base is drawn pale and marked †.
 */
export function ranked(spec: ChartSpec, opts: RenderOptions): Element {
  const shown = spec.marks.filter((m) => m.value !== null);
  const ci = shown.filter((m) => typeof m.low === 'number' && typeof m.high === 'number');
  const layout = layoutOf(opts.width);
  const labels = labelColumn(spec.keys, layout);
  return Plot.plot({
    document: opts.document,
    width: layout.width,
    style: PLOT_STYLE,
    height: spec.keys.length * rowHeight(BAR, labels.lines) + 50,
    marginLeft: labels.margin,
    marginRight: 64,
    marginTop: spec.target ? 30 : 20,
    x: valueScale(spec, opts.scaleMarks ?? spec.marks),
    y: { domain: spec.keys, label: null, padding: 0.2 },
    marks: [
      Plot.barX(shown, { x: 'value', y: 'label', fill: ACCENT, fillOpacity: (m: Mark) => (m.low_base ? 0.45 : 1), title: (m: Mark) => `${m.label}: ${markText(spec, m)}` }),
      Plot.ruleY(ci, { x1: 'low', x2: 'high', y: 'label', stroke: '#333', strokeWidth: 1.5 }),
      Plot.text(spec.marks, { x: (m: Mark) => Math.max(m.value ?? 0, m.high ?? 0), y: 'label', text: (m: Mark) => markText(spec, m), textAnchor: 'start', dx: 4, fontSize: TEXT }),
      Plot.ruleX([0]),
      labelAxis(labels),
      ...targetMarks(spec),
    ],
  });
}
