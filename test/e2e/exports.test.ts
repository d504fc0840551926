import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFigure } from '../../src/charts/format.ts';
import { compileWhere } from '../../src/filters/where.ts';
import type { Figure } from '../../src/indicators/result.ts';
import { computeIndicator } from '../../src/indicators/run.ts';
import { findMeasure } from '../../src/survey/measures.ts';
import { openSite, type SiteSession } from './session.ts';

// A presenter takes a filtered chart out of the page: as an embed, as CSV, as PNG; what leaves the page
// carries the reader's filters and the figures of that slice.
let session: SiteSession;
let page: Page;
const slice = { dims: { industry: ['retail'] } };
const search = '?industry=retail';

beforeAll(async () => {
  session = await openSite('cx-management');
  page = session.page;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.url });
}, 300_000);
afterAll(async () => session?.close());

const settled = (s: string) => page.waitForSelector(`html[data-cx-state="${s}"]:not([data-cx-busy])`, { timeout: 60_000 });

/** The barriers figures of the retail slice, latest wave, computed natively; and each option's label. */
async function retailBarriers(): Promise<{ figure: Figure; label: string }[]> {
  const { survey, engine } = session.native;
  const indicator = survey.indicators.find((i) => i.id === 'barriers')!;
  const wave = survey.waves.at(-1)!.id;
  const figures = (await computeIndicator(engine, survey, indicator, compileWhere(survey, slice), [wave]))[wave]!;
  const labels = new Map(findMeasure(survey, 'barriers')!.choices.map((c) => [c.id, c.label.zh]));
  return figures.map((figure) => ({ figure, label: labels.get(figure.key)! }));
}

/** Reads a download the page starts when `click` runs. */
async function download(click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

describe('an embedded chart', () => {
  it('shows the figures of the slice its URL names, with no controls of its own', async () => {
    await page.goto(`${session.url}/embed/zh/cx-management/barriers/${search}`);
    await settled(search);
    expect(await page.isVisible('form.cx-filters')).toBe(false);
    const rows = await page.$$eval('.data-table tbody tr', (trs) => trs.map((tr) => [tr.children[0]!.textContent, tr.children[1]!.textContent]));
    const expected = await retailBarriers();
    expect(rows).toHaveLength(expected.length);
    for (const { figure, label } of expected) {
      const shown = rows.find((r) => r[0] === label)![1]!;
      expect(shown.startsWith(formatFigure(figure.value!, 'share', 'zh')), `${label}: ${shown}`).toBe(true);
    }
  }, 90_000);
});

describe('the chart menu of a filtered chart', () => {
  it('downloads the CSV of the slice, saying which filters made it', async () => {
    await page.goto(`${session.url}/zh/cx-management/barriers/${search}`);
    await settled(search);
    const figure = page.locator('figure[data-chart=barriers]');
    await figure.locator('.cx-chart-menu summary').click();
    const csv = await download(() => figure.locator('[data-export=csv]').click());
    expect(csv.name).toBe('cx-management-barriers.csv');
    const text = csv.bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines).toContain('# 筛选条件：年份：2025；行业：零售');
    for (const { figure: f, label } of await retailBarriers()) {
      const row = lines.find((l) => l.startsWith(`${label},`))!.split(',');
      expect(Number(row[1])).toBeCloseTo(f.value!, 10);
      expect(Number(row[5])).toBe(f.n);
    }
  }, 60_000);

  it('draws the PNG at four times the size of the SVG, on a transparent background when asked', async () => {
    const figure = page.locator('figure[data-chart=barriers]');
    const svg = (await download(() => figure.locator('[data-export=svg]').click())).bytes.toString('utf8');
    expect(svg).toContain('筛选条件：年份：2025；行业：零售');
    const [w, h] = [Number(/width="(\d+)"/.exec(svg)![1]), Number(/height="(\d+)"/.exec(svg)![1])];
    await figure.locator('[data-transparent]').check();
    const png = (await download(() => figure.locator('[data-export=png4]').click())).bytes;
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([4 * w, 4 * h]);
    // The corner of a transparent PNG is fully transparent; on white it would be opaque. Chromium decodes it.
    const corner = await page.evaluate(async (bytes) => {
      const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      return [...ctx.getImageData(0, 0, 1, 1).data];
    }, [...png]);
    expect(corner[3]).toBe(0);
  }, 60_000);

  it('copies an embed code and a link that keep the filters', async () => {
    const figure = page.locator('figure[data-chart=barriers]');
    await figure.locator('[data-export=embed]').click();
    await expect.poll(() => figure.locator('.cx-export-status').textContent()).toBe('嵌入代码已复制。');
    const embed = await page.evaluate(() => navigator.clipboard.readText());
    expect(embed).toMatch(new RegExp(`^<iframe src="${session.url}/embed/zh/cx-management/barriers/\\?industry=retail" title="[^"]+" width="100%" height="\\d+" style="border:0" loading="lazy"></iframe>$`));
    await figure.locator('[data-export=link]').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`${session.url}/zh/cx-management/barriers/${search}#chart-barriers`);
  }, 60_000);
});

describe('the chart menu of a chart as first drawn', () => {
  it('draws its PNG in the page at twice the size of the build\'s SVG', async () => {
    await page.goto(`${session.url}/zh/cx-management/barriers/`);
    const figure = page.locator('figure[data-chart=barriers]');
    await figure.locator('.cx-chart-menu summary').click();
    const svg = await (await page.request.get(`${session.url}/downloads/cx-management/zh/barriers.svg`)).text();
    const [w, h] = [Number(/width="(\d+)"/.exec(svg)![1]), Number(/height="(\d+)"/.exec(svg)![1])];
    const png = await download(() => figure.locator('[data-export=png2]').click());
    expect(png.name).toBe('cx-management-barriers@2x.png');
    expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([2 * w, 2 * h]);
  }, 60_000);
});

