import type { FilterState } from '../filters/state.ts';
import { fromSearch, toSearch } from '../filters/url.ts';
import { MAX_FILTERED_DIMS } from '../filters/where.ts';
import type { IndicatorResult } from '../indicators/result.ts';
import type { Survey } from '../survey/survey.ts';

/**
 * The page's handle on the in-browser engine. Loading it costs the wasm module and the cube, so nothing is
 * fetched until the reader first touches a filter (or opens a filtered link); the chunk with duckdb-wasm and
 * the one that redraws charts are imported only then.
 */
export interface ReportEngine {
  survey: Survey;
  compute(indicator: string, filters: FilterState): Promise<Record<string, IndicatorResult>>;
}

declare global {
  interface Window {
    cxReport?: () => Promise<ReportEngine>;
  }
}

const root = document.documentElement;
const report = root.dataset.report;
const lang = root.lang.startsWith('zh') ? 'zh' : 'en';
const form = document.querySelector<HTMLFormElement>('form.cx-filters');

let loading: Promise<ReportEngine> | undefined;
const engine = (): Promise<ReportEngine> =>
  (loading ??= import('./report-engine.ts').then(async ({ loadReport, computeSlice }) => {
    const loaded = await loadReport(report!);
    return { survey: loaded.survey, compute: (indicator, filters) => computeSlice(loaded, indicator, filters) };
  }));

/** The form's state: the wave when it is not the latest, and the ticked values of each dimension. */
function readForm(f: HTMLFormElement): FilterState {
  const select = f.elements.namedItem('wave') as HTMLSelectElement;
  const latest = select.options[select.options.length - 1]?.value;
  const dims: Record<string, string[]> = {};
  for (const box of f.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')) (dims[box.name] ??= []).push(box.value);
  return select.value === latest ? { dims } : { wave: select.value, dims };
}

function writeForm(f: HTMLFormElement, state: FilterState): void {
  const select = f.elements.namedItem('wave') as HTMLSelectElement;
  select.value = state.wave ?? select.options[select.options.length - 1]!.value;
  for (const box of f.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) box.checked = state.dims[box.name]?.includes(box.value) ?? false;
  counts(f);
}

/**
 * "(2)" beside a dimension with two values ticked, so a closed list still shows it is filtered; once
 * MAX_FILTERED_DIMS dimensions are filtered, the others are disabled (the published cube holds no finer slice).
 */
function counts(f: HTMLFormElement): void {
  const lists = [...f.querySelectorAll<HTMLDetailsElement>('details[data-dim]')];
  const active = lists.filter((d) => d.querySelector('input:checked'));
  for (const d of lists) {
    const n = d.querySelectorAll('input:checked').length;
    d.querySelector('.cx-filter-count')!.textContent = n ? ` (${n})` : '';
    d.querySelector('fieldset')!.disabled = active.length >= MAX_FILTERED_DIMS && !active.includes(d);
  }
}

if (report) {
  window.cxReport = engine;
  if (form) {
    form.hidden = false;
    const status = form.querySelector<HTMLElement>('.cx-filter-status')!;
    const zh = lang === 'zh';
    const apply = async (state: FilterState, push: boolean) => {
      status.textContent = zh ? '正在计算…' : 'Computing…';
      root.dataset.cxBusy = '';
      const [e, { refresh }] = await Promise.all([engine(), import('./refresh.ts')]);
      const search = toSearch(e.survey, state);
      if (push && search !== location.search) history.pushState(null, '', `${location.pathname}${search}${location.hash}`);
      const largest = await refresh(e, state, lang);
      const filtered = search !== '';
      const none = zh ? '此筛选条件下没有可显示的数据：符合条件的受访者太少或没有。' : 'Nothing to show for these filters: too few respondents match, or none.';
      status.textContent = largest === 0 ? none : filtered ? (zh ? '图表已按筛选条件重新计算。' : 'Charts recomputed for these filters.') : '';
      root.dataset.cxState = search;
      delete root.dataset.cxBusy;
    };
    form.addEventListener('change', () => {
      counts(form);
      void apply(readForm(form), true);
    });
    form.addEventListener('submit', (event) => event.preventDefault());
    form.addEventListener('reset', () => setTimeout(() => {
      counts(form);
      void apply({ dims: {} }, true);
    }));
    const fromUrl = async () => {
      const state = fromSearch((await engine()).survey, location.search);
      writeForm(form, state);
      await apply(state, false);
    };
    window.addEventListener('popstate', () => void fromUrl());
    if (location.search) void fromUrl();
  }
}
