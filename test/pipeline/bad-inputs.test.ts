import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/pipeline/build.ts';
import { checkAll } from '../../src/pipeline/check.ts';
import { InputError } from '../../src/survey/errors.ts';
import { filesUnder } from '../files.ts';

// The corpus: each folder under test/fixtures/bad-inputs/ is a whole survey (data/, and content/ for the
// chapter cases) with one thing wrong, and expected.txt the exact message an analyst must get for it.
const root = process.cwd();
const CORPUS = 'test/fixtures/bad-inputs';
const cases = readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const expected = (name: string) => readFileSync(join(CORPUS, name, 'expected.txt'), 'utf8').trimEnd();
const hasContent = (name: string) => existsSync(join(CORPUS, name, 'content'));

/** Every file of a folder with its bytes, as one digest: equal digests, byte-identical trees. */
function digest(dir: string): string {
  const hash = createHash('sha256');
  for (const f of filesUnder(dir)) hash.update(f.slice(dir.length)).update('\0').update(readFileSync(f));
  return hash.digest('hex');
}

// Wave files must lie inside the project folder: the good survey is copied under .cx/ (not committed).
mkdirSync(join(root, '.cx'), { recursive: true });
const work = mkdtempSync(join(root, '.cx', 'corpus-'));
const dist = join(work, 'dist');
let good: string;
beforeAll(async () => {
  // The last good site, built from the mini survey: every failed build below must leave it as it is.
  cpSync('test/fixtures/mini', join(work, 'data', 'mini'), { recursive: true });
  await buildSite(root, dist, { log: () => undefined }, join(work, 'data'));
  good = digest(dist);
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the corpus of bad inputs', () => {
  it('holds at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('%s: the check names file, line, column, value and rule, exactly', async (name) => {
    const dir = join(CORPUS, name);
    const { problems } = await checkAll(root, join(dir, 'data'), join(dir, hasContent(name) ? 'content' : 'no-content'));
    expect(problems.length).toBeGreaterThan(0);
    expect(new InputError(problems).message).toBe(expected(name));
  });

  it.each(cases.filter((name) => !hasContent(name)))('%s: the build fails with the same message and leaves the last site byte for byte', async (name) => {
    const build = buildSite(root, dist, { log: () => undefined }, join(CORPUS, name, 'data'));
    await expect(build).rejects.toThrow(InputError);
    await expect(build).rejects.toThrow(expected(name));
    expect(digest(dist)).toBe(good);
  });
});

describe('the commands on a bad input', () => {
  const run = (script: string, name: string, ...args: string[]) =>
    spawnSync(process.execPath, [resolve('scripts', script), '--data', join(CORPUS, name, 'data'), ...args], { cwd: root, encoding: 'utf8' });

  it('npm run build exits 1, prints the message and says the site was left unchanged', () => {
    const result = run('build.ts', 'gb18030', '--out', dist);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(expected('gb18030'));
    expect(result.stderr).toContain('the previous site was left unchanged');
    expect(digest(dist)).toBe(good);
  });

  it('npm run check exits 1 and prints the message, building nothing', () => {
    const result = run('check.ts', 'unknown-option-in-chapter', '--content', join(CORPUS, 'unknown-option-in-chapter', 'content'));
    expect(result.status).toBe(1);
    expect(result.stderr.trimEnd()).toBe(expected('unknown-option-in-chapter'));
  });

  it('npm run check exits 0 on the sample reports and says what it checked', () => {
    const result = spawnSync(process.execPath, [resolve('scripts/check.ts')], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('cx-management: 457 respondents');
  });
});
