import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportResults } from '../../src/indicators/result.ts';
import { runSurvey } from '../../src/pipeline/run.ts';

// The figures of the State of CX Management report as the foundation build computed them (saved from commit
// d2a5595). Later work may add to each figure (intervals, tests) but must not change what was there.
const before = JSON.parse(readFileSync('test/fixtures/cx-management-results.json', 'utf8')) as ReportResults;

describe('the foundation report', () => {
  it('keeps every figure it had: value, base, effective base, sd and base marks', async () => {
    const { results } = await runSurvey(resolve('data/cx-management'), process.cwd());
    expect(results.counts).toEqual(before.counts);
    expect(Object.keys(results.indicators)).toEqual(Object.keys(before.indicators));
    for (const [id, waves] of Object.entries(before.indicators)) {
      for (const [wave, figures] of Object.entries(waves)) {
        const now = results.indicators[id]![wave]!;
        expect(now.length, `${id} ${wave}`).toBe(figures.length);
        figures.forEach((f, i) => expect(now[i], `${id} ${wave} ${f.group} ${f.key}`).toMatchObject(f));
      }
    }
  });
});
