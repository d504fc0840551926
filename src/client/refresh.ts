import { baseLine, baseNotes } from '../charts/caption.ts';
import { numText, figureUnit } from '../charts/format.ts';
import { buildKpi, renderKpi } from '../charts/kpi.ts';
import { renderChart } from '../charts/render.ts';
import { buildChartSpec } from '../charts/spec.ts';
import { renderTable } from '../charts/table.ts';
import type { FilterState } from '../filters/state.ts';
import type { IndicatorResult } from '../indicators/result.ts';
import { headlineKey } from '../indicators/run.ts';
import type { Survey } from '../survey/survey.ts';
import type { Lang } from '../survey/text.ts';

/** What redrawing needs: the survey, and each indicator computed over the reader's slice. */
export interface Slice {
  survey: Survey;
  compute(indicator: string, filters: FilterState): Promise<Record<string, IndicatorResult>>;
}

/**
 * Recomputes every chart, KPI tile, data table and inline number on the page for `state`, from the same
 * specs and functions that wrote the static page. Returns the largest base shown (0 when no row matches).
 */
export async function refresh(slice: Slice, state: FilterState, lang: Lang): Promise<number> {
  const { survey } = slice;
  const wave = state.wave ?? survey.waves[survey.waves.length - 1]!.id;
  const charts = [...document.querySelectorAll<HTMLElement>('[data-chart]')];
  const kpis = [...document.querySelectorAll<HTMLElement>('[data-kpi]')];
  const nums = [...document.querySelectorAll<HTMLElement>('.cx-num[data-indicator]')];
  const ids = new Set([
    ...charts.map((c) => survey.charts.find((x) => x.id === c.dataset.chart)?.indicator),
    ...kpis.map((k) => survey.kpis.find((x) => x.id === k.dataset.kpi)?.indicator),
    ...nums.map((n) => n.dataset.indicator),
  ]);
  const results = new Map<string, Record<string, IndicatorResult>>();
  for (const id of ids) if (id) results.set(id, await slice.compute(id, state));
  let largest = 0;
  for (const figure of charts) {
    const chart = survey.charts.find((x) => x.id === figure.dataset.chart);
    if (!chart) continue;
    const spec = buildChartSpec(survey, chart, results.get(chart.indicator) ?? {}, lang, wave);
    largest = Math.max(largest, ...spec.marks.map((m) => m.n));
    figure.querySelector('.cx-chart-plot')?.replaceChildren(renderChart(spec, { document }));
    const base = figure.querySelector('.cx-chart-base');
    if (base) base.textContent = baseLine(spec);
    figure.querySelectorAll('.cx-chart-note[data-base-note]').forEach((n) => n.remove());
    for (const note of baseNotes(spec).reverse()) {
      const span = document.createElement('span');
      span.className = 'cx-chart-note';
      span.dataset.baseNote = '';
      span.textContent = note;
      base?.after(span);
    }
    figure.querySelector('.data-table')?.replaceWith(renderTable(spec, document));
  }
  for (const tile of kpis) {
    const kpi = survey.kpis.find((x) => x.id === tile.dataset.kpi);
    if (kpi) tile.replaceWith(renderKpi(kpi.id, buildKpi(survey, kpi, results.get(kpi.indicator) ?? {}, lang, wave), lang, document));
  }
  for (const num of nums) {
    const indicator = survey.indicators.find((i) => i.id === num.dataset.indicator);
    if (!indicator) continue;
    const key = num.dataset.key ?? headlineKey(indicator);
    const figure = results.get(indicator.id)?.[num.dataset.wave ?? wave]?.find((f) => f.key === key && f.group === (num.dataset.group ?? null));
    const show = (num.dataset.show ?? 'value') as 'value' | 'interval' | 'base' | 'change';
    const digits = num.dataset.digits === undefined ? undefined : Number(num.dataset.digits);
    num.textContent = figure ? numText(figure, figureUnit(indicator.kind, key), lang, survey.suppress_below, show, digits) : '—';
    num.title = `n = ${figure?.n ?? 0}`;
  }
  return largest;
}
