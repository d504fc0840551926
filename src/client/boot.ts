import type { FilterState } from '../filters/state.ts';
import type { IndicatorResult } from '../indicators/result.ts';

/**
 * The page's handle on the in-browser engine. Loading it costs the wasm module and the cube, so nothing is
 * fetched until a caller first asks (a filter touched); the chunk with duckdb-wasm is imported only then.
 */
export interface ReportEngine {
  compute(indicator: string, filters: FilterState): Promise<Record<string, IndicatorResult>>;
}

declare global {
  interface Window {
    cxReport?: () => Promise<ReportEngine>;
  }
}

const report = document.documentElement.dataset.report;
if (report) {
  let loading: Promise<ReportEngine> | undefined;
  window.cxReport = () =>
    (loading ??= import('./report-engine.ts').then(async ({ loadReport, computeSlice }) => {
      const loaded = await loadReport(report);
      return { compute: (indicator, filters) => computeSlice(loaded, indicator, filters) };
    }));
}
