import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseLine, baseNotes } from '../../src/charts/caption.ts';
import { renderChart } from '../../src/charts/render.ts';
import type { ChartSpec, Mark } from '../../src/charts/spec.ts';
import { svgDocument } from '../../src/components/svg-document.ts';
import { buildDeck, type DeckChart, type DeckInput } from '../../src/export/deck.ts';
import { svgMarkup } from '../../src/charts/standalone.ts';

const mark = (key: string, label: string, value: number, n: number, minBase: number): Mark => ({ key, label, series: null, value, n, low_base: n < minBase, suppressed: false });

/** A bars chart of three options, by hand; `lowBase` gives the last option a base under min_base. */
function spec(id: string, title: string, question: string, labels: [string, string, string], lowBase: boolean): ChartSpec {
  const minBase = 30;
  const marks = [mark('a', labels[0], 0.52, 223, minBase), mark('b', labels[1], 0.31, 223, minBase), mark('c', labels[2], 0.17, lowBase ? 12 : 223, minBase)];
  return {
    id, type: 'bars', lang: 'zh', title, question, unit: 'share', marks, keys: labels, series: [], target: null,
    min_base: minBase, suppress_below: 5, note: null, compare: null, population: '受访者',
  };
}

const SOURCE = '来源：客户体验管理现状调查（合成样本数据）';
const specs = [
  spec('channel', '首选联系渠道', '您最常通过哪个渠道联系我们？', ['线上', '门店', '电话'], false),
  spec('maturity', '客户体验成熟度', '贵公司的客户体验管理处于哪个阶段？', ['起步', '发展', '成熟'], true),
  spec('budget', '预算变化', '明年客户体验预算将如何变化？', ['增加', '持平', '减少'], false),
];

function deckChart(s: ChartSpec, width: number): DeckChart {
  const svg = svgMarkup(renderChart(s, { document: svgDocument(), width }));
  const image = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 } }).render();
  return { title: s.title, question: s.question, png: image.asPng(), width: image.width, height: image.height, base: baseLine(s), notes: baseNotes(s), source: SOURCE };
}

const input: DeckInput = {
  lang: 'zh',
  title: '客户体验管理现状',
  subtitle: '2025 年度报告',
  source: SOURCE,
  methodology: ['本报告基于 2025 年在线调查，共回收有效问卷 223 份。', '样本量低于 30 的数值仅供参考。'],
  // The last chart is drawn narrow: taller than the slide's chart area is wide, so its height bounds it.
  charts: specs.map((s, i) => deckChart(s, i === 2 ? 240 : 640)),
  date: new Date('2025-06-30T08:00:00Z'),
};

let dir: string;
let deck: string;
const unzip = (...args: string[]): Buffer => execFileSync('unzip', args, { maxBuffer: 64 * 1024 * 1024 });
const member = (path: string): Buffer => unzip('-p', deck, path);
const slideXml = (i: number): string => member(`ppt/slides/slide${i}.xml`).toString('utf8');
/** The text runs of a slide, decoded. */
const runs = (xml: string): string[] =>
  [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'));

const EMU = 914_400; // per inch

/** The shapes of a slide in order: text boxes and pictures, with their position and size in EMU. */
const shapes = (xml: string) =>
  [...xml.matchAll(/<p:(sp|pic)>([\s\S]*?)<\/p:\1>/g)].map(([, kind, body]) => {
    const [x, y, cx, cy] = /<a:off x="(\d+)" y="(\d+)"\/>\s*<a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(body!)!.slice(1).map(Number) as [number, number, number, number];
    return { kind, x, y, cx, cy, text: runs(body!) };
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cx-deck-'));
  deck = join(dir, 'deck.pptx');
  writeFileSync(deck, await buildDeck(input));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('buildDeck', () => {
  it('writes a zip holding a title slide, one slide per chart and a methodology slide', () => {
    const slides = unzip('-Z1', deck).toString('utf8').split('\n').filter((p) => /^ppt\/slides\/slide\d+\.xml$/.test(p)).sort();
    expect(slides).toEqual([1, 2, 3, 4, 5].map((i) => `ppt/slides/slide${i}.xml`));
    // 16:9: the presentation's slide size is 13.333 × 7.5 in.
    const size = /<p:sldSz cx="(\d+)" cy="(\d+)"/.exec(member('ppt/presentation.xml').toString('utf8'))!;
    expect(Number(size[1])).toBeCloseTo(13.333 * EMU, -3);
    expect(Number(size[2])).toBeCloseTo(7.5 * EMU, -3);
  });

  it('puts the title, subtitle and source on the title slide as text, in a font with Chinese glyphs', () => {
    const xml = slideXml(1);
    expect(runs(xml)).toEqual(['客户体验管理现状', '2025 年度报告', SOURCE]);
    expect(xml).toContain('<a:ea typeface="Noto Sans CJK SC"');
    expect(xml).toContain('lang="zh-CN"');
    expect(xml).not.toContain('<p:pic>');
  });

  it('writes each chart slide as text (title, question, base, notes, source) around its own image', () => {
    input.charts.forEach((chart, i) => {
      const slide = i + 2;
      const xml = slideXml(slide);
      expect(runs(xml)).toEqual([chart.title, chart.question, chart.base, ...chart.notes, chart.source]);
      // The picture's relationship points at a media file holding exactly this chart's PNG.
      const embed = /<p:pic>[\s\S]*?r:embed="([^"]+)"/.exec(xml)![1]!;
      const rels = member(`ppt/slides/_rels/slide${slide}.xml.rels`).toString('utf8');
      const target = new RegExp(`Id="${embed}"[^>]*Target="\\.\\./media/([^"]+)"`).exec(rels)![1]!;
      expect(Buffer.from(member(`ppt/media/${target}`)).equals(Buffer.from(chart.png))).toBe(true);
    });
    // The second chart has a low base: its note is on its slide, the others have none.
    expect(input.charts.map((c) => c.notes.length)).toEqual([0, 1, 0]);
    expect(runs(slideXml(3))).toContain('† 样本量低于 30，仅供参考。');
    expect(input.charts.map((c) => c.base)).toEqual(['n = 223', 'n = 12–223', 'n = 223']);
  });

  it('fits each chart below the question and above the footer, keeping its aspect ratio', () => {
    const bound = input.charts.map((chart, i) => {
      const parts = shapes(slideXml(i + 2));
      const pic = parts.find((s) => s.kind === 'pic')!;
      const question = parts.find((s) => s.text[0] === chart.question)!;
      const footer = parts.find((s) => s.text[0] === chart.base)!;
      expect(pic.cx / pic.cy).toBeCloseTo(chart.width / chart.height, 2);
      expect(pic.y).toBeGreaterThan(question.y + question.cy);
      expect(pic.y + pic.cy).toBeLessThan(footer.y);
      expect(footer.y + footer.cy).toBeLessThanOrEqual(7.5 * EMU);
      // Centred between the 0.5 in side margins.
      expect(pic.x + pic.cx / 2).toBeCloseTo((13.333 / 2) * EMU, -3);
      // The area spans 12.333 in across and from 1.55 in down to 0.15 in above the footer.
      const areaH = footer.y - 0.15 * EMU - 1.55 * EMU;
      expect(pic.y).toBeCloseTo(1.55 * EMU, -3);
      if (Math.abs(pic.cx - 12.333 * EMU) < 1000) return 'width';
      if (Math.abs(pic.cy - areaH) < 1000) return 'height';
      return 'neither';
    });
    expect(bound).toEqual(['width', 'width', 'height']);
  });

  it('ends with the methodology slide, its paragraphs as text', () => {
    expect(runs(slideXml(5))).toEqual(['研究方法', ...input.methodology]);
  });

  it('opens in LibreOffice Impress as five 16:9 pages', () => {
    const run = spawnSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, deck], { env: { ...process.env, HOME: dir }, encoding: 'utf8', timeout: 170_000 });
    expect(run.error).toBeUndefined();
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(dir)).toContain('deck.pdf');
    const pdf = readFileSync(join(dir, 'deck.pdf')).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    // Page objects, not the /Pages tree nodes.
    expect(pdf.match(/\/Type\s*\/Page(?![a-zA-Z])/g)).toHaveLength(5);
    // 13.333 × 7.5 in at 72 pt per inch.
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
    expect(boxes.length).toBeGreaterThan(0);
    for (const box of boxes) expect(box).toEqual([960, 540]);
    // The Chinese text is set in Noto Sans CJK (fonts-noto-cjk on CI), not in boxes for missing glyphs.
    expect(pdf).toMatch(/\/BaseFont\s*\/[A-Z]{6}\+NotoSansCJK/);
  }, 180_000);
});

describe('the deck of the same report, built twice', () => {
  it('has the same bytes, every date in it the one given', async () => {
    const again = await buildDeck(input);
    expect(Buffer.from(again).equals(readFileSync(deck))).toBe(true);
    const core = execFileSync('unzip', ['-p', deck, 'docProps/core.xml'], { encoding: 'utf8' });
    expect(core.match(/<dcterms:(created|modified)[^>]*>[^<]*/g)!.map((m) => m.replace(/^.*>/, ''))).toEqual(['2025-06-30T08:00:00Z', '2025-06-30T08:00:00Z']);
  });
});
