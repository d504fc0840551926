import { ENGINE_DIR, ENGINE_FILES, ENGINE_WORKER } from '../engine/bundle.ts';
import type { Engine } from '../engine/engine.ts';
import { publishedSlice } from '../filters/where.ts';
import { PUBLISHED_CUBE_TABLE, PUBLISHED_FILES } from '../indicators/cube.ts';
import type { SliceResults } from '../indicators/result.ts';
import { sliceComputer, type SliceComputer } from '../indicators/run.ts';
import type { FilterState } from '../filters/state.ts';
import type { Indicator } from '../survey/report.ts';
import type { Survey } from '../survey/survey.ts';
import { openWasmEngine } from '../engine/wasm.ts';
import { siteBytes, siteFile } from './site-files.ts';

/** A report's survey definition and its published cube, loaded into duckdb-wasm. */
export interface LoadedReport {
  survey: Survey;
  engine: Engine;
  slices: SliceComputer;
  /** Adds the deep part of the cube (the rows of slices of two filters), fetched once, when first needed. */
  deep(): Promise<void>;
}

/** Starts duckdb-wasm from the site's files and loads one report's published cube into it (as the cube table). */
export async function loadReport(survey: Survey): Promise<LoadedReport> {
  const [engine, cube] = await Promise.all([
    openWasmEngine({ module: siteFile(`${ENGINE_DIR}/${ENGINE_FILES.module}`), worker: siteFile(`${ENGINE_DIR}/${ENGINE_WORKER}`) }),
    siteBytes(`data/${survey.id}/${PUBLISHED_FILES.cube}`),
  ]);
  await engine.loadArrow(PUBLISHED_CUBE_TABLE, cube);
  let deep: Promise<void> | undefined;
  const addDeep = () =>
    (deep ??= siteBytes(`data/${survey.id}/${PUBLISHED_FILES.deepCube}`).then((bytes) => engine.loadArrow(PUBLISHED_CUBE_TABLE, bytes, false)));
  // A failed fetch is not kept: the next slice that needs the part tries again.
  const load = () => addDeep().catch((error: unknown) => ((deep = undefined), Promise.reject(error)));
  return { survey, engine, slices: sliceComputer(engine, survey), deep: load };
}

function indicatorsOf(survey: Survey, ids: readonly string[]): Indicator[] {
  return ids.map((id) => {
    const indicator = survey.indicators.find((i) => i.id === id);
    if (!indicator) throw new Error(`no indicator "${id}" in ${survey.id}`);
    return indicator;
  });
}

/** Indicators over a filtered slice, every wave, in one query: the same function the build ran natively. */
export async function computeSlice(loaded: LoadedReport, indicatorIds: readonly string[], filters: FilterState): Promise<SliceResults> {
  const slice = publishedSlice(loaded.survey, filters);
  if (slice.deep) await loaded.deep();
  return loaded.slices.compute(indicatorsOf(loaded.survey, indicatorIds), slice);
}
