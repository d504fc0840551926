import { describe, expect, it } from 'vitest';
import { chartCsv, textCell } from '../../src/charts/csv.ts';
import type { ChartSpec } from '../../src/charts/spec.ts';
import { standaloneSvg, wrapText } from '../../src/charts/standalone.ts';
import { chartSummary } from '../../src/charts/summary.ts';
import { svgDocument } from '../../src/components/svg-document.ts';

const spec: ChartSpec = {
  id: 'channel',
  type: 'bars',
  lang: 'en',
  title: 'Web leads',
  question: 'Which channel?',
  unit: 'score',
  marks: [
    { key: 'web', label: '=HYPERLINK("x")', series: null, value: -12.5, low: -20, high: -5, n: 40, low_base: false, suppressed: false },
    { key: 'store', label: 'Store, main', series: null, value: 30, n: 35, low_base: false, suppressed: false },
    { key: 'phone', label: 'Phone', series: null, value: null, n: 4, low_base: false, suppressed: true },
  ],
  keys: ['=HYPERLINK("x")', 'Store, main', 'Phone'],
  series: [],
  target: null,
  min_base: 30,
  suppress_below: 10,
  note: null,
  compare: null,
  population: 'respondents',
};

describe('a chart as CSV', () => {
  it('neutralises text that a spreadsheet would run as a formula, and quotes what needs it', () => {
    expect(['=1+1', '+1', '-x', '@SUM(A1)', '\tx', 'plain', 'a,b', 'say "hi"'].map(textCell)).toEqual(["'=1+1", "'+1", "'-x", "'@SUM(A1)", "'\tx", 'plain', '"a,b"', '"say ""hi"""']);
  });

  it('writes a BOM, the provenance as comments, and numbers as numbers (a negative score stays one)', () => {
    const csv = chartCsv([{ label: null, spec }], ['n = 35–40', 'Source: test']);
    expect(csv.startsWith('\uFEFF# Web leads\r\n# Which channel?\r\n# n = 35–40\r\n# Source: test\r\n')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[4]).toBe('item,"value (NPS, -100 to 100)","95% interval, low","95% interval, high",count,n,low base,suppressed');
    expect(lines.slice(5)).toEqual(['"\'=HYPERLINK(""x"")",-12.5,-20,-5,,40,,', '"Store, main",30,,,,35,,', 'Phone,,,,,,,yes']);
  });
});

describe('a chart as a standalone SVG', () => {
  it('wraps Latin text at spaces and Chinese text anywhere', () => {
    expect(wrapText('one two three four', 60, 10)).toEqual(['one two', 'three four']);
    expect(wrapText('客户体验管理现状调查', 40, 10)).toEqual(['客户体验', '管理现状', '调查']);
  });

  it('carries title, question and provenance as text, on white or transparent', () => {
    const doc = svgDocument();
    const plot = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
    plot.setAttribute('width', '400');
    plot.setAttribute('height', '100');
    const svg = standaloneSvg(doc, [{ label: null, plot }], { title: 'T', question: 'Q', lines: ['n = 5', 'Filters: all'] }, 'white');
    expect([...svg.querySelectorAll('text')].map((t) => t.textContent)).toEqual(['T', 'Q', 'n = 5', 'Filters: all']);
    expect(svg.getAttribute('width')).toBe('432');
    expect(svg.querySelector('rect.background')?.getAttribute('fill')).toBe('white');
    expect(standaloneSvg(doc, [{ label: null, plot }], { title: 'T', question: '', lines: [] }, null).querySelector('rect.background')).toBeNull();
  });
});

describe('a chart in one sentence', () => {
  it('names the highest and lowest figure shown and the base, never a suppressed one', () => {
    // A score prints whole: -12.5 rounds to -13.
    expect(chartSummary(spec)).toBe('Chart “Web leads” (Which channel?): highest Store, main (+30), lowest =HYPERLINK("x") (-13); n = 35–40.');
    expect(chartSummary({ ...spec, lang: 'zh', marks: [spec.marks[2]!] })).toBe('图表“Web leads”（Which channel?）：无可显示的数值；n 未公布。');
  });
});
