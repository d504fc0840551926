import JSZip from 'jszip';
import PptxGenJS from 'pptxgenjs';
import { ACCENT } from '../charts/palette.ts';

/** One chart of the deck: its rendered image and the text printed around it, in the page language. */
export interface DeckChart {
  title: string;
  /** The question it plots. */
  question: string;
  /** The chart as PNG, already at high resolution. */
  png: Uint8Array;
  /** PNG width in pixels. */
  width: number;
  /** PNG height in pixels. */
  height: number;
  /** The base line, e.g. "n = 223". */
  base: string;
  /** Base notes (low base, significance, suppression) and the chart's own note. */
  notes: string[];
  source: string;
}

/** A report as a deck: a title slide, one slide per chart, a methodology slide. */
export interface DeckInput {
  lang: 'zh' | 'en';
  title: string;
  /** Under the title, e.g. the report's description or "2025 年度报告". */
  subtitle: string;
  source: string;
  /** Paragraphs of the methodology slide. */
  methodology: string[];
  charts: DeckChart[];
  /** The date the deck's properties and files carry: fixed, so that a rebuild gives the same bytes. */
  date: Date;
}

/** A box on a slide, in inches. */
interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

// LAYOUT_WIDE: 16:9 at 13.333 × 7.5 in, PowerPoint's default slide size.
const SLIDE_W = 13.333;
const SLIDE_H = 7.5;
const MARGIN = 0.5;
const CONTENT_W = SLIDE_W - 2 * MARGIN;
const TEXT = '222222';
const MUTED = '666666';
const ACCENT_HEX = ACCENT.slice(1);
/** Height of one footer line at 10 pt: CJK fonts set lines about 1.5 em apart. */
const FOOTER_LINE = 0.22;

// One face per run in PowerPoint (no fallback list): Noto Sans CJK SC carries Latin too; Arial, or its
// metric twin Liberation Sans where LibreOffice renders, for English.
const FONT = { zh: 'Noto Sans CJK SC', en: 'Arial' } as const;
const LOCALE = { zh: 'zh-CN', en: 'en-US' } as const;
const METHODOLOGY = { zh: '研究方法', en: 'Methodology' } as const;

/** The .pptx bytes of a report's deck. */
export async function buildDeck(input: DeckInput): Promise<Uint8Array> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = input.title;
  const text = { fontFace: FONT[input.lang], lang: LOCALE[input.lang], margin: 0 };

  titleSlide(pptx.addSlide(), input, text);
  for (const chart of input.charts) chartSlide(pptx.addSlide(), chart, text);
  methodologySlide(pptx.addSlide(), input, text);

  const out = await pptx.write({ outputType: 'uint8array' });
  if (!(out instanceof Uint8Array)) throw new Error('pptxgenjs did not return bytes for outputType "uint8array"');
  return reproducible(out, input.date);
}

/**
 * The deck with every date in it set to `date`: pptxgenjs stamps the document properties and each zip entry
 * with the time of writing, and the same report must give the same bytes on every build.
 */
async function reproducible(pptx: Uint8Array, date: Date): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(pptx);
  const stamp = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const core = zip.file('docProps/core.xml');
  if (core) zip.file('docProps/core.xml', (await core.async('string')).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, `$1${stamp}`));
  const names = Object.keys(zip.files).sort();
  const fixed = new JSZip();
  for (const name of names) {
    const entry = zip.files[name]!;
    if (entry.dir) continue;
    fixed.file(name, await entry.async('uint8array'), { date, createFolders: false });
  }
  return fixed.generateAsync({ type: 'uint8array', compression: 'DEFLATE', mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' });
}

type TextStyle = Pick<PptxGenJS.TextPropsOptions, 'fontFace' | 'lang' | 'margin'>;

function titleSlide(slide: PptxGenJS.Slide, input: DeckInput, text: TextStyle): void {
  slide.addShape('rect', { x: MARGIN, y: 2.4, w: 0.12, h: 2.2, fill: { color: ACCENT_HEX }, line: { color: ACCENT_HEX } });
  slide.addText(input.title, { ...text, x: MARGIN + 0.4, y: 2.4, w: CONTENT_W - 0.4, h: 1.3, fontSize: 40, bold: true, color: TEXT, valign: 'bottom', fit: 'shrink' });
  slide.addText(input.subtitle, { ...text, x: MARGIN + 0.4, y: 3.85, w: CONTENT_W - 0.4, h: 0.75, fontSize: 20, color: MUTED, valign: 'top', fit: 'shrink' });
  slide.addText(input.source, { ...text, x: MARGIN, y: SLIDE_H - MARGIN - 0.4, w: CONTENT_W, h: 0.4, fontSize: 11, color: MUTED, valign: 'bottom' });
}

/** Title and question at the top, the footer (base, notes, source) at the bottom, the chart between. */
function chartSlide(slide: PptxGenJS.Slide, chart: DeckChart, text: TextStyle): void {
  slide.addText(chart.title, { ...text, x: MARGIN, y: 0.35, w: CONTENT_W, h: 0.6, fontSize: 26, bold: true, color: TEXT, valign: 'top', fit: 'shrink' });
  slide.addText(chart.question, { ...text, x: MARGIN, y: 0.95, w: CONTENT_W, h: 0.45, fontSize: 14, color: MUTED, valign: 'top', fit: 'shrink' });

  const lines = [chart.base, ...chart.notes, chart.source];
  const footerH = lines.length * FOOTER_LINE + 0.05;
  const footerY = SLIDE_H - 0.3 - footerH;
  slide.addText(
    lines.map((line) => ({ text: line, options: { breakLine: true } })),
    { ...text, x: MARGIN, y: footerY, w: CONTENT_W, h: footerH, fontSize: 10, color: MUTED, valign: 'bottom', fit: 'shrink' },
  );

  const area: Box = { x: MARGIN, y: 1.55, w: CONTENT_W, h: footerY - 0.15 - 1.55 };
  slide.addImage({ data: `image/png;base64,${base64(chart.png)}`, ...fit(chart.width, chart.height, area), altText: chart.title });
}

function methodologySlide(slide: PptxGenJS.Slide, input: DeckInput, text: TextStyle): void {
  slide.addText(METHODOLOGY[input.lang], { ...text, x: MARGIN, y: 0.35, w: CONTENT_W, h: 0.6, fontSize: 26, bold: true, color: TEXT, valign: 'top' });
  slide.addText(
    input.methodology.map((p) => ({ text: p, options: { breakLine: true, paraSpaceAfter: 8 } })),
    { ...text, x: MARGIN, y: 1.2, w: CONTENT_W, h: SLIDE_H - 1.2 - MARGIN, fontSize: 14, color: TEXT, valign: 'top', fit: 'shrink' },
  );
}

/** The largest box of the image's aspect ratio inside `area`: centred across, at the top so it follows the question. */
function fit(width: number, height: number, area: Box): Box {
  const scale = Math.min(area.w / width, area.h / height);
  const w = width * scale;
  const h = height * scale;
  return { x: area.x + (area.w - w) / 2, y: area.y, w, h };
}

/** Base64 without Node's Buffer, so the module also runs in the browser. */
function base64(bytes: Uint8Array): string {
  let binary = '';
  // Chunks keep String.fromCharCode under the engines' argument-count limit.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
