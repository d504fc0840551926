import * as Plot from '@observablehq/plot';

/** The width a chart is drawn at for the report's column, in px. */
export const WIDE = 640;
/** The width a chart is drawn at for a phone: shown at least this wide, so never shrunk on a phone of 320 px or more. */
export const NARROW = 320;
/**
 * Below this width of its column a chart is shown in its narrow drawing. Every text of a chart is TEXT px as
 * drawn, so the wide drawing, shrunk to this width, keeps its text at 11 px or more (12 × 600 / 640 = 11.25).
 */
export const NARROW_BELOW = 600;
/** The size of every text drawn on a chart, in px at the drawn size. */
export const TEXT = 12;

/** How wide a chart is drawn, and whether in the narrow layout (labels wrapped into a narrower column). */
export interface Layout {
  width: number;
  narrow: boolean;
}

/** The layout of a chart drawn `width` px wide (the wide column's when not given). */
export const layoutOf = (width: number = WIDE): Layout => ({ width, narrow: width < NARROW_BELOW });

/** The room a figure printed inside a bar needs, in px ("85%" at TEXT px, with a little air). */
export const FIGURE_WIDTH = 32;

/** The style of every chart's SVG: the text size of its axes and legends (Plot's own default is 10 px). */
export const PLOT_STYLE = { fontSize: `${TEXT}px` };

/** The width of a text at TEXT px, estimated: CJK characters are about twice as wide as Latin ones. */
function textWidth(t: string): number {
  return [...t].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? TEXT : TEXT * 0.56), 0);
}

/** Padding between a label column and the drawing. */
const GAP = 12;

/**
 * The column of labels left of a chart: as wide as its longest label, but no more than a share of the chart
 * (40% on a phone, 260 px otherwise); longer labels wrap onto more lines, which `lines` counts.
 */
export function labelColumn(labels: string[], layout: Layout): { margin: number; lines: number; lineWidth: number } {
  const cap = layout.narrow ? Math.round(layout.width * 0.4) : 260;
  const longest = Math.max(0, ...labels.map(textWidth));
  const margin = Math.min(cap, Math.max(48, Math.ceil(longest + GAP)));
  const room = margin - GAP;
  const lines = Math.max(1, ...labels.map((l) => Math.ceil(textWidth(l) / room)));
  // Plot measures lineWidth in ems of the text's size.
  return { margin, lines, lineWidth: room / TEXT };
}

/** The height of one row of a chart whose labels take `lines` lines, at least `row` px. */
export const rowHeight = (row: number, lines: number): number => Math.max(row, lines * Math.round(TEXT * 1.2) + 8);

/** The axis of item labels left of a chart, wrapped into its label column. */
export function labelAxis(column: { lineWidth: number }, options: Plot.AxisYOptions = {}): Plot.CompoundMark {
  return Plot.axisY({ label: null, lineWidth: column.lineWidth, tickSize: 0, ...options });
}
