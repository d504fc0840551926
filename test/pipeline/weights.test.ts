import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSurvey } from '../../src/pipeline/run.ts';

const root = mkdtempSync(join(tmpdir(), 'cx-weights-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The mini fixture with a weight column: 2 for rows 1 and 8 of 2025, 1 elsewhere. */
async function weightedMini() {
  const dir = join(root, 'data', 'mini');
  cpSync('test/fixtures/mini', dir, { recursive: true });
  for (const wave of ['2024', '2025']) {
    const file = join(dir, `${wave}.csv`);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const weighted = lines.map((l, i) => (i === 0 ? `${l},Weight` : `${l},${wave === '2025' && (i === 1 || i === 8) ? 2 : 1}`));
    writeFileSync(file, weighted.join('\n') + '\n');
  }
  const yaml = join(dir, 'survey.yaml');
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('id_column: ID', 'id_column: ID\nweight_column: Weight'));
  return runSurvey(dir, root);
}

describe('weights', () => {
  it('weight shares and means, keep the unweighted base, and give the Kish effective base', async () => {
    const { results } = await weightedMini();
    // Channel 2025, valid rows 1,2,3,4,6,7,8 with weights 2,1,1,1,1,1,2 (Σw = 9, Σw² = 13); web = rows 1,3,7,8 -> 6.
    const web = results.indicators.channel!['2025']!.find((f) => f.key === 'web')!;
    expect(web.value).toBeCloseTo(6 / 9, 12);
    expect(web.n).toBe(7);
    expect(web.neff).toBeCloseTo(81 / 13, 12);
    // Satisfaction mean: (2·5 + 4 + 3 + 2 + 1 + 5 + 2·4) / 9 = 33/9.
    expect(results.indicators.sat_mean!['2025']![0]!.value).toBeCloseTo(33 / 9, 12);
    // NPS 2025: promoters rows 1 (w2), 2, 7 -> 4; detractors rows 5, 6, 8 (w2) -> 4; Σw = 10 -> 0.
    const nps = results.indicators.rec_nps!['2025']!;
    expect(nps.find((f) => f.key === 'promoters')!.value).toBeCloseTo(0.4, 12);
    expect(nps.find((f) => f.key === 'nps')!.value).toBeCloseTo(0, 12);
    // Multi with one column per option: perk A = rows 1 (w2), 3, 7, 8 (w2) = 6 of Σw 9 (rows 1-4, 6-8).
    expect(results.indicators.perks!['2025']!.find((f) => f.key === 'perk_a')!.value).toBeCloseTo(6 / 9, 12);
  });
});
