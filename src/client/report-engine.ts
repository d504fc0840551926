import { ENGINE_DIR, ENGINE_FILES } from '../engine/bundle.ts';
import type { Engine } from '../engine/engine.ts';
import { publishedSlice } from '../filters/where.ts';
import { PUBLISHED_CUBE_TABLE } from '../indicators/cube.ts';
import type { SliceResults } from '../indicators/result.ts';
import { sliceComputer, type SliceComputer } from '../indicators/run.ts';
import type { FilterState } from '../filters/state.ts';
import type { Survey } from '../survey/survey.ts';
import { openWasmEngine } from '../engine/wasm.ts';
import { siteFile } from './site-files.ts';

/** A report's survey definition and its published cube, loaded into duckdb-wasm. */
export interface LoadedReport {
  survey: Survey;
  engine: Engine;
  slices: SliceComputer;
}

/** Starts duckdb-wasm from the site's files and loads one report's published cube into it (as the cube table). */
export async function loadReport(survey: Survey): Promise<LoadedReport> {
  const [engine, cube] = await Promise.all([
    openWasmEngine({ module: siteFile(`${ENGINE_DIR}/${ENGINE_FILES.module}`), worker: siteFile(`${ENGINE_DIR}/${ENGINE_FILES.worker}`) }),
    fetch(siteFile(`data/${survey.id}/cube.arrow`)).then(async (r) => {
      if (!r.ok) throw new Error(`cube.arrow: ${r.status}`);
      return new Uint8Array(await r.arrayBuffer());
    }),
  ]);
  await engine.loadArrow(PUBLISHED_CUBE_TABLE, cube);
  return { survey, engine, slices: sliceComputer(engine, survey) };
}

/** Indicators over a filtered slice, every wave, in one query: the same function the build ran natively. */
export async function computeSlice(loaded: LoadedReport, indicatorIds: readonly string[], filters: FilterState): Promise<SliceResults> {
  const indicators = indicatorIds.map((id) => {
    const indicator = loaded.survey.indicators.find((i) => i.id === id);
    if (!indicator) throw new Error(`no indicator "${id}" in ${loaded.survey.id}`);
    return indicator;
  });
  return loaded.slices.compute(indicators, publishedSlice(loaded.survey, filters));
}
