import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSurvey } from '../../src/pipeline/run.ts';

const root = mkdtempSync(join(tmpdir(), 'cx-delimited-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('delimited multi answers', () => {
  it('give the same figures however loosely the cells are written (spaces, order, repeats)', async () => {
    const dir = join(root, 'data', 'mini');
    cpSync('test/fixtures/mini', dir, { recursive: true });
    const file = join(dir, '2025.csv');
    const loose = readFileSync(file, 'utf8')
      .replace('\n1,N,5,10,1,P;Q,', '\n1,N,5,10,1, Q ;P,')
      .replace('\n6,S,1,0,2,P;S,', '\n6,S,1,0,2,P;S;P,')
      .replace('\n7,N,5,10,1,Q;S,', '\n7,N,5,10,1,S ;  Q,');
    expect(loose).not.toEqual(readFileSync(file, 'utf8'));
    writeFileSync(file, loose);
    const tidy = await runSurvey(resolve('test/fixtures/mini'), process.cwd());
    const loosened = await runSurvey(dir, root);
    expect(loosened.results.indicators.reasons).toEqual(tidy.results.indicators.reasons);
  });
});
