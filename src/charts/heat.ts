import * as Plot from '@observablehq/plot';
import { labelAxis, labelColumn, layoutOf, PLOT_STYLE, rowHeight, TEXT } from './layout.ts';
import { markText } from './mark-text.ts';
import type { RenderOptions } from './render.ts';
import type { ChartSpec, Mark } from './spec.ts';

/** The narrowest column of a heat table, in px. */
const CELL = 56;

/** The colour domain of a heat table: shares on 0-100%, means over the range of the figures shown. */
function colourDomain(spec: ChartSpec, marks: Mark[]): [number, number] {
  if (spec.unit === 'share') return [0, 1];
  const values = marks.flatMap((m) => (m.value === null ? [] : [m.value]));
  return values.length ? [Math.min(...values), Math.max(...values, Math.min(...values) + 1e-9)] : [0, 1];
}

/**
 * A battery by segment: a cell per item (row) and group (column), shaded by its figure on one scale (darker is
 * higher), the figure
 * printed in it (dark text on light cells, white on dark, ▲▼ against the rest of the slice); a cell whose
 * figure is suppressed or withheld is grey and says so.
 */
export function heat(spec: ChartSpec, opts: RenderOptions): Element {
  const [lo, hi] = colourDomain(spec, opts.scaleMarks ?? spec.marks);
  const dark = (m: Mark) => m.value !== null && (m.value - lo) / (hi - lo || 1) > 0.6;
  const shown = spec.marks.filter((m) => m.value !== null);
  const blank = spec.marks.filter((m) => m.value === null);
  const layout = layoutOf(opts.width);
  const labels = labelColumn(spec.keys, layout);
  // Each column wide enough for a figure with its marker ("100% ▲"): with many groups on a phone the table is
  // drawn wider than the screen, and the page lets it scroll sideways rather than shrink its text.
  const width = Math.max(layout.width, labels.margin + spec.series.length * CELL);
  return Plot.plot({
    document: opts.document,
    width,
    style: PLOT_STYLE,
    height: spec.keys.length * rowHeight(28, labels.lines) + 60,
    marginLeft: labels.margin,
    marginTop: 40,
    x: { domain: spec.series, label: null, axis: 'top', tickSize: 0 },
    y: { domain: spec.keys, label: null, axis: null },
    // Five steps of shading; no legend: every cell prints its figure, which the shading only repeats.
    color: { type: 'quantize', n: 5, domain: [lo, hi], scheme: 'Blues' },
    marks: [
      labelAxis(labels),
      ...[shown, blank].map((cells, i) =>
        Plot.cell(cells, {
          x: 'series',
          y: 'label',
          fill: i === 0 ? 'value' : '#eeeeee',
          inset: 1,
          fillOpacity: (m: Mark) => (m.low_base ? 0.6 : 1),
          title: (m: Mark) => `${m.label} · ${m.series}: ${markText(spec, m)}`,
        }),
      ),
      // A constant fill per mark: a channel of colour names would go through the colour scale.
      ...(['white', 'black', '#666'] as const).map((ink) =>
        Plot.text(
          spec.marks.filter((m) => ink === (dark(m) ? 'white' : m.value === null ? '#666' : 'black')),
          { x: 'series', y: 'label', text: (m: Mark) => markText(spec, m), fill: ink, fontSize: TEXT },
        ),
      ),
    ],
  });
}
