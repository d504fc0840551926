import * as Plot from '@observablehq/plot';
import { labelMargin, markText } from './mark-text.ts';
import type { RenderOptions } from './render.ts';
import type { ChartSpec, Mark } from './spec.ts';

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
  return Plot.plot({
    document: opts.document,
    width: opts.width ?? 640,
    height: spec.keys.length * 28 + 60,
    marginLeft: labelMargin(spec.keys),
    marginTop: 40,
    x: { domain: spec.series, label: null, axis: 'top', tickSize: 0 },
    y: { domain: spec.keys, label: null, tickSize: 0 },
    // Five steps of shading; no legend: every cell prints its figure, which the shading only repeats.
    color: { type: 'quantize', n: 5, domain: [lo, hi], scheme: 'Blues' },
    marks: [
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
          { x: 'series', y: 'label', text: (m: Mark) => markText(spec, m), fill: ink, fontSize: 11 },
        ),
      ),
    ],
  });
}
