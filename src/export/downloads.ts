import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseLine, baseNotes } from '../charts/caption.ts';
import { renderChart } from '../charts/render.ts';
import { buildChartSpec, type ChartSpec } from '../charts/spec.ts';
import { svgDocument } from '../components/svg-document.ts';
import { chartCsv } from '../charts/csv.ts';
import { buildDeck } from './deck.ts';
import { downloadsDir } from './folders.ts';
import { rasterise, SHARE_IMAGE, shareSvg, type PngStore, type Raster } from './raster.ts';
import { provenanceLines } from '../charts/provenance.ts';
import { standaloneSvg, svgMarkup } from '../charts/standalone.ts';
import { describeFilters } from '../filters/describe.ts';
import { describeBases, describeStatistics } from '../indicators/describe.ts';
import type { ReportResults } from '../indicators/result.ts';
import type { Survey } from '../survey/survey.ts';
import { LANGS, type Lang } from '../survey/text.ts';

/** A chart ready for export: its spec, the standalone SVG built from it, and the bare plot for slides. */
export interface ExportedChart {
  spec: ChartSpec;
  svg: string;
  /** Width of the SVGs in CSS pixels. */
  width: number;
  /** The plot and its legend alone: a slide prints the words around it as text. */
  plot: string;
  provenance: string[];
}

/** Every chart of a report, unfiltered, as the page shows it, in one language. */
export function exportCharts(survey: Survey, results: ReportResults, lang: Lang): ExportedChart[] {
  const doc = svgDocument();
  const filters = describeFilters(survey, { dims: {} }, lang);
  return survey.charts.map((chart) => {
    const spec = buildChartSpec(survey, chart, results.indicators[chart.indicator] ?? {}, lang);
    const provenance = provenanceLines([{ label: null, spec }], filters, survey.source[lang]);
    const plot = renderChart(spec, { document: doc });
    const svg = standaloneSvg(doc, [{ label: null, plot }], { title: spec.title, question: spec.question, lines: provenance }, 'white');
    const bare = standaloneSvg(doc, [{ label: null, plot }], { title: '', question: '', lines: [] }, 'white');
    return { spec, svg: svgMarkup(svg), width: Number(svg.getAttribute('width')), plot: svgMarkup(bare), provenance };
  });
}

/** The languages a report is published in: those with chapters under `content/<report>/`. */
export function reportLangs(root: string, report: string): Lang[] {
  return LANGS.filter((lang) => existsSync(join(root, 'content', report, lang)));
}

/** A chart exported, with its plot as PNG at 2x for the slide deck. */
export interface ChartDownload extends ExportedChart {
  slide: Raster;
}

/**
 * Writes `downloads/<report>/<lang>/` into the site: each chart as SVG, PNG (2x) and CSV, and its share
 * image (`<chart>.share.png`). Returns the exported charts per language, for the slide deck.
 */
export async function writeChartDownloads(out: string, langs: Lang[], survey: Survey, results: ReportResults, pngs?: PngStore): Promise<Map<Lang, ChartDownload[]>> {
  const exported = new Map<Lang, ChartDownload[]>();
  for (const lang of langs) {
    const dir = downloadsDir(out, survey.id, lang);
    mkdirSync(dir, { recursive: true });
    const charts = exportCharts(survey, results, lang);
    const rasters = await rasterise(charts.flatMap((c) => [{ svg: c.svg, width: c.width * 2 }, { svg: shareSvg(c.svg), width: SHARE_IMAGE.width }, { svg: c.plot, width: c.width * 2 }]), pngs);
    exported.set(
      lang,
      charts.map((c, i) => {
        writeFileSync(join(dir, `${c.spec.id}.svg`), c.svg);
        writeFileSync(join(dir, `${c.spec.id}.png`), rasters[3 * i]!.png);
        writeFileSync(join(dir, `${c.spec.id}.share.png`), rasters[3 * i + 1]!.png);
        writeFileSync(join(dir, `${c.spec.id}.csv`), chartCsv([{ label: null, spec: c.spec }], c.provenance));
        return { ...c, slide: rasters[3 * i + 2]! };
      }),
    );
  }
  return exported;
}

/** The report's slide deck in one language: a title slide, a slide per chart, the methodology. */
export async function reportDeck(survey: Survey, lang: Lang, charts: ChartDownload[]): Promise<Uint8Array> {
  return buildDeck({
    lang,
    title: survey.title[lang],
    subtitle: survey.description[lang],
    source: survey.source[lang],
    methodology: [describeBases(survey, lang), ...describeStatistics(survey, lang)],
    // Reproducible builds: the deck carries SOURCE_DATE_EPOCH when set, else the zip format's first day.
    date: new Date(Number(process.env.SOURCE_DATE_EPOCH ?? 315532800) * 1000),
    charts: charts.map((c) => ({
      title: c.spec.title,
      question: c.spec.question,
      png: c.slide.png,
      width: c.slide.width,
      height: c.slide.height,
      base: baseLine(c.spec),
      notes: [...baseNotes(c.spec), ...(c.spec.note ? [c.spec.note] : [])],
      source: survey.source[lang],
    })),
  });
}

/** Writes every report's downloads into the site (see writeChartDownloads), with its deck `<report>.pptx`. */
export async function writeDownloads(
  root: string,
  out: string,
  reports: { survey: Survey; results: ReportResults }[],
  progress?: (done: number, total: number) => void,
  pngs?: PngStore,
): Promise<void> {
  const total = reports.length;
  for (const [i, { survey, results }] of reports.entries()) {
    progress?.(i, total);
    for (const [lang, charts] of await writeChartDownloads(out, reportLangs(root, survey.id), survey, results, pngs)) {
      writeFileSync(join(downloadsDir(out, survey.id, lang), `${survey.id}.pptx`), await reportDeck(survey, lang, charts));
    }
  }
  progress?.(total, total);
}
