import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openNativeEngine } from '../../src/engine/native.ts';
import { runSurvey } from '../../src/pipeline/run.ts';

const root = mkdtempSync(join(tmpdir(), 'cx-parquet-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('Parquet waves', () => {
  it('give the same figures as the same rows in CSV', async () => {
    const dir = join(root, 'data', 'mini');
    cpSync('test/fixtures/mini', dir, { recursive: true });
    const engine = await openNativeEngine();
    for (const wave of ['2024', '2025']) {
      // Numbers stay numbers and codes stay text, as a typical export would write them.
      await engine.query(
        `COPY (SELECT * REPLACE (CAST("Satisfaction / 满意度" AS DOUBLE) AS "Satisfaction / 满意度", CAST("Spend" AS DOUBLE) AS "Spend")
         FROM read_csv(?, header = true, all_varchar = true)) TO '${join(dir, `${wave}.parquet`)}' (FORMAT parquet)`,
        [join(dir, `${wave}.csv`)],
      );
    }
    await engine.close();
    const yaml = join(dir, 'survey.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replaceAll('.csv"', '.parquet"'));
    const fromParquet = await runSurvey(dir, root);
    const fromCsv = await runSurvey(resolve('test/fixtures/mini'), process.cwd());
    expect(fromParquet.results).toEqual(fromCsv.results);
    expect(fromParquet.results.counts).toEqual({ '2024': 4, '2025': 8 });
  });
});
