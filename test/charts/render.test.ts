import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { baseLine, baseNotes } from '../../src/charts/caption.ts';
import { renderChart } from '../../src/charts/render.ts';
import type { ChartSpec } from '../../src/charts/spec.ts';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;

const spec: ChartSpec = {
  id: 'channel',
  type: 'bars',
  lang: 'en',
  title: 'Channel',
  question: 'Which channel?',
  unit: 'share',
  marks: [
    { key: 'web', label: 'Web', series: null, value: 0.5714, n: 7, low_base: false, suppressed: false },
    { key: 'store', label: 'Store', series: null, value: 0.25, n: 4, low_base: true, suppressed: false },
    { key: 'phone', label: 'Phone', series: null, value: null, n: 2, low_base: false, suppressed: true },
  ],
  keys: ['Web', 'Store', 'Phone'],
  series: [],
  target: { value: 0.8, label: 'Target 80%' },
  min_base: 5,
  suppress_below: 3,
  note: null,
  compare: null,
  population: 'respondents',
};

describe('renderChart', () => {
  it('draws one bar per shown figure, none for a suppressed one', () => {
    const svg = renderChart(spec, { document: doc() });
    const bars = [...svg.querySelectorAll('rect')].filter((r) => r.getAttribute('width') && Number(r.getAttribute('width')) > 0);
    expect(bars).toHaveLength(2);
  });

  it('labels figures, marks the low base and says why a figure is missing', () => {
    const text = [...renderChart(spec, { document: doc() }).querySelectorAll('text')].map((t) => t.textContent);
    expect(text).toEqual(expect.arrayContaining(['57%', '25%†', 'withheld', 'Web', 'Store', 'Phone', 'Target 80%']));
  });

  it('marks a significant difference and says what it is measured against', () => {
    const marked: ChartSpec = { ...spec, compare: 'previous', marks: spec.marks.map((m, i) => ({ ...m, signif: i === 0 ? 'up' : null })) };
    const text = [...renderChart(marked, { document: doc() }).querySelectorAll('text')].map((t) => t.textContent);
    expect(text).toContain('57% ▲');
    expect(baseNotes(marked)).toContain('▲▼ Significantly higher or lower than the previous wave (95% confidence).');
    expect(baseNotes(spec).join(' ')).not.toContain('▲');
  });

  it('stacks shares to 100% in one bar', () => {
    const stacked: ChartSpec = { ...spec, type: 'stacked', target: null, marks: spec.marks.map((m) => ({ ...m, value: m.value ?? 0.1786 })) };
    const svg = renderChart(stacked, { document: doc() });
    expect([...svg.querySelectorAll('text')].map((t) => t.textContent)).toEqual(expect.arrayContaining(['57%', '25%†', '18%']));
  });

  it('places key drivers by performance and importance, with the quadrants named', () => {
    const driver = (label: string, value: number | null, performance: number | null) => ({ key: label, label, series: null, value, performance, n: 50, low_base: false, suppressed: value === null });
    const quad: ChartSpec = { ...spec, type: 'quadrant', target: null, marks: [driver('Speed', 0.5, 40), driver('Price', 0.3, 80), driver('Staff', 0.2, 60), driver('Hidden', null, null)], keys: ['Speed', 'Price', 'Staff', 'Hidden'] };
    const svg = renderChart(quad, { document: doc() });
    expect(svg.querySelectorAll('circle')).toHaveLength(3);
    const text = [...svg.querySelectorAll('text')].map((t) => t.textContent);
    expect(text).toEqual(expect.arrayContaining(['Fix first', 'Keep it up', 'Possible overkill', 'Lower priority', 'Speed', 'Price', 'Staff']));
    expect(text).not.toContain('Hidden');
  });

  it('says why when no key driver can be placed, on the axes of a full chart, and gives the base as a lower bound', () => {
    const withheld = (label: string, n: number) => ({ key: label, label, series: null, value: null, performance: null, n, low_base: false, suppressed: true, withheld: true });
    const quad: ChartSpec = { ...spec, type: 'quadrant', target: null, marks: [withheld('Speed', 105), withheld('Price', 98)], keys: ['Speed', 'Price'] };
    const svg = renderChart(quad, { document: doc() });
    expect(svg.querySelectorAll('circle')).toHaveLength(0);
    const text = [...svg.querySelectorAll('text')].map((t) => t.textContent);
    expect(text).toEqual(expect.arrayContaining(['withheld', '0', '100', '0%', '100%']));
    expect(baseLine(quad)).toBe('n ≥ 98');
    // Phone (n 2) is suppressed: its base is never printed, so the range runs over Web (7) and Store (4).
    expect(baseLine(spec)).toBe('n = 4–7');
  });

  it('says why a bar of shares has no figure, where the bar would be', () => {
    const marks = spec.marks.flatMap((m) => [
      { ...m, series: '2024', value: null, suppressed: true, withheld: true },
      { ...m, series: '2025', value: m.value ?? 0.1786 },
    ]);
    const stacked: ChartSpec = { ...spec, type: 'stacked', target: null, series: ['2024', '2025'], marks };
    const text = [...renderChart(stacked, { document: doc() }).querySelectorAll('text')].map((t) => t.textContent);
    expect(text.filter((t) => t === 'withheld')).toHaveLength(1);
    expect(text).toEqual(expect.arrayContaining(['57%', '25%†', '18%']));
  });

  it('draws a trend as one line per wave, a gap where a point is suppressed and a hollow point for a low base', () => {
    const point = (series: string, key: string, value: number | null, n: number) => ({ key, label: key, series, value, n, low_base: n < 5, suppressed: value === null });
    const trend: ChartSpec = {
      ...spec,
      type: 'trend',
      target: null,
      marks: [point('2024', 'Jan', 0.5, 10), point('2024', 'Feb', null, 2), point('2024', 'Mar', 0.7, 10), point('2025', 'Jan', 0.6, 4), point('2025', 'Feb', 0.65, 10), point('2025', 'Mar', 0.8, 10)],
      keys: ['Jan', 'Feb', 'Mar'],
      series: ['2024', '2025'],
    };
    const svg = renderChart(trend, { document: doc() });
    // 2024 breaks at its suppressed February: two separate segments ("M" moves) in one path.
    const paths = [...svg.querySelectorAll('g[data-mark="line"] path')].map((p) => p.getAttribute('d') ?? '');
    expect(paths.map((d) => d.split('M').length - 1)).toEqual([2, 1]);
    const dots = [...svg.querySelectorAll('circle')];
    expect(dots).toHaveLength(5);
    expect(svg.querySelectorAll('g[fill="white"] circle')).toHaveLength(1);
    expect([...svg.querySelectorAll('title')].map((t) => t.textContent)).toContain('2025 Jan: 60%† (n = 4)');
  });
});
