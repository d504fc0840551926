import { resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { buildKpi, renderKpi } from '../../src/charts/kpi.ts';
import type { Figure } from '../../src/indicators/result.ts';
import { readSurvey } from '../../src/pipeline/run.ts';

const survey = readSurvey(resolve('test/fixtures/mini'), process.cwd());
const kpi = survey.kpis.find((k) => k.id === 'sat')!;
const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
/** The satisfied share of the mini survey's 2025 wave as `value` over `n` respondents; 2024 left out. */
const results = (value: number | null, n: number, suppressed = false): Record<string, Figure[]> => ({
  2025: [{ group: null, key: 'top_box', value, sd: null, count: null, n, neff: n, w: n, w2: n, suppressed, low_base: false }],
});
const target = (value: number | null, n: number, suppressed = false) => {
  const tile = buildKpi(survey, kpi, results(value, n, suppressed), 'en', '2025');
  return renderKpi(kpi.id, tile, 'en', doc()).querySelector('.cx-kpi-target')!;
};

describe('a KPI tile against its target (80%, above)', () => {
  it('says met or missed when there is a figure', () => {
    expect([target(0.8, 40).className, target(0.8, 40).textContent]).toEqual(['cx-kpi-target met', '✓ Meets Target 80%']);
    expect([target(0.79, 40).className, target(0.79, 40).textContent]).toEqual(['cx-kpi-target missed', '✗ Misses Target 80%']);
  });

  it('judges nothing when the figure is suppressed', () => {
    const shown = target(null, 2, true);
    expect([shown.className, shown.textContent]).toEqual(['cx-kpi-target unknown', 'Not assessed against Target 80%']);
  });
});
