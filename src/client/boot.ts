import { commonStates, engineSlices, nextStates, toggled } from '../filters/ahead.ts';
import type { FilterState } from '../filters/state.ts';
import { dimensionFile, MAX_SLICES, WHOLE_REPORT_FILE } from '../filters/slices.ts';
import { fromSearch, toSearch } from '../filters/url.ts';
import { MAX_FILTERED_DIMS } from '../filters/where.ts';
import { WAVE } from '../survey/dimensions.ts';
import type { Survey } from '../survey/survey.ts';
import type { ExportAction } from './chart-menu.ts';
import { pageFigures, type PageFigures } from './figures.ts';
import type { ReportEngine } from './refresh.ts';

declare global {
  interface Window {
    cxReport?: () => Promise<ReportEngine>;
  }
}

const root = document.documentElement;
const report = root.dataset.report;
const lang = root.lang.startsWith('zh') ? 'zh' : 'en';
const form = document.querySelector<HTMLFormElement>('form.cx-filters');

const figures = report ? pageFigures(report) : undefined;

// Held once loaded: importing a loaded module again still waits for a task, which a busy page delays.
let redraw: Promise<typeof import('./refresh.ts')> | undefined;
const redrawing = () => (redraw ??= import('./refresh.ts'));

/** What a browser tells of the reader's connection, where it has the Network Information API. */
interface ConnectionHints {
  saveData?: boolean;
  effectiveType?: string;
}

/**
 * Whether the engine may start before the reader asks for a view it computes. Its code and the report's cube
 * are megabytes: they are fetched ahead only on a device with a mouse or trackpad (not a phone on mobile
 * data), where the browser reports neither a wish to save data nor a connection slower than 4G (a browser
 * that reports nothing is taken as fast).
 */
function mayPreload(): boolean {
  const connection = (navigator as Navigator & { connection?: ConnectionHints }).connection;
  return matchMedia('(any-pointer: fine)').matches && connection?.saveData !== true && (connection?.effectiveType ?? '4g') === '4g';
}

/** Runs `task` once the page has loaded and the browser is idle (a second after the load where it cannot tell). */
function whenIdle(task: () => void): void {
  const idle = () => ('requestIdleCallback' in window ? requestIdleCallback(task, { timeout: 10_000 }) : setTimeout(task, 1000));
  if (document.readyState === 'complete') idle();
  else window.addEventListener('load', idle, { once: true });
}

/** The form's state: the wave when it is not the latest, the ticked values of each dimension, what is compared. */
function readForm(f: HTMLFormElement): FilterState {
  const select = f.elements.namedItem('wave') as HTMLSelectElement;
  const compare = (f.elements.namedItem('compare') as HTMLSelectElement).value || undefined;
  const latest = select.options[select.options.length - 1]?.value;
  const dims: Record<string, string[]> = {};
  for (const box of f.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')) (dims[box.name] ??= []).push(box.value);
  const wave = select.value === latest || compare === WAVE ? {} : { wave: select.value };
  return { ...wave, dims, ...(compare ? { compare } : {}) };
}

function writeForm(f: HTMLFormElement, state: FilterState): void {
  const select = f.elements.namedItem('wave') as HTMLSelectElement;
  select.value = state.wave ?? select.options[select.options.length - 1]!.value;
  (f.elements.namedItem('compare') as HTMLSelectElement).value = state.compare ?? '';
  for (const box of f.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) box.checked = state.dims[box.name]?.includes(box.value) ?? false;
  counts(f);
}

/**
 * "(2)" beside a dimension with two values ticked, so a closed list still shows it is filtered; once
 * MAX_FILTERED_DIMS dimensions are filtered, the others are disabled (the published cube holds no finer slice).
 * The compared dimension takes at most MAX_SLICES values; comparing waves sets the wave aside.
 */
function counts(f: HTMLFormElement): void {
  const compare = (f.elements.namedItem('compare') as HTMLSelectElement).value;
  (f.elements.namedItem('wave') as HTMLSelectElement).disabled = compare === WAVE;
  const lists = [...f.querySelectorAll<HTMLDetailsElement>('details[data-dim]')];
  const active = lists.filter((d) => d.querySelector('input:checked'));
  for (const d of lists) {
    const n = d.querySelectorAll('input:checked').length;
    d.querySelector('.cx-filter-count')!.textContent = n ? ` (${n})` : '';
    d.querySelector('fieldset')!.disabled = active.length >= MAX_FILTERED_DIMS && !active.includes(d);
    const full = d.dataset.dim === compare && n >= MAX_SLICES;
    for (const box of d.querySelectorAll<HTMLInputElement>('input')) box.disabled = full && !box.checked;
  }
}

/** What the status line says after a redraw. */
function statusText(state: FilterState, largest: number, zh: boolean, form: HTMLFormElement): string {
  if (largest === 0) return zh ? '此筛选条件下没有可显示的数据：符合条件的受访者太少或没有。' : 'Nothing to show for these filters: too few respondents match, or none.';
  const compare = state.compare;
  if (compare && compare !== WAVE && (state.dims[compare]?.length ?? 0) < 2) {
    const name = form.querySelector(`details[data-dim="${compare}"] summary`)?.firstChild?.textContent ?? compare;
    return zh ? `请在“${name}”中勾选 2 至 ${MAX_SLICES} 项进行对比。` : `Tick two to ${MAX_SLICES} values of “${name}” to compare them.`;
  }
  if (compare) return zh ? '图表并排显示所选对象；▲▼ 表示与第一项相比差异显著。' : 'Charts show the slices side by side; ▲▼ mark significant differences from the first.';
  return Object.keys(state.dims).length || state.wave ? (zh ? '图表已按筛选条件重新计算。' : 'Charts recomputed for these filters.') : '';
}

/**
 * Chart menus: the build's SVG and CSV serve a chart as first drawn, through plain links; anything else (a
 * filtered or redrawn chart, PNGs, copying) loads the export module on first use.
 */
function chartMenus(view: PageFigures['view']): void {
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-export]') : null;
    const figure = target?.closest<HTMLElement>('[data-chart]');
    if (!target || !figure) return;
    const action = target.dataset.export as ExportAction;
    // PNGs are drawn in the page, in its fonts; the build's PNG serves readers without scripts.
    const asBuilt = figure.dataset.redrawn === undefined && (action === 'svg' || action === 'csv');
    if (asBuilt) return;
    event.preventDefault();
    void import('./chart-menu.ts').then(({ runExport }) => runExport(figure, action, view));
  });
}

/** The language switch takes the reader to the same view: the filters in the URL go along. */
function keepFilters(): void {
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>('a[data-keep-filters]') : null;
    if (link) link.search = location.search;
  });
}

if (figures) {
  const { view, engine, readyMadeData } = figures;
  window.cxReport = engine;
  keepFilters();
  chartMenus(view);
  if (form) {
    // The engine takes seconds to start: it starts after what the ready-made views need, so that it never
    // delays their first redraw. A failed start is forgotten, to be tried afresh when a view needs it.
    const start = () =>
      Promise.all([view(), redrawing()])
        .then(engine)
        .catch(() => figures.retry());
    // Loading begins as soon as the reader reaches for a control (pointer over the bar, keyboard focus in
    // it, a touch), not only once a value has changed.
    let warmed = false;
    const warm = () => {
      if (warmed) return;
      warmed = true;
      performance.mark('cx-warm');
      // Going back to the whole report is as common as any filter.
      void readyMadeData(WHOLE_REPORT_FILE).catch(() => undefined);
      void start();
    };
    // Or before, once the page is idle, so that the first view the engine computes does not wait for its
    // start; then it computes the views it is asked for most, until the reader reaches for the bar (from then
    // on, the views the reader asks for come first).
    whenIdle(() => {
      if (!mayPreload()) return;
      void start()
        .then(async (started) => {
          if (!started) return;
          const { survey } = started;
          await figures.ahead((await redrawing()).pageIndicators(survey), engineSlices(survey, commonStates(survey)), () => !warmed);
        })
        .catch(() => undefined);
    });
    for (const type of ['pointerenter', 'focusin', 'touchstart'] as const) form.addEventListener(type, warm, { once: true, passive: true });
    // A dimension's values (in the wave chosen) are all fetched when its list is reached for, before a value
    // is ticked; each file once.
    for (const list of form.querySelectorAll<HTMLDetailsElement>('details[data-dim]')) {
      const fetchValues = () => void readyMadeData(dimensionFile(list.dataset.dim!, readForm(form).wave)).catch(() => undefined);
      for (const type of ['pointerenter', 'focusin', 'toggle'] as const) list.addEventListener(type, fetchValues, { passive: true });
    }
    for (const unit of document.querySelectorAll<HTMLElement>('.cx-chart-unit')) unit.addEventListener('pointerenter', warm, { once: true, passive: true });
    // Views computed ahead of the reader's next change wait for a pause, so that changes made in quick
    // succession never queue behind them: the views one tick away once a redraw has been on screen for
    // PAUSE ms, the value under the pointer (or keyboard focus) once it has rested there for REST ms. A change
    // drops what was computed ahead for the one before.
    const PAUSE = 400;
    const REST = 100;
    let changes = 0;
    const lookAhead = (survey: Survey, slices: FilterState[], after: number): ReturnType<typeof setTimeout> => {
      const at = changes;
      const wanted = () => changes === at;
      return setTimeout(() => {
        if (!wanted() || !slices.length) return;
        void redrawing()
          .then(({ pageIndicators }) => figures.ahead(pageIndicators(survey), slices, wanted))
          .catch(() => undefined);
      }, after);
    };
    let resting: ReturnType<typeof setTimeout> | undefined;
    for (const type of ['pointerover', 'focusin'] as const)
      form.addEventListener(type, (event) => {
        const box = event.target instanceof Element ? event.target.closest('label')?.querySelector<HTMLInputElement>('input[type=checkbox]') : null;
        clearTimeout(resting);
        if (!box || box.disabled || box.closest('fieldset')?.disabled) return;
        void view().then(({ survey }) => {
          const state = readForm(form);
          clearTimeout(resting);
          resting = lookAhead(survey, engineSlices(survey, [toggled(state, box.name, box.value)], state), REST);
        });
      }, { passive: true });
    const status = form.querySelector<HTMLElement>('.cx-filter-status')!;
    const zh = lang === 'zh';
    // Each redraw leaves a User Timing entry ("cx-redraw", from the reader's change to the first frame painted
    // with the figures on screen redrawn), so that the time a change takes to show can be read in any browser's tools.
    const draw = async (state: FilterState, push: boolean, since: number) => {
      const [e, { refresh }] = await Promise.all([view(), redrawing()]);
      const shown = () => void requestAnimationFrame(() => setTimeout(() => performance.measure('cx-redraw', { start: since })));
      const largest = await refresh(e, state, lang, shown);
      const search = toSearch(e.survey, state);
      if (push && search !== location.search) history.pushState(null, '', `${location.pathname}${search}${location.hash}`);
      status.textContent = statusText(state, largest, zh, form);
      root.dataset.cxState = search;
      // Then, on a device where the engine may start ahead, the views one tick away, until the next change.
      if (mayPreload()) lookAhead(e.survey, engineSlices(e.survey, nextStates(e.survey, state), state), PAUSE);
    };
    // Changes are drawn one after another, in the order made, so that the last one is what stays on screen.
    let queue = Promise.resolve();
    let pending = 0;
    const apply = (state: FilterState, push: boolean, since = performance.now()): Promise<void> => {
      pending++;
      changes++;
      status.textContent = zh ? '正在计算…' : 'Computing…';
      root.dataset.cxBusy = '';
      queue = queue
        .then(() => draw(state, push, since))
        .catch((error: unknown) => {
          // A failed start (the files unreachable) is tried afresh on the next change.
          figures.retry();
          const reason = error instanceof Error ? error.message : String(error);
          status.textContent = zh ? `无法按筛选条件重新计算：${reason}` : `Could not recompute for these filters: ${reason}`;
        })
        .finally(() => {
          if (--pending === 0) delete root.dataset.cxBusy;
        });
      return queue;
    };
    form.addEventListener('change', (event) => {
      counts(form);
      void apply(readForm(form), true, event.timeStamp);
    });
    form.addEventListener('submit', (event) => event.preventDefault());
    form.addEventListener('reset', () => setTimeout(() => {
      counts(form);
      void apply({ dims: {} }, true);
    }));
    const fromUrl = async () => {
      const state = fromSearch((await view()).survey, location.search);
      writeForm(form, state);
      await apply(state, false);
    };
    // A chart's unit is the reader's view of that chart, not a filter: it stays out of the URL.
    document.addEventListener('change', (event) => {
      if (event.target instanceof HTMLSelectElement && event.target.matches('select[data-unit]')) void apply(readForm(form), false);
    });
    window.addEventListener('popstate', () => void fromUrl());
    if (location.search) void fromUrl();
  }
}
