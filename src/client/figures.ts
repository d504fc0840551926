import { readyMade } from '../filters/slices.ts';
import type { FilterState } from '../filters/state.ts';
import { toSearch } from '../filters/url.ts';
import type { IndicatorResult, SliceResults } from '../indicators/result.ts';
import { keepRecent } from './recent.ts';
import type { ReportEngine } from './refresh.ts';
import type { LoadedReport } from './report-engine.ts';

/**
 * How many views the engine computed a page keeps (a view's figures, for a chapter's indicators and every
 * wave, are tens of kilobytes): enough for every view one tick away from several views in turn.
 */
const KEPT_VIEWS = 200;

/** Where a report page's figures come from. */
export interface PageFigures {
  /** The page's figures: ready-made when the build published them, from the engine otherwise. */
  view(): Promise<ReportEngine>;
  /** The in-browser engine alone: every view, computed over the published cube. */
  engine(): Promise<ReportEngine>;
  /**
   * Computes `slices` (see `engineSlices`) over `indicators` in the background, one after another while
   * `wanted` says so, so that a view asked for next is already there; each is marked "cx-ahead" (its URL
   * query as detail) once computed. Never starts the engine: nothing is done before it has been started.
   */
  ahead(indicators: readonly string[], slices: readonly FilterState[], wanted: () => boolean): Promise<void>;
  /** A ready-made file's views by entry (see `readyMade`), fetched once. */
  readyMadeData(file: string): Promise<Record<string, SliceResults>>;
  /** Forgets a failed start, so that the next change tries afresh. */
  retry(): void;
}

/**
 * Nothing is fetched until a method is called (the page calls them once the reader touches a filter, or
 * opens a filtered link). The views the build published ready-made (the whole report, one value of one
 * segment) need only the survey's definition and one small file of figures; any other view is computed by
 * the engine (duckdb-wasm and the published cube), which takes seconds to start.
 */
export function pageFigures(report: string): PageFigures {
  let viewing: Promise<ReportEngine> | undefined;
  let loading: Promise<ReportEngine> | undefined;
  let starting: Promise<LoadedReport> | undefined;
  const files = new Map<string, Promise<Record<string, SliceResults>>>();

  const readyMadeData = (file: string): Promise<Record<string, SliceResults>> => {
    let known = files.get(file);
    if (known === undefined) {
      known = import('./ready-made.ts').then(({ readyMadeResults }) => readyMadeResults(report, file));
      files.set(file, known);
      // A failed fetch is not kept: the next call tries again.
      known.catch(() => files.delete(file));
    }
    return known;
  };

  const view = (): Promise<ReportEngine> =>
    (viewing ??= import('./ready-made.ts').then(async ({ loadDefinition }) => {
      const survey = await loadDefinition(report);
      const compute: ReportEngine['compute'] = async (indicators, filters) => {
        const where = readyMade(survey, filters);
        // A wave a stale link names, for one, has no entry: the engine computes what is not ready-made.
        const results = where && (await readyMadeData(where.file))[where.entry];
        if (results === undefined) return (await engine()).compute(indicators, filters);
        return Object.fromEntries(indicators.map((id) => [id, results[id]!]));
      };
      return { survey, compute };
    }));

  const loadedReport = () => (starting ??= Promise.all([import('./report-engine.ts'), view()]).then(([{ loadReport }, { survey }]) => loadReport(survey)));

  const engine = (): Promise<ReportEngine> =>
    (loading ??= Promise.all([import('./report-engine.ts'), loadedReport()]).then(([{ computeSlice }, loaded]) => {
      const { survey } = loaded;
      // A slice seen once is not computed again: going back, or comparing it with another, costs no query.
      // Indicators not yet computed for a slice are computed together, in one query. The views computed ahead
      // add to them with every pause: only the KEPT_VIEWS used last are kept.
      const seen = new Map<string, Map<string, Promise<Record<string, IndicatorResult>>>>();
      const compute: ReportEngine['compute'] = async (indicators, filters) => {
        const key = toSearch(survey, { ...filters, compare: undefined });
        const known = seen.get(key) ?? new Map<string, Promise<Record<string, IndicatorResult>>>();
        keepRecent(seen, key, known, KEPT_VIEWS);
        const missing = [...new Set(indicators)].filter((id) => !known.has(id));
        if (missing.length) {
          const batch = computeSlice(loaded, missing, filters);
          for (const id of missing) known.set(id, batch.then((r) => r[id]!));
          batch.catch(() => missing.forEach((id) => known.delete(id)));
        }
        return Object.fromEntries(await Promise.all(indicators.map(async (id) => [id, await known.get(id)!] as const)));
      };
      return { survey, compute };
    }));

  const ahead: PageFigures['ahead'] = async (indicators, slices, wanted) => {
    if (loading === undefined) return;
    const { survey, compute } = await loading;
    for (const slice of slices) {
      if (!wanted()) return;
      await compute(indicators, slice);
      performance.mark('cx-ahead', { detail: toSearch(survey, slice) });
    }
  };

  const retry = () => {
    viewing = undefined;
    loading = undefined;
    starting = undefined;
  };
  return { view, engine, ahead, readyMadeData, retry };
}
