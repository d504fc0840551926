import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Engine } from '../engine/engine.ts';
import { openNativeEngine, type NativeEngine } from '../engine/native.ts';
import { PUBLISHED_CUBE_TABLE } from '../indicators/cube.ts';
import type { DataQuality } from '../survey/quality.ts';
import { publishedPercentiles } from './pooled-bins.ts';
import { dataQuality } from './quality.ts';
import type { ReportResults, SliceResults } from '../indicators/result.ts';
import { InputError, type InputProblem } from '../survey/errors.ts';
import { WAVE } from '../survey/dimensions.ts';
import { parseSurvey } from '../survey/parse.ts';
import { waveView } from '../survey/waves.ts';
import type { Survey } from '../survey/survey.ts';
import { cubeFile } from './arrow.ts';
import { buildPublishedCube, deepRows } from './published.ts';
import { readyMadeSlices } from './ready-made.ts';
import { buildCube } from './cube.ts';
import { FORMATS, formatOf, type WaveFormat } from './formats/index.ts';
import { loadWaveFile, readHeader, reason, typedSource } from './ingest.ts';
import { appendWave, assignCells, RESPONSES_TABLE } from './responses.ts';
import { computeResults, waveCounts } from './results.ts';
import { checkColumns, headerProblems, loadedCleanly, rowProblems } from './validate.ts';
import { withReaderNames } from './data-columns.ts';

/** What the pipeline makes of one survey. */
export interface SurveyOutput {
  survey: Survey;
  results: ReportResults;
  /** The published cube, as Arrow IPC: the rows every slice may read, and apart those only slices of two filters read (see `deepRows`). */
  cube: Uint8Array;
  deepCube: Uint8Array;
  /** The figures of the views published ready-made, by file and entry (see `readyMade`). */
  slices: Map<string, Record<string, SliceResults>>;
  /** The data-quality figures, read from the wave files. */
  quality: DataQuality;
  /** Milliseconds per step: ingest (validate, type, derive), cube, indicators, arrow (the published cube), ready-made views; within arrow, protection. */
  timings: Record<'ingest' | 'cube' | 'indicators' | 'arrow' | 'slices' | 'protection', number>;
}

/** Reads and validates `survey.yaml` in `dir`; `root` is the project folder, for relative names in messages. */
export function readSurvey(dir: string, root: string): Survey {
  const file = join(dir, 'survey.yaml');
  return parseSurvey(readFileSync(file, 'utf8'), relative(root, file));
}

/**
 * Validates every wave and loads it into the responses table; throws one InputError listing the problems
 * of all waves. A clean file is read once; only a file with problems is read again, as text.
 */
async function ingest(engine: Engine, survey: Survey, dir: string, root: string): Promise<void> {
  const problems: InputProblem[] = [];
  let total = 0;
  let created = false;
  for (const [i, wave] of survey.waves.entries()) {
    const path = resolve(dir, wave.file);
    const label = relative(root, path);
    if (!path.startsWith(resolve(root) + sep)) {
      problems.push({ file: relative(root, join(dir, 'survey.yaml')), path: `waves[${i}].file`, value: wave.file, rule: 'the data file must be inside the project folder' });
      continue;
    }
    if (!existsSync(path)) {
      problems.push({ file: label, rule: `data file of wave ${wave.id} not found` });
      continue;
    }
    // A symbolic link inside the project may point anywhere: the rule holds for the file it leads to.
    const target = realpathSync(path);
    if (!target.startsWith(realpathSync(root) + sep)) {
      problems.push({ file: relative(root, join(dir, 'survey.yaml')), path: `waves[${i}].file`, value: wave.file, rule: `the data file must be inside the project folder (it is a link to ${target})` });
      continue;
    }
    // The file is read as this wave asked its questions (columns and codes may differ between waves).
    const { survey: asked, absent } = waveView(survey, wave.id);
    // A file whose shape is wrong (empty, not UTF-8, not comma-separated, ragged) is named as such, not by
    // the errors it causes downstream; the shape is only examined once something has gone wrong.
    const file = { path, label, sheet: wave.sheet };
    let format: WaveFormat;
    try {
      format = formatOf(file);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(...e.problems);
      total += e.problems.length;
      continue;
    }
    // A sheet named for a file without sheets would be ignored, and the analyst left thinking it was read.
    if (wave.sheet !== undefined && !format.sheets) {
      problems.push({ file: relative(root, join(dir, 'survey.yaml')), path: `waves[${i}].sheet`, value: wave.sheet, rule: `wave ${wave.id} reads ${wave.file}, which has no sheets: \`sheet\` is only for Excel workbooks (${FORMATS.filter((f) => f.sheets).flatMap((f) => f.extensions).join(', ')})` });
      total += 1;
      continue;
    }
    const shape = () => format.shapeProblems(file);
    let header: string[];
    try {
      header = await readHeader(engine, file);
    } catch (e) {
      const found = shape();
      if (!found.length) {
        if (!(e instanceof InputError)) throw e;
        found.push(...e.problems);
      }
      problems.push(...found);
      total += found.length;
      continue;
    }
    // Where a row is (a CSV line, a sheet row, an SPSS case) is only worked out once a problem needs it.
    const placed = async (found: InputProblem[]) => {
      const places = await format.places(engine, file);
      return found.map(({ line, ...p }) => (line === undefined ? p : { ...p, ...places(line) }));
    };
    const head = headerProblems(asked, header, label);
    if (head.length) {
      const found = shape();
      problems.push(...(found.length ? found : await placed(head)));
      total += found.length || head.length;
      continue;
    }
    const view = withReaderNames(asked, header);
    // Fast path: load the file typed, flagging failed checks on the way; a file with any problem is taken
    // out again and copied as text, so that each problem can be named with its line.
    const source = await typedSource(engine, view, file, header);
    const failure: string | undefined = await appendWave(engine, view, i, source, !created, checkColumns(view), absent).then(() => undefined, reason);
    const loaded: boolean = failure === undefined;
    created ||= loaded;
    if (loaded && (await loadedCleanly(engine, view, RESPONSES_TABLE, i))) {
      const [{ n } = { n: 0 }] = await engine.query(`SELECT count(*) AS n FROM ${RESPONSES_TABLE} WHERE ${WAVE} = ?`, [i + 1]);
      if (Number(n) === 0) {
        problems.push({ file: label, rule: 'no respondents: the file has a header line but no data lines' });
        continue;
      }
      await assignCells(engine, view, i);
      continue;
    }
    if (loaded) await engine.query(`DELETE FROM ${RESPONSES_TABLE} WHERE ${WAVE} = ?`, [i + 1]);
    const found = shape();
    if (found.length) {
      problems.push(...found);
      total += found.length;
      continue;
    }
    const table = `raw_${i}`;
    await loadWaveFile(engine, table, file);
    const rows = await rowProblems(engine, view, table, label);
    await engine.query(`DROP TABLE "${table}"`);
    problems.push(...(await placed(rows.problems)));
    total += rows.total;
    // The typed load failed, yet no check names a row: say why rather than drop the wave unseen.
    if (rows.total === 0) problems.push({ file: label, rule: `cannot be loaded: ${failure ?? 'its rows fail a check'}` });
  }
  if (problems.length) throw new InputError(problems, Math.max(total, problems.length));
}

/** A survey's cube in native DuckDB, its respondent rows dropped; the caller closes the engine. */
export interface LoadedCube {
  survey: Survey;
  engine: NativeEngine;
  /** Respondents per wave. */
  counts: Record<string, number>;
  timings: { ingest: number; cube: number };
}

/** Validates and loads the survey in `dir`, derives its measures and reduces it to the cube. */
export async function loadCube(dir: string, root: string): Promise<LoadedCube> {
  const survey = readSurvey(dir, root);
  const engine = await openNativeEngine();
  try {
    const t0 = performance.now();
    await ingest(engine, survey, dir, root);
    const t1 = performance.now();
    await buildCube(engine, survey);
    const t2 = performance.now();
    const counts = await waveCounts(engine, survey);
    // Respondent rows are no longer needed: free them before anything else runs.
    await engine.query(`DROP TABLE ${RESPONSES_TABLE}`);
    return { survey, engine, counts, timings: { ingest: t1 - t0, cube: t2 - t1 } };
  } catch (e) {
    await engine.close();
    throw e;
  }
}

/** Runs the whole data pipeline for the survey in `dir`: validate, load and derive, cube, indicators. */
export async function runSurvey(dir: string, root: string): Promise<SurveyOutput> {
  const { survey, engine, counts, timings } = await loadCube(dir, root);
  try {
    const t2 = performance.now();
    const results = await computeResults(engine, survey, counts);
    const t3 = performance.now();
    const disclosure = await buildPublishedCube(engine, survey);
    Object.assign(results.indicators, await publishedPercentiles(engine, survey));
    const cube = await cubeFile(engine, survey, PUBLISHED_CUBE_TABLE, `NOT (${deepRows(survey)})`);
    const deepCube = await cubeFile(engine, survey, PUBLISHED_CUBE_TABLE, deepRows(survey));
    const t4 = performance.now();
    const slices = await readyMadeSlices(engine, survey);
    const t5 = performance.now();
    const quality = await dataQuality(engine, survey, dir);
    return { survey, results, cube, deepCube, slices, quality, timings: { ...timings, indicators: t3 - t2, arrow: t4 - t3, slices: t5 - t4, protection: disclosure.ms } };
  } finally {
    await engine.close();
  }
}
