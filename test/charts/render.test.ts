import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
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
};

describe('renderChart', () => {
  it('draws one bar per shown figure, none for a suppressed one', () => {
    const svg = renderChart(spec, { document: doc() });
    const bars = [...svg.querySelectorAll('rect')].filter((r) => r.getAttribute('width') && Number(r.getAttribute('width')) > 0);
    expect(bars).toHaveLength(2);
  });

  it('labels figures, marks the low base and says why a figure is missing', () => {
    const text = [...renderChart(spec, { document: doc() }).querySelectorAll('text')].map((t) => t.textContent);
    expect(text).toEqual(expect.arrayContaining(['57%', '25%†', 'n<3', 'Web', 'Store', 'Phone', 'Target 80%']));
  });

  it('stacks shares to 100% in one bar', () => {
    const stacked: ChartSpec = { ...spec, type: 'stacked', target: null, marks: spec.marks.map((m) => ({ ...m, value: m.value ?? 0.1786 })) };
    const svg = renderChart(stacked, { document: doc() });
    expect([...svg.querySelectorAll('text')].map((t) => t.textContent)).toEqual(expect.arrayContaining(['57%', '25%†', '18%']));
  });
});
