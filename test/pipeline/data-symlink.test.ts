import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkAll } from '../../src/pipeline/check.ts';
import { runSurvey } from '../../src/pipeline/run.ts';
import { InputError } from '../../src/survey/errors.ts';

// A project whose 2025 wave file is a symbolic link to a file outside it: the file it leads to is outside
// the project, so it is refused as a path written outside the project would be.
const project = mkdtempSync(join(tmpdir(), 'cx-link-project-'));
const outside = mkdtempSync(join(tmpdir(), 'cx-link-outside-'));
const dir = join(project, 'data', 'mini');
mkdirSync(dir, { recursive: true });
cpSync('test/fixtures/mini', dir, { recursive: true });
renameSync(join(dir, '2025.csv'), join(outside, 'secret.csv'));
symlinkSync(join(outside, 'secret.csv'), join(dir, '2025.csv'));
afterAll(() => {
  rmSync(project, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const message = `data/mini/survey.yaml: at waves[1].file, value "2025.csv": the data file must be inside the project folder (it is a link to ${join(outside, 'secret.csv')})`;

describe('a wave file that is a symbolic link out of the project', () => {
  it('is named by the check, with the file it leads to', async () => {
    const { problems } = await checkAll(project, join(project, 'data'), join(project, 'content'));
    expect(new InputError(problems).message).toContain(message);
  });

  it('stops the pipeline with an input error', async () => {
    await expect(runSurvey(dir, project)).rejects.toThrow(InputError);
    await expect(runSurvey(dir, project)).rejects.toThrow(message);
  });

  it('is read when it leads to a file inside the project', async () => {
    rmSync(join(dir, '2025.csv'));
    cpSync(join(outside, 'secret.csv'), join(project, 'kept.csv'));
    symlinkSync(join(project, 'kept.csv'), join(dir, '2025.csv'));
    const out = await runSurvey(dir, project);
    // test/fixtures/mini/2025.csv: a header and 8 rows.
    expect(out.quality.find((w) => w.wave === '2025')?.respondents).toBe(8);
  });
});
