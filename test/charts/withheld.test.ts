import { resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { baseLine, baseNotes } from '../../src/charts/caption.ts';
import { chartCsv } from '../../src/charts/csv.ts';
import { baseText, baseTitle, formatBase, numText } from '../../src/charts/format.ts';
import { buildKpi, renderKpi } from '../../src/charts/kpi.ts';
import { provenanceLines } from '../../src/charts/provenance.ts';
import { buildChartSpec } from '../../src/charts/spec.ts';
import { renderTable } from '../../src/charts/table.ts';
import type { Figure } from '../../src/indicators/result.ts';
import { readSurvey } from '../../src/pipeline/run.ts';

// The mini survey withholds figures under 3 (suppress_below: 3).
const survey = readSurvey(resolve('test/fixtures/mini'), process.cwd());
const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
const WHY = {
  en: 'withheld: its base is under 3, or it would let a smaller figure be worked out',
  zh: '未公布：其样本量低于 3，或公布后可推算出更小的数值',
};

/** A figure of the tier chart's group: shown (n 40) or suppressed with the base the published cube gives a withheld cell (0). */
const figure = (group: string, value: number | null, n: number): Figure => ({ group, key: 'top_box', value, sd: null, count: null, n, neff: n, w: n, w2: n, suppressed: value === null, low_base: false });

describe('a suppressed figure', () => {
  it('never prints its base: neither the 0 of a withheld cell nor a small count', () => {
    for (const n of [0, 2]) {
      const hidden = { n, suppressed: true };
      expect([formatBase(hidden, 'en'), baseText(hidden, 'en'), baseText(hidden, 'zh')]).toEqual(['withheld', 'n withheld', 'n 未公布']);
      expect(numText({ ...figure('gold', null, n), group: null }, 'share', 'en', 3, 'base')).toBe('withheld');
    }
    expect(baseText({ n: 40, suppressed: false }, 'en')).toBe('n = 40');
  });

  it("says why in its inline number's hover text, in both languages", () => {
    expect(baseTitle({ n: 0, suppressed: true }, 'en', 3)).toBe(`n withheld — ${WHY.en}`);
    expect(baseTitle({ n: 0, suppressed: true }, 'zh', 3)).toBe(`n 未公布 — ${WHY.zh}`);
    expect(baseTitle({ n: 40, suppressed: false }, 'en', 3)).toBe('n = 40');
  });

  const chart = survey.charts.find((c) => c.id === 'sat_by_tier')!;
  const tiers = survey.groupings.find((g) => g.id === 'tier')!.bands.map((b) => b.id);
  // The first tier shown on 40 respondents, every other one withheld.
  const results = { '2025': tiers.map((t, i) => figure(t, i === 0 ? 0.5 : null, i === 0 ? 40 : 0)) };

  it('reads withheld in the base column of its data table, and the caption gives only shown bases', () => {
    const spec = buildChartSpec(survey, chart, results, 'en', '2025');
    const rows = [...renderTable(spec, doc()).querySelectorAll('tbody tr')].map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent).at(-1));
    expect(rows).toEqual(['40', ...tiers.slice(1).map(() => 'withheld')]);
    expect(baseLine(spec)).toBe('n = 40');
    expect(baseNotes(spec)).toContain('Withheld: its base is under 3, or it would let a smaller figure be worked out.');
    expect(baseNotes(buildChartSpec(survey, chart, results, 'zh', '2025'))).toContain(`${WHY.zh}。`);
  });

  it('gives n withheld as the caption of a chart of withheld figures only, not n = 0', () => {
    const none = { '2025': tiers.map((t) => figure(t, null, 0)) };
    expect(baseLine(buildChartSpec(survey, chart, none, 'en', '2025'))).toBe('n withheld');
  });

  it('leaves its base empty in the CSV, with the note above the rows', () => {
    const spec = buildChartSpec(survey, chart, results, 'en', '2025');
    const csv = chartCsv([{ label: null, spec }], provenanceLines([{ label: null, spec }], 'none', 'Source: test'));
    const lines = csv.replace('\uFEFF', '').trim().split('\r\n');
    // The note holds a comma: the comment line is quoted like any other cell.
    expect(lines).toContain('"# Withheld: its base is under 3, or it would let a smaller figure be worked out."');
    const header = lines.findIndex((l) => l.startsWith('item'));
    expect(lines[header]!.endsWith(',n,low base,suppressed')).toBe(true);
    // n is the third column from the end (the header's quoted unit holds a comma, the rows none).
    expect(lines.slice(header + 1).map((l) => l.split(',').at(-3))).toEqual(['40', ...tiers.slice(1).map(() => '')]);
  });

  it('reads withheld on a KPI tile, which says why under it', () => {
    const kpi = survey.kpis.find((k) => k.id === 'sat')!;
    const byWave = { '2025': [{ ...figure('x', null, 0), group: null }] };
    for (const lang of ['en', 'zh'] as const) {
      const box = renderKpi(kpi.id, buildKpi(survey, kpi, byWave, lang, '2025'), lang, doc());
      expect([box.querySelector('.cx-kpi-value')!.textContent, box.querySelector('.cx-kpi-base')!.textContent]).toEqual([lang === 'en' ? 'withheld' : '未公布', WHY[lang]]);
    }
    const shown = renderKpi(kpi.id, buildKpi(survey, kpi, { '2025': [{ ...figure('x', 0.5, 40), group: null }] }, 'en', '2025'), 'en', doc());
    expect(shown.querySelector('.cx-kpi-base')!.textContent).toBe('n = 40');
  });
});
