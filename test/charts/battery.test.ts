import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartCsv } from '../../src/charts/csv.ts';
import { divergingSegments } from '../../src/charts/diverging.ts';
import { renderChart } from '../../src/charts/render.ts';
import { buildChartSpec, type ChartSpec } from '../../src/charts/spec.ts';
import { renderTable } from '../../src/charts/table.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { compileWhere } from '../../src/filters/where.ts';
import type { IndicatorResult } from '../../src/indicators/result.ts';
import { computeIndicators } from '../../src/indicators/run.ts';
import type { Survey } from '../../src/survey/survey.ts';
import { loadFixture } from '../indicators/mini.ts';

// Figures of test/fixtures/battery/2025.csv, worked out by hand in test/indicators/battery.test.ts:
// top box speed 6/9, staff 7/10, price n=2 (suppressed, under 3); by region speed north 3/5, south 3/4 (n=4, low
// base under 5), staff north 3/5, south 4/5; speed's points 1-5: 1, 1, 1, 3, 3 of 9; staff's: 1, 1, 1, 4, 3 of 10.
let engine: Engine;
let survey: Survey;
let results: Record<string, Record<string, IndicatorResult>>;
beforeAll(async () => {
  ({ engine, survey } = await loadFixture('test/fixtures/battery'));
  results = await computeIndicators(engine, survey, survey.indicators, compileWhere(survey, { wave: '2025', dims: {} }), ['2025']);
});
afterAll(async () => engine.close());

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
const specOf = (id: string, lang: 'en' | 'zh' = 'en'): ChartSpec => {
  const chart = survey.charts.find((c) => c.id === id)!;
  return buildChartSpec(survey, chart, results[chart.indicator]!, lang);
};
const texts = (el: Element) => [...el.querySelectorAll('text')].map((t) => t.textContent);
/** The bars of a plot: rects with a size (the frame and legend swatches aside, which have no title). */
const bars = (el: Element) => [...el.querySelectorAll('rect')].filter((r) => Number(r.getAttribute('width')) > 0 && Number(r.getAttribute('height')) > 0);

describe('ranked bars of a battery', () => {
  it('ranks the items by top box, the suppressed one last, and draws one bar per shown item in that order', () => {
    const spec = specOf('service_ranked');
    expect(spec.keys).toEqual(['Staff', 'Speed', 'Price']);
    expect(spec.unit).toBe('share');
    const svg = renderChart(spec, { document: doc() });
    const drawn = bars(svg);
    expect(drawn).toHaveLength(2);
    // Top to bottom: staff (70%) above speed (67%), widths in that proportion.
    const bar = (name: string) => drawn.find((r) => r.querySelector('title')?.textContent?.startsWith(name))!;
    expect(Number(bar('Staff').getAttribute('y'))).toBeLessThan(Number(bar('Speed').getAttribute('y')));
    expect(Number(bar('Staff').getAttribute('width')) / Number(bar('Speed').getAttribute('width'))).toBeCloseTo(0.7 / (6 / 9), 2);
    expect(texts(svg)).toEqual(expect.arrayContaining(['70%', '67%', 'withheld', 'Staff', 'Speed', 'Price']));
  });

  it('ranks means on their own scale', () => {
    // staff 37/10 = 3.7 before speed 33/9 = 3.67
    const spec = specOf('service_means');
    expect(spec.unit).toBe('mean');
    expect(spec.keys).toEqual(['Staff', 'Speed', 'Price']);
    expect(texts(renderChart(spec, { document: doc() }))).toEqual(expect.arrayContaining(['3.7', 'withheld']));
  });

  it('has a data table and CSV with each item, its interval and base', () => {
    const spec = specOf('service_ranked');
    const rows = [...renderTable(spec, doc()).querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    // Wilson 95% for 7 of 10: 40%-89% (see the indicator test).
    expect(rows).toContainEqual(['Staff', '70%', '40%–89%', '7', '10']);
    // Price is suppressed (n 2): its base reads as the mark, never as its count.
    expect(rows).toContainEqual(['Price', 'withheld', '—', '—', 'withheld']);
    const csv = chartCsv([{ label: null, spec }], ['n = 2–10']);
    expect(csv).toContain('\r\nStaff,0.7,');
    expect(csv).toMatch(/\r\nPrice,,,,,,,yes\r\n/);
  });
});

describe('diverging bars of a battery', () => {
  it('puts the bottom points left of zero, the midpoint across it and the top points right', () => {
    const spec = specOf('service_diverging');
    expect(spec.series).toEqual(['Very poor', 'Poor', 'Fair', 'Good', 'Very good']);
    // speed: left of zero 1/9 + 1/9 + half of 1/9 = 2.5/9; the good end reaches 2.5/9 ... 6.5/9.
    const speed = divergingSegments(spec).filter((s) => s.mark.label === 'Speed');
    expect(speed.map((s) => [s.mark.series, s.x1, s.x2])).toEqual([
      ['Very poor', expect.closeTo(-2.5 / 9, 12), expect.closeTo(-1.5 / 9, 12)],
      ['Poor', expect.closeTo(-1.5 / 9, 12), expect.closeTo(-0.5 / 9, 12)],
      ['Fair', expect.closeTo(-0.5 / 9, 12), expect.closeTo(0.5 / 9, 12)],
      ['Good', expect.closeTo(0.5 / 9, 12), expect.closeTo(3.5 / 9, 12)],
      ['Very good', expect.closeTo(3.5 / 9, 12), expect.closeTo(6.5 / 9, 12)],
    ]);
    // A suppressed item has no segments.
    expect(divergingSegments(spec).some((s) => s.mark.label === 'Price')).toBe(false);
  });

  it('draws the segments in pixels on the same sides of the zero line, with a legend of the scale labels', () => {
    const spec = specOf('service_diverging');
    const plot = renderChart(spec, { document: doc() });
    // The legend's swatches are small SVGs of their own, before the plot's.
    const svg = [...plot.querySelectorAll('svg')].at(-1)!;
    const titled = (name: string) => [...svg.querySelectorAll('rect')].find((r) => r.querySelector('title')?.textContent?.startsWith(name))!;
    const zero = Number([...svg.querySelectorAll('[data-mark="rule"] line')].at(-1)!.getAttribute('x1'));
    const edges = (name: string): [number, number] => {
      const r = titled(name);
      return [Number(r.getAttribute('x')), Number(r.getAttribute('x')) + Number(r.getAttribute('width'))];
    };
    const [poorLeft, poorRight] = edges('Speed · Very poor');
    const [fairLeft, fairRight] = edges('Speed · Fair');
    const [goodLeft] = edges('Speed · Very good');
    expect(poorRight).toBeLessThan(zero);
    expect(poorLeft).toBeLessThan(poorRight);
    expect(fairLeft).toBeLessThan(zero);
    expect(fairRight).toBeGreaterThan(zero);
    expect(zero - fairLeft).toBeCloseTo(fairRight - zero, 0);
    expect(goodLeft).toBeGreaterThan(zero);
    // Widths in proportion to the shares: very good (3/9) is three times very poor (1/9).
    expect((edges('Speed · Very good')[1] - goodLeft) / (poorRight - poorLeft)).toBeCloseTo(3, 1);
    expect(plot.textContent).toContain('Very poor');
    expect(plot.textContent).toContain('Very good');
    expect(texts(plot)).toContain('withheld');
  });

  it('lists every item and point in its data table', () => {
    const rows = [...renderTable(specOf('service_diverging'), doc()).querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toHaveLength(15);
    expect(rows).toContainEqual(['Staff', 'Good', '40%', expect.any(String), '4', '10']);
  });
});

describe('heat table of a battery by segment', () => {
  it('has a cell per item and group, shaded, with its figure printed and withheld cells marked', () => {
    const spec = specOf('service_heat');
    expect(spec.series).toEqual(['North', 'South']);
    // No legend: the plot is the SVG itself, every cell printing its figure.
    const svg = renderChart(spec, { document: doc() });
    expect(svg.tagName.toLowerCase()).toBe('svg');
    const cells = bars(svg);
    // 3 items x 2 regions: 4 shaded, the 2 of price (n = 1 each) grey.
    // A shaded cell carries its own fill; the grey ones take their group's.
    expect(cells).toHaveLength(6);
    expect(cells.filter((r) => r.hasAttribute('fill'))).toHaveLength(4);
    expect(cells.filter((r) => !r.hasAttribute('fill')).map((r) => [r.parentElement!.getAttribute('fill'), r.querySelector('title')!.textContent])).toEqual([
      ['#eeeeee', 'Price · North: withheld'],
      ['#eeeeee', 'Price · South: withheld'],
    ]);
    const shown = texts(svg);
    // speed north 60%, south 75% (low base), staff north 60%, south 80%; price n=1 in each.
    expect(shown.filter((t) => t === '60%')).toHaveLength(2);
    expect(shown).toEqual(expect.arrayContaining(['75%†', '80%', 'withheld']));
    expect(shown.filter((t) => t === 'withheld')).toHaveLength(2);
    // Darker for a higher share: south staff (80%) against north staff (60%).
    const lightness = (name: string) => {
      const fill = cells.find((r) => r.querySelector('title')?.textContent?.startsWith(name))!.getAttribute('fill')!;
      const rgb = fill.startsWith('#') ? [1, 3, 5].map((i) => parseInt(fill.slice(i, i + 2), 16)) : (fill.match(/\d+/g) ?? []).map(Number);
      return rgb.reduce((a, b) => a + b, 0);
    };
    expect(lightness('Staff · South')).toBeLessThan(lightness('Staff · North'));
    expect(texts(svg).length).toBeGreaterThan(0);
  });

  it('lists item, group, figure and base in its data table', () => {
    const rows = [...renderTable(specOf('service_heat'), doc()).querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toContainEqual(['Speed', 'South', '75%†', expect.any(String), '3', '4']);
    expect(rows).toContainEqual(['Price', 'North', 'withheld', '—', '—', 'withheld']);
  });
});
