import { baseLine, baseNotes } from '../charts/caption.ts';
import { baseTitle, numText, figureUnit } from '../charts/format.ts';
import { buildKpi, renderKpi } from '../charts/kpi.ts';
import { renderChart } from '../charts/render.ts';
import { themeColours } from '../charts/theme.ts';
import type { Sliced } from '../charts/provenance.ts';
import { buildChartSpec, type ChartSpec } from '../charts/spec.ts';
import { chartSummary } from '../charts/summary.ts';
import { renderTable } from '../charts/table.ts';
import { CHART_UNITS, inUnit, type ChartUnit } from '../charts/units.ts';
import { slicesOf, type Slice } from '../filters/slices.ts';
import type { FilterState } from '../filters/state.ts';
import type { IndicatorResult } from '../indicators/result.ts';
import { headlineKey } from '../indicators/run.ts';
import { versusFirst } from '../indicators/significance.ts';
import type { Survey } from '../survey/survey.ts';
import type { Lang } from '../survey/text.ts';

/** The page's handle on the in-browser engine: the survey, and indicators computed over a slice (by id). */
export interface ReportEngine {
  survey: Survey;
  compute(indicators: readonly string[], filters: FilterState): Promise<Record<string, Record<string, IndicatorResult>>>;
}

/** What a chart last drew: its specs (one per compared slice, labelled) and the filters, for its exports. */
export interface Drawn {
  panels: Sliced[];
  state: FilterState;
}
export const drawn = new Map<string, Drawn>();

/** A slice with every indicator the page shows computed over it. */
interface Computed extends Slice {
  wave: string;
  results: Map<string, Record<string, IndicatorResult>>;
}

/** The narrowest panel and the gap between panels, as in the stylesheet's grid (`.cx-compare`). */
const PANEL = { min: 340, gap: 16 };

/** The charts, KPI tiles and inline numbers of the page. */
function figuresOnPage() {
  return {
    charts: [...document.querySelectorAll<HTMLElement>('[data-chart]')],
    kpis: [...document.querySelectorAll<HTMLElement>('[data-kpi]:not([data-kpi] [data-kpi])')],
    nums: [...document.querySelectorAll<HTMLElement>('.cx-num[data-indicator]')],
  };
}

/** The indicators the page shows, by id: what every view of it computes. */
export function pageIndicators(survey: Survey): string[] {
  const { charts, kpis, nums } = figuresOnPage();
  return [
    ...new Set([
      ...charts.map((c) => survey.charts.find((x) => x.id === c.dataset.chart)?.indicator),
      ...kpis.map((k) => survey.kpis.find((x) => x.id === k.dataset.kpi)?.indicator),
      ...nums.map((n) => n.dataset.indicator),
    ]),
  ].filter((id): id is string => id !== undefined);
}

/**
 * Recomputes every chart, KPI tile, data table and inline number on the page for `state`, from the same
 * specs and functions that wrote the static page, each chart in the unit its menu shows. When slices are compared, each chart shows one panel per
 * slice on a shared scale, each tile one tile per slice, each inline number every slice's figure; figures of
 * later slices are tested against the first. `shown` is called once every figure on or near the screen is
 * redrawn, before the charts further down are. Returns the largest base shown (0 when no row matches).
 */
export async function refresh(engine: ReportEngine, state: FilterState, lang: Lang, shown?: () => void): Promise<number> {
  const { survey } = engine;
  const latest = survey.waves[survey.waves.length - 1]!.id;
  const { charts, kpis, nums } = figuresOnPage();
  const ids = pageIndicators(survey);
  // One query per slice for every indicator on the page; the slices are sent at once.
  const slices: Computed[] = await Promise.all(
    slicesOf(survey, state, lang).map(async (s) => ({
      ...s,
      wave: s.state.wave ?? latest,
      results: new Map(Object.entries(await engine.compute(ids, s.state))),
    })),
  );
  const compared = slices.length > 1;
  const first = slices[0]!;
  if (compared) {
    for (const id of ids) {
      const indicator = survey.indicators.find((i) => i.id === id)!;
      const base = first.results.get(id)!;
      for (const s of slices.slice(1)) {
        const own = s.results.get(id)!;
        // Waves compared: each wave against the first; otherwise each wave against the same wave of the first slice.
        s.results.set(id, Object.fromEntries(Object.entries(own).map(([w, figures]) => [w, versusFirst(indicator, base[state.compare === 'wave' ? first.wave : w] ?? [], figures)])));
      }
    }
  }
  const versus = compared ? first.label : undefined;
  let largest = 0;
  const plots: { figure: HTMLElement; specs: ChartSpec[] }[] = [];
  for (const figure of charts) {
    const chart = survey.charts.find((x) => x.id === figure.dataset.chart);
    if (!chart) continue;
    const chosen = figure.querySelector<HTMLSelectElement>('select[data-unit]')?.value;
    const unit: ChartUnit = CHART_UNITS.find((u) => u === chosen) ?? 'respondents';
    const specs = slices.map((s) => inUnit(buildChartSpec(survey, chart, s.results.get(chart.indicator) ?? {}, lang, s.wave, versus), unit));
    largest = Math.max(largest, ...specs.flatMap((spec) => spec.marks.map((m) => m.n)));
    plots.push({ figure, specs });
    drawn.set(chart.id, { panels: specs.map((spec, i) => ({ label: compared ? slices[i]!.label : null, spec })), state });
  }
  // Charts on or near the screen are drawn first and painted; the others right after, in the next task.
  const near = plots.filter(({ figure }) => nearScreen(figure));
  for (const { figure, specs } of near) drawChart(figure, specs, slices, compared);
  for (const tile of kpis) {
    const kpi = survey.kpis.find((x) => x.id === tile.dataset.kpi);
    if (!kpi) continue;
    const tiles = slices.map((s) => {
      const box = renderKpi(kpi.id, buildKpi(survey, kpi, s.results.get(kpi.indicator) ?? {}, lang, s.wave, versus), lang, document);
      if (compared) box.querySelector('.cx-kpi-label')!.textContent += ` · ${s.label}`;
      return box;
    });
    if (!compared) {
      tile.replaceWith(tiles[0]!);
      continue;
    }
    const group = document.createElement('div');
    group.className = 'cx-kpi-compare';
    group.dataset.kpi = kpi.id;
    group.append(...tiles);
    tile.replaceWith(group);
  }
  for (const num of nums) {
    const indicator = survey.indicators.find((i) => i.id === num.dataset.indicator);
    if (!indicator) continue;
    const key = num.dataset.key ?? headlineKey(indicator);
    const show = (num.dataset.show ?? 'value') as 'value' | 'interval' | 'base' | 'change';
    const digits = num.dataset.digits === undefined ? undefined : Number(num.dataset.digits);
    const texts = slices.map((s) => {
      const figure = s.results.get(indicator.id)?.[num.dataset.wave ?? s.wave]?.find((f) => f.key === key && f.group === (num.dataset.group ?? null));
      const text = figure ? numText(figure, figureUnit(indicator.kind, key), lang, survey.suppress_below, show, digits) : '—';
      return { text, title: `${compared ? `${s.label}: ` : ''}${figure ? baseTitle(figure, lang, survey.suppress_below) : '—'}` };
    });
    num.textContent = texts.map((t) => t.text).join(' / ');
    num.title = texts.map((t) => t.title).join('; ');
  }
  shown?.();
  const far = plots.filter((p) => !near.includes(p));
  if (far.length) {
    await afterPaint();
    for (const { figure, specs } of far) drawChart(figure, specs, slices, compared);
  }
  return largest;
}

/** Whether an element is on the screen or within half a screen of it. */
function nearScreen(element: Element): boolean {
  const { top, bottom } = element.getBoundingClientRect();
  return bottom > -innerHeight / 2 && top < innerHeight * 1.5;
}

/** Resolves once the browser has painted what the page holds now. */
const afterPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

/** Redraws one chart figure: its plot (a panel per slice when compared), base line, notes and data table. */
function drawChart(figure: HTMLElement, specs: ChartSpec[], slices: Computed[], compared: boolean): void {
  const plot = figure.querySelector<HTMLElement>('.cx-chart-plot');
  const scaleMarks = specs.flatMap((s) => s.marks);
  // As many panels to a row as the column holds (one on a phone): each is drawn at its own width, and a single
  // chart at the column's.
  const room = plot?.clientWidth ?? 0;
  const columns = compared ? Math.max(1, Math.min(specs.length, Math.floor((room + PANEL.gap) / (PANEL.min + PANEL.gap)))) : 1;
  const width = room ? Math.floor((room - (columns - 1) * PANEL.gap) / columns) : undefined;
  const panels = specs.map((spec, i) => {
    const svg = renderChart(spec, { document, width, scaleMarks });
    themeColours(svg);
    if (!compared) return svg;
    const panel = document.createElement('div');
    panel.className = 'cx-panel';
    const title = document.createElement('p');
    title.className = 'cx-panel-title';
    title.textContent = `${slices[i]!.label} · ${baseLine(spec)}`;
    panel.append(title, svg);
    return panel;
  });
  plot?.classList.toggle('cx-compare', compared);
  // Its exports are made from these specs from now on, not taken from the build's files.
  figure.dataset.redrawn = '';
  const summary = figure.querySelector('.cx-chart-summary');
  if (summary) summary.textContent = specs.map((spec, i) => (compared ? `${slices[i]!.label}: ${chartSummary(spec)}` : chartSummary(spec))).join(' ');
  plot?.replaceChildren(...panels);
  const base = figure.querySelector('.cx-chart-base');
  if (base) base.textContent = compared ? specs.map((spec, i) => `${slices[i]!.label}: ${baseLine(spec)}`).join(' · ') : baseLine(specs[0]!);
  figure.querySelectorAll('.cx-chart-note[data-base-note]').forEach((n) => n.remove());
  for (const note of [...new Set(specs.flatMap(baseNotes))].reverse()) {
    const span = document.createElement('span');
    span.className = 'cx-chart-note';
    span.dataset.baseNote = '';
    span.textContent = note;
    base?.after(span);
  }
  const tables = specs.map((spec) => renderTable(spec, document));
  if (compared) {
    // One data table per slice, under one disclosure, each captioned with its slice.
    tables.forEach((t, i) => {
      const caption = t.querySelector('caption');
      if (caption) caption.textContent = `${specs[i]!.title} · ${slices[i]!.label}`;
    });
    for (const t of tables.slice(1)) tables[0]!.append(t.querySelector('table')!);
  }
  figure.querySelector('.data-table')?.replaceWith(tables[0]!);
}
