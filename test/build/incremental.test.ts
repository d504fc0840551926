import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/pipeline/build.ts';
import { filesUnder } from '../files.ts';

// Builds reuse what an earlier build computed when its inputs did not change: a changed wave file recomputes
// its own survey only, and the site is byte for byte the one a fresh build writes.
const root = process.cwd();
const work = join(root, '.cx', `incremental-test-${process.pid}`);
const data = join(work, 'data');
afterAll(() => rmSync(work, { recursive: true, force: true }));

function tree(dir: string): Map<string, Buffer> {
  return new Map(
    filesUnder(dir).map((f) => [f.slice(dir.length), readFileSync(f)]),
  );
}

async function build(out: string, fresh = false): Promise<string[]> {
  const log: string[] = [];
  await buildSite(root, join(work, out), { log: (m) => log.push(m) }, data, { fresh });
  return log;
}

describe('an incremental build', () => {
  it('recomputes only the survey whose wave changed, and writes what a fresh build writes', async () => {
    mkdirSync(data, { recursive: true });
    cpSync('data/cx-management', join(data, 'cx-management'), { recursive: true });
    cpSync('test/fixtures/mini', join(data, 'mini'), { recursive: true });
    const first = await build('first');
    expect(first.filter((l) => /rows, ingest/.test(l))).toHaveLength(2);

    const again = await build('again');
    expect(again.slice(0, 2)).toEqual(['cx-management: definition and data unchanged, results from the last build', 'mini: definition and data unchanged, results from the last build']);

    const wave = join(data, 'mini', '2025.csv');
    writeFileSync(wave, readFileSync(wave, 'utf8').replace('\n8,S,4,3,1,P,1,0,0,10,yes,,h@x.com,3,4,4', ''));
    const changed = await build('changed');
    expect(changed[0]).toBe('cx-management: definition and data unchanged, results from the last build');
    expect(changed[1]).toMatch(/^mini: 11 rows, ingest/);

    await build('fresh', true);
    const [incremental, fresh] = [tree(join(work, 'changed')), tree(join(work, 'fresh'))];
    expect([...incremental.keys()]).toEqual([...fresh.keys()]);
    for (const [f, bytes] of fresh) expect(incremental.get(f)!.equals(bytes), f).toBe(true);
  }, 300_000);
});
