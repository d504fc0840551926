import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { runSurvey } from '../../src/pipeline/run.ts';

const root = mkdtempSync(join(tmpdir(), 'cx-scales-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a scale where low is good (an effort score)', () => {
  it('counts its top box at the low end and reverses it on 0-100', async () => {
    const dir = join(root, 'data', 'mini');
    cpSync('test/fixtures/mini', dir, { recursive: true });
    const doc = parseDocument(readFileSync(join(dir, 'survey.yaml'), 'utf8'));
    doc.setIn(['questions', 0, 'scale', 'good'], 'low');
    writeFileSync(join(dir, 'survey.yaml'), doc.toString());
    const { results } = await runSurvey(dir, root);
    // 2025 answers without the n/a 9: 5, 4, 3, 2, 1, 5, 4. The two best points are now 1 and 2: 2 of 7.
    const [top] = results.indicators.sat_top!['2025']!;
    expect(top!.value).toBeCloseTo(2 / 7, 12);
    expect(top!.count).toBe(2);
    // The experience composite rescales sat reversed: 100·(5 − x)/4 -> rows 0, 25, 50, 75, (n/a), 100, 0, 25,
    // with rec 100, 90, 80, 70, 60, 0, 100, 30 -> row means 50, 57.5, 65, 72.5, 60, 50, 50, 27.5 -> 432.5 / 8.
    expect(results.indicators.experience!['2025']![0]!.value).toBeCloseTo(432.5 / 8, 10);
  });
});
