import { resolve } from 'node:path';
import type { Engine } from '../../src/engine/engine.ts';
import { openNativeEngine } from '../../src/engine/native.ts';
import { buildCube } from '../../src/pipeline/cube.ts';
import { deriveMeasures } from '../../src/pipeline/derive.ts';
import { loadWaveFile } from '../../src/pipeline/ingest.ts';
import { appendWave } from '../../src/pipeline/responses.ts';
import { readSurvey } from '../../src/pipeline/run.ts';
import type { Survey } from '../../src/survey/survey.ts';

/** The mini fixture loaded into native DuckDB, reduced to its cube, engine left open for queries. */
export async function loadMini(): Promise<{ engine: Engine; survey: Survey }> {
  const dir = resolve('test/fixtures/mini');
  const survey = readSurvey(dir, process.cwd());
  const engine = await openNativeEngine();
  for (const [i, wave] of survey.waves.entries()) {
    await loadWaveFile(engine, `raw_${i}`, resolve(dir, wave.file), wave.file);
    await appendWave(engine, survey, wave.id, `raw_${i}`, i === 0);
  }
  await deriveMeasures(engine, survey);
  await buildCube(engine, survey);
  return { engine, survey };
}
