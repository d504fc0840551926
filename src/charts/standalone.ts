/**
 * A chart as one self-contained SVG for slides and documents: its title and question above, the plot (one
 * panel per compared slice, each with its legend drawn as SVG), and below it the provenance a reader of a
 * slide needs: base, notes, filters applied and source. The same document is downloaded as SVG, rasterised
 * to PNG (at build time and in the page) and placed in the slide deck.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
/** The page's font stack: Latin system fonts, then the common Chinese ones (Noto CJK on Linux). */
export const FONT_STACK = 'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';
const PAD = 16;
const SWATCH = 12;

/** One plot of the chart (as `renderChart` returns it: an SVG, or a figure with a legend and an SVG), and its slice's label when slices are compared. */
export interface Panel {
  label: string | null;
  plot: Element;
}

/** The words around the plot. */
export interface ExportText {
  title: string;
  question: string;
  /** Base, notes, filters and source, one per line. */
  lines: string[];
}

/** Approximate width of text at `size` px: CJK characters are about twice as wide as Latin ones. */
function textWidth(text: string, size: number): number {
  return [...text].reduce((w, ch) => w + (/[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]/.test(ch) ? size : size * 0.56), 0);
}

/** Breaks text into lines that fit `width` at `size` px: at spaces for Latin text, anywhere for Chinese. */
export function wrapText(text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const token of text.split(/(?<=\s)|(?=[\u2e80-\u9fff\uff00-\uffef])|(?<=[\u2e80-\u9fff\uff00-\uffef])/u)) {
    if (line && textWidth(line + token, size) > width) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else line += token;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/** The SVG of a plot, and its colour legend (Plot draws legends as HTML beside the SVG). */
function plotParts(plot: Element): { svg: Element; swatches: { fill: string; label: string }[] } {
  if (plot.tagName.toLowerCase() === 'svg') return { svg: plot, swatches: [] };
  const svg = [...plot.children].find((c) => c.tagName.toLowerCase() === 'svg');
  if (!svg) throw new Error('a chart without an SVG plot');
  const swatches = [...plot.querySelectorAll('span')].flatMap((span) => {
    const fill = span.querySelector('svg')?.getAttribute('fill');
    return fill ? [{ fill, label: span.textContent ?? '' }] : [];
  });
  return { svg, swatches };
}

const size = (svg: Element, attr: 'width' | 'height', fallback: number) => Number(svg.getAttribute(attr) ?? fallback) || fallback;

/** The chart as a standalone SVG element, in `doc`; `background` white, or null for transparent. */
export function standaloneSvg(doc: Document, panels: Panel[], text: ExportText, background: 'white' | null): Element {
  const el = (tag: string, attrs: Record<string, string | number>, content?: string) => {
    const e = doc.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (content !== undefined) e.textContent = content;
    return e;
  };
  const parts = panels.map((p) => ({ ...p, ...plotParts(p.plot) }));
  const inner = Math.max(320, ...parts.map((p) => size(p.svg, 'width', 640)));
  const width = inner + 2 * PAD;
  const body: Element[] = [];
  let y = PAD;
  const write = (lines: string[], fontSize: number, attrs: Record<string, string | number> = {}) => {
    for (const line of lines) {
      y += fontSize * 1.35;
      body.push(el('text', { x: PAD, y: Math.round(y), 'font-size': fontSize, ...attrs }, line));
    }
  };
  // A slide prints title and question as its own text: its image leaves them out.
  if (text.title) write(wrapText(text.title, inner, 16), 16, { 'font-weight': 700 });
  if (text.question) write(wrapText(text.question, inner, 12), 12, { fill: '#555' });
  for (const p of parts) {
    y += 8;
    if (p.label) write([p.label], 13, { 'font-weight': 700 });
    if (p.swatches.length) {
      y += 6;
      let x = PAD;
      for (const s of p.swatches) {
        const w = SWATCH + 6 + textWidth(s.label, 11) + 14;
        if (x + w > PAD + inner && x > PAD) {
          x = PAD;
          y += 18;
        }
        body.push(el('rect', { x, y, width: SWATCH, height: SWATCH, fill: s.fill }));
        body.push(el('text', { x: x + SWATCH + 6, y: y + SWATCH - 2, 'font-size': 11 }, s.label));
        x += w;
      }
      y += SWATCH + 6;
    }
    const w = size(p.svg, 'width', 640);
    const h = size(p.svg, 'height', 300);
    const plot = p.svg.cloneNode(true) as Element;
    plot.setAttribute('x', String(PAD));
    plot.setAttribute('y', String(y));
    plot.setAttribute('width', String(w));
    plot.setAttribute('height', String(h));
    body.push(plot);
    y += h;
  }
  y += 6;
  for (const line of text.lines) write(wrapText(line, inner, 11), 11, { fill: '#555' });
  const height = Math.ceil(y + PAD);
  const svg = el('svg', { width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': FONT_STACK, fill: '#1a1a1a' });
  const title = el('title', {}, text.title);
  svg.append(title);
  if (background) svg.append(el('rect', { x: 0, y: 0, width, height, fill: background, class: 'background' }));
  svg.append(...body);
  return svg;
}

/** An SVG element as the text of an .svg file. HTML serialisation leaves out the namespace a file needs. */
export function svgMarkup(svg: Element): string {
  const text = svg.outerHTML;
  const named = /^<svg[^>]*\sxmlns="/.test(text) ? text : text.replace(/^<svg/, `<svg xmlns="${SVG_NS}"`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${named}\n`;
}
