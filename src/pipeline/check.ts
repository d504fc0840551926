import { join } from 'node:path';
import { InputError, type InputProblem } from '../survey/errors.ts';
import type { Survey } from '../survey/survey.ts';
import { folderProblem, surveyDirs } from './build.ts';
import { checkChapters } from './chapter-check.ts';
import { unreviewedGuesses } from './guess-check.ts';
import { personalDataWarnings } from './personal-data-check.ts';
import { loadCube } from './run.ts';

/** What a check found: the surveys that passed, with their respondents, and every problem of every input. */
export interface CheckReport {
  surveys: { id: string; respondents: number }[];
  problems: InputProblem[];
  /** Lines that need a look but stop nothing, as `file:line: warning: …`. */
  warnings: string[];
}

/**
 * Validates every survey definition under `dataDir`, every wave file and every chapter under `contentDir`,
 * without building the site: the same checks the build runs, reported together rather than stopping at the first survey.
 */
export async function checkAll(root: string, dataDir: string, contentDir = join(root, 'content')): Promise<CheckReport> {
  const problems: InputProblem[] = [];
  const passed: Survey[] = [];
  const surveys: CheckReport['surveys'] = [];
  const warnings: string[] = [];
  for (const dir of surveyDirs(dataDir)) {
    warnings.push(...unreviewedGuesses(root, dir));
    try {
      const { survey, engine, counts } = await loadCube(dir, root);
      await engine.close();
      const misnamed = folderProblem(root, dir, survey);
      if (misnamed) {
        problems.push(misnamed);
        continue;
      }
      passed.push(survey);
      warnings.push(...(await personalDataWarnings(root, dir, survey)));
      surveys.push({ id: survey.id, respondents: Object.values(counts).reduce((a, b) => a + b, 0) });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(...e.problems);
    }
  }
  problems.push(...checkChapters(root, contentDir, passed));
  return { surveys, problems, warnings };
}
