import { availableParallelism } from 'node:os';
import type { Engine } from '../engine/engine.ts';
import type { NativeEngine } from '../engine/native.ts';
import { readyMade, readyMadeStates } from '../filters/slices.ts';
import { publishedSlice } from '../filters/where.ts';
import type { SliceResults } from '../indicators/result.ts';
import { sliceComputer } from '../indicators/run.ts';
import type { Survey } from '../survey/survey.ts';

/**
 * The figures of the views the site publishes ready-made (see `readyMadeStates`), by file and entry: computed
 * over the published cube by the same function, with the same settings, as the browser, so that a ready-made
 * view and one the browser computes agree to the last digit. They run side by side, one connection per core.
 */
export async function readyMadeSlices(engine: NativeEngine, survey: Survey): Promise<Map<string, Record<string, SliceResults>>> {
  const states = readyMadeStates(survey);
  const sessions: Engine[] = await Promise.all(Array.from({ length: Math.min(availableParallelism(), states.length) }, () => engine.connect()));
  try {
    const results: SliceResults[] = [];
    let next = 0;
    await Promise.all(
      sessions.map(async (s) => {
        const slices = sliceComputer(s, survey);
        for (let i = next++; i < states.length; i = next++) results[i] = await slices.compute(survey.indicators, publishedSlice(survey, states[i]!));
      }),
    );
    const files = new Map<string, Record<string, SliceResults>>();
    states.forEach((state, i) => {
      const { file, entry } = readyMade(survey, state)!;
      files.set(file, { ...files.get(file), [entry]: results[i]! });
    });
    return files;
  } finally {
    await Promise.all(sessions.map((s) => s.close()));
  }
}
