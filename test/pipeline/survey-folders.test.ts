import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { surveyDirs } from '../../src/pipeline/build.ts';

const root = mkdtempSync(join(tmpdir(), 'cx-folders-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the surveys of a data folder', () => {
  it('are its folders holding a survey.yaml, a link to such a folder included, in name order', () => {
    const data = join(root, 'data');
    for (const dir of ['data/b-survey', 'data/no-definition', 'elsewhere/c-survey']) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(data, 'b-survey', 'survey.yaml'), 'id: b-survey\n');
    writeFileSync(join(root, 'elsewhere/c-survey', 'survey.yaml'), 'id: c-survey\n');
    symlinkSync(join(root, 'elsewhere/c-survey'), join(data, 'c-survey'));
    // A link to nothing, and a file named like a survey, are no surveys.
    symlinkSync(join(root, 'missing'), join(data, 'a-broken'));
    writeFileSync(join(data, 'd-file'), 'id: d\n');
    expect(surveyDirs(data)).toEqual([join(data, 'b-survey'), join(data, 'c-survey')]);
  });
});
