import { ENGINE_DIR, ENGINE_FILES } from '../engine/bundle.ts';
import type { Engine } from '../engine/engine.ts';
import { compilePublishedSlice, compilePublishedWhere } from '../filters/where.ts';
import { PUBLISHED_CUBE_TABLE } from '../indicators/cube.ts';
import type { IndicatorResult } from '../indicators/result.ts';
import { computeIndicators } from '../indicators/run.ts';
import type { FilterState } from '../filters/state.ts';
import { SurveyObjectSchema, type Survey } from '../survey/survey.ts';
import { openWasmEngine } from '../engine/wasm.ts';

/** A report's survey definition and its published cube, loaded into duckdb-wasm. */
export interface LoadedReport {
  survey: Survey;
  engine: Engine;
}

const root = new URL('/', location.href);

async function fetchBytes(path: string): Promise<Uint8Array> {
  const response = await fetch(new URL(path, root));
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Starts duckdb-wasm from the site's files and loads one report's published cube into it (as the cube table). */
export async function loadReport(report: string): Promise<LoadedReport> {
  const [engine, cube, definition] = await Promise.all([
    openWasmEngine({ module: new URL(`${ENGINE_DIR}/${ENGINE_FILES.module}`, root).href, worker: new URL(`${ENGINE_DIR}/${ENGINE_FILES.worker}`, root).href }),
    fetchBytes(`data/${report}/cube.arrow`),
    fetch(new URL(`data/${report}/survey.json`, root)).then((r) => r.json() as Promise<unknown>),
  ]);
  await engine.loadArrow(PUBLISHED_CUBE_TABLE, cube);
  return { survey: SurveyObjectSchema.parse(definition), engine };
}

/** Indicators over a filtered slice, every wave, in one query: the same function the build ran natively. */
export async function computeSlice(loaded: LoadedReport, indicatorIds: readonly string[], filters: FilterState): Promise<Record<string, Record<string, IndicatorResult>>> {
  const indicators = indicatorIds.map((id) => {
    const indicator = loaded.survey.indicators.find((i) => i.id === id);
    if (!indicator) throw new Error(`no indicator "${id}" in ${loaded.survey.id}`);
    return indicator;
  });
  const slice = compilePublishedSlice(loaded.survey, filters);
  const source = { sql: `SELECT * FROM ${PUBLISHED_CUBE_TABLE} WHERE ${slice.sql}`, params: slice.params };
  const where = (by: string | undefined) => compilePublishedWhere(loaded.survey, filters, by);
  return computeIndicators(loaded.engine, loaded.survey, indicators, where, loaded.survey.waves.map((w) => w.id), source);
}
