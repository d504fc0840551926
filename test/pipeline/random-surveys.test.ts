import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { writeArtifacts } from '../../src/pipeline/build.ts';
import { checkAll } from '../../src/pipeline/check.ts';
import { ARTIFACT_FILES } from '../../src/pipeline/artifacts.ts';
import { ReportResultsSchema, SliceResultsSchema, type SliceResults } from '../../src/indicators/result.ts';
import { InputError } from '../../src/survey/errors.ts';
import { buildSurvey, surveySpec, writeSurvey } from './random-surveys.ts';

// CI runs a fixed number of surveys from a fixed seed; CX_RANDOM_SURVEYS=2000 (and CX_RANDOM_SEED) run more locally.
const RUNS = Number(process.env.CX_RANDOM_SURVEYS ?? 200);
const SEED = Number(process.env.CX_RANDOM_SEED ?? 20261204);

const scratch = mkdtempSync(join(tmpdir(), 'cx-random-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * How `npm run check` and `npm run build` tell the two apart: an InputError is printed as its message (file,
 * place, rule) and is the analyst's to fix; anything else is printed with its stack, a defect of ours.
 */
function assertInputError(e: unknown): asserts e is InputError {
  if (!(e instanceof InputError)) throw new Error(`internal error, not an input error: ${e instanceof Error ? e.stack : String(e)}`);
  for (const p of e.problems) {
    expect(p.file).toMatch(/\S/);
    expect(p.rule).toMatch(/\S/);
    expect(p.rule).not.toMatch(/Parser Error|Binder Error|Conversion Error|INTERNAL|TypeError/);
  }
}

describe('random valid surveys', () => {
  it(`are checked and built, or refused with an input error (${RUNS} surveys)`, async () => {
    let run = 0;
    const outcomes = { built: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(surveySpec, async (spec) => {
        const root = join(scratch, String(run++));
        const survey = buildSurvey(spec);
        writeSurvey(root, survey);
        const dataDir = join(root, 'data');
        try {
          const report = await checkAll(root, dataDir, join(root, 'content'));
          if (report.problems.length) throw new InputError(report.problems);
          const out = join(root, 'artifacts');
          await writeArtifacts(root, dataDir, out, { log: () => {} }, true);
          const results = ReportResultsSchema.parse(JSON.parse(readFileSync(join(out, survey.id, ARTIFACT_FILES.results), 'utf8')));
          const kinds = new Map((survey.definition.indicators as { id: string; kind: string }[]).map((i) => [i.id, i.kind]));
          // Every base a whole number, every share within 0-1: in the results and in every ready-made view.
          const sound = (slice: SliceResults) => {
            for (const [id, byWave] of Object.entries(slice)) {
              for (const f of Object.values(byWave).flat()) {
                if (f.n !== null) expect(Number.isInteger(f.n) && f.n >= 0, `${id}: n ${f.n}`).toBe(true);
                if (['share', 'top_box'].includes(kinds.get(id)!) && f.value !== null) expect(f.value >= 0 && f.value <= 1, `${id}: share ${f.value}`).toBe(true);
              }
            }
          };
          sound(results.indicators);
          const views = readdirSync(join(out, survey.id, ARTIFACT_FILES.slices));
          expect(views.length).toBeGreaterThan(0);
          for (const file of views) {
            const entries = z.record(z.string(), SliceResultsSchema).parse(JSON.parse(readFileSync(join(out, survey.id, ARTIFACT_FILES.slices, file), 'utf8')));
            Object.values(entries).forEach(sound);
          }
          outcomes.built++;
        } catch (e) {
          assertInputError(e);
          outcomes.refused++;
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    // The generator makes valid surveys: nearly all must build, or the property tests little.
    expect(outcomes.built).toBeGreaterThan(RUNS * 0.9);
  }, 900_000);
});
