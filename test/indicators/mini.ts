import { resolve } from 'node:path';
import type { Engine } from '../../src/engine/engine.ts';
import { openNativeEngine } from '../../src/engine/native.ts';
import { buildCube } from '../../src/pipeline/cube.ts';
import { readHeader, typedSource } from '../../src/pipeline/ingest.ts';
import { appendWave, assignCells } from '../../src/pipeline/responses.ts';
import { readSurvey } from '../../src/pipeline/run.ts';
import type { Survey } from '../../src/survey/survey.ts';

/** The mini fixture loaded into native DuckDB, reduced to its cube, engine left open for queries. */
export async function loadMini(): Promise<{ engine: Engine; survey: Survey }> {
  return loadFixture('test/fixtures/mini');
}

/** A survey folder (its survey.yaml and wave files) loaded into native DuckDB and reduced to its cube. */
export async function loadFixture(folder: string): Promise<{ engine: Engine; survey: Survey }> {
  const dir = resolve(folder);
  const survey = readSurvey(dir, process.cwd());
  const engine = await openNativeEngine();
  for (const [i, wave] of survey.waves.entries()) {
    const path = resolve(dir, wave.file);
    const file = { path, label: wave.file };
    const source = await typedSource(engine, survey, file, await readHeader(engine, file));
    await appendWave(engine, survey, i, source, i === 0);
    await assignCells(engine, survey, i);
  }
  await buildCube(engine, survey);
  return { engine, survey };
}
