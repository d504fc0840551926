import { chartCsv } from '../charts/csv.ts';
import { provenanceLines } from '../charts/provenance.ts';
import { renderChart } from '../charts/render.ts';
import { standaloneSvg, svgMarkup } from '../charts/standalone.ts';
import { describeFilters } from '../filters/describe.ts';
import { drawn, type Drawn, type ReportEngine } from './refresh.ts';
import { siteFile } from './site-files.ts';

/** What a chart's menu can do. */
export type ExportAction = 'svg' | 'png2' | 'png4' | 'csv' | 'embed' | 'link' | 'alt';

/** A file for the reader: saved through a temporary link. */
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** An SVG file drawn at `scale` times its size into a PNG, in the page's fonts. */
async function toPng(svg: string, scale: number): Promise<Blob> {
  const root = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
  const [width, height] = [Number(root.getAttribute('width')), Number(root.getAttribute('height'))];
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    canvas.getContext('2d')!.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no PNG'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** What a redrawn chart's files say about it: base, notes, the filters that made it, source. */
async function provenance(chart: Drawn, engine: () => Promise<ReportEngine>): Promise<string[]> {
  const { survey } = await engine();
  const lang = chart.panels[0]!.spec.lang;
  return provenanceLines(chart.panels, describeFilters(survey, chart.state, lang), survey.source[lang]);
}

/** The chart as drawn now (filtered, compared, in its unit), or the build's file of the unfiltered chart. */
async function currentSvg(figure: HTMLElement, engine: () => Promise<ReportEngine>, transparent: boolean, file: string): Promise<string> {
  const chart = drawn.get(figure.dataset.chart!);
  if (!chart) {
    const text = await (await fetch(`${file}.svg`)).text();
    return transparent ? text.replace(/<rect[^>]*class="background"[^>]*\/?>(<\/rect>)?/, '') : text;
  }
  const first = chart.panels[0]!.spec;
  const lines = await provenance(chart, engine);
  const panels = chart.panels.map((p) => ({ label: p.label, plot: renderChart(p.spec, { document, scaleMarks: chart.panels.flatMap((x) => x.spec.marks) }) }));
  return svgMarkup(standaloneSvg(document, panels, { title: first.title, question: first.question, lines }, transparent ? null : 'white'));
}

async function currentCsv(figure: HTMLElement, engine: () => Promise<ReportEngine>, file: string): Promise<string> {
  const chart = drawn.get(figure.dataset.chart!);
  if (!chart) return (await fetch(`${file}.csv`)).text();
  return chartCsv(chart.panels, await provenance(chart, engine));
}

async function copy(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
}

/**
 * Runs one action of a chart's menu and says what it did in the menu's status line. Files of the chart as
 * it is drawn now carry the filters applied; the embed code and link carry them in their URL.
 */
export async function runExport(figure: HTMLElement, action: ExportAction, engine: () => Promise<ReportEngine>): Promise<void> {
  const root = document.documentElement;
  const zh = root.lang.startsWith('zh');
  const report = root.dataset.report!;
  const lang = zh ? 'zh' : 'en';
  const id = figure.dataset.chart!;
  const file = siteFile(`downloads/${report}/${lang}/${id}`);
  const name = `${report}-${id}`;
  const status = figure.querySelector<HTMLElement>('.cx-export-status');
  const transparent = figure.querySelector<HTMLInputElement>('[data-transparent]')?.checked ?? false;
  const say = (text: string) => {
    if (status) status.textContent = text;
  };
  const title = figure.querySelector('.cx-chart-title')?.textContent ?? id;
  try {
    switch (action) {
      case 'svg':
        save(new Blob([await currentSvg(figure, engine, false, file)], { type: 'image/svg+xml' }), `${name}.svg`);
        break;
      case 'png2':
      case 'png4':
        save(await toPng(await currentSvg(figure, engine, transparent, file), action === 'png2' ? 2 : 4), `${name}${action === 'png4' ? '@4x' : '@2x'}.png`);
        break;
      case 'csv':
        save(new Blob([await currentCsv(figure, engine, file)], { type: 'text/csv;charset=utf-8' }), `${name}.csv`);
        break;
      case 'embed': {
        const height = Math.ceil(figure.getBoundingClientRect().height) + 40;
        const src = `${siteFile(`embed/${lang}/${report}/${id}/`)}${location.search}`;
        await copy(`<iframe src="${src}" title="${title.replaceAll('"', '&quot;')}" width="100%" height="${height}" style="border:0" loading="lazy"></iframe>`);
        say(zh ? '嵌入代码已复制。' : 'Embed code copied.');
        return;
      }
      case 'link':
        await copy(`${location.origin}${location.pathname}${location.search}#chart-${id}`);
        say(zh ? '链接已复制。' : 'Link copied.');
        return;
      case 'alt':
        await copy(figure.querySelector('.cx-chart-summary')?.textContent ?? title);
        say(zh ? '替代文字已复制。' : 'Alt text copied.');
        return;
    }
    say(zh ? '已开始下载。' : 'Download started.');
  } catch (error) {
    say(`${zh ? '操作失败：' : 'Could not do that: '}${error instanceof Error ? error.message : String(error)}`);
  }
}
