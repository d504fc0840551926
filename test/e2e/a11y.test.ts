import { readdirSync, readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type SiteSession } from './session.ts';

// axe-core, the accessibility engine browsers' own audits use, run in Chromium over every page of the built
// site (which must load without any other host), and over a filtered page in compare mode (what the script
// draws counts too).
let session: SiteSession;
const axe = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

beforeAll(async () => {
  session = await openSite('cx-management');
}, 300_000);
afterAll(async () => session?.close());

/** The violations axe finds on the page now: rule, and the first element it names. */
async function violations(): Promise<string[]> {
  const { page } = session;
  await page.addScriptTag({ content: axe });
  return page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (d: Document) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run;
    return (await run(document)).violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')}`);
  });
}

describe('accessibility', () => {
  it('finds no violation on any page of the site', async () => {
    const pages = readdirSync(session.dist, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && d.name === 'index.html')
      .map((d) => `/${relative(session.dist, d.parentPath).split(sep).join('/')}/`.replace(/^\/\/$/, '/'));
    expect(pages.length).toBeGreaterThan(50);
    const found: string[] = [];
    for (const path of pages) {
      await session.page.goto(`${session.url}${path}`);
      found.push(...(await violations()).map((v) => `${path} ${v}`));
    }
    expect(found).toEqual([]);
    // Self-contained: across all those pages, not one request left the site.
    expect([...session.hosts]).toEqual([new URL(session.url).host]);
  }, 600_000);

  it('finds none in the dark theme, on a chapter page of each language', async () => {
    const { page } = session;
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      for (const path of ['/zh/cx-management/overview/', '/en/satisfaction-loyalty/kpis/']) {
        await page.goto(`${session.url}${path}`);
        expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(22, 24, 27)');
        expect(await violations(), path).toEqual([]);
      }
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
  }, 90_000);

  it('in the dark theme, draws earlier waves receding behind the latest, which stands out from the paper', async () => {
    const { page } = session;
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      await page.goto(`${session.url}/en/cx-management/maturity/`);
      // WCAG's contrast ratio between the bars of one wave and the page: the fills as the browser paints them.
      const contrast = await page.$$eval('figure[data-chart=stages_waves] .cx-wide g[data-mark="bar"] rect', (bars) => {
        const luminance = (css: string) => {
          const [r, g, b] = css.match(/\d+/g)!.slice(0, 3).map((v) => {
            const c = Number(v) / 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
        };
        const paper = luminance(getComputedStyle(document.documentElement).backgroundColor);
        const fills = [...new Set(bars.map((r) => getComputedStyle(r).fill))];
        return Object.fromEntries(
          fills.map((f) => {
            const l = luminance(f);
            return [f, (Math.max(l, paper) + 0.05) / (Math.min(l, paper) + 0.05)];
          }),
        );
      });
      // Two waves, two fills: the latest in the accent blue (#0072B2), the previous in a grey.
      expect(Object.keys(contrast)).toHaveLength(2);
      const latest = contrast['rgb(0, 114, 178)']!;
      const previous = Object.entries(contrast).find(([f]) => f !== 'rgb(0, 114, 178)')![1];
      expect(latest).toBeGreaterThanOrEqual(3);
      expect(previous).toBeLessThan(latest);
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
  }, 90_000);

  it('shows no control that needs a script when scripts are off, and with scripts nothing moves once painted', async () => {
    const browser = session.page.context().browser()!;
    const off = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await off.newPage();
      await page.goto(`${session.url}/en/cx-management/barriers/`);
      expect(await page.isVisible('figure[data-chart=barriers] svg')).toBe(true);
      expect(await page.isVisible('form.cx-filters')).toBe(false);
      expect(await page.isVisible('figure[data-chart=barriers] .cx-chart-unit')).toBe(false);
    } finally {
      await off.close();
    }
    const { page } = session;
    await page.goto(`${session.url}/en/cx-management/barriers/`);
    expect(await page.isVisible('form.cx-filters')).toBe(true);
    expect(await page.isVisible('figure[data-chart=barriers] .cx-chart-unit')).toBe(true);
    const shift = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let sum = 0;
          new PerformanceObserver((list) => list.getEntries().forEach((e) => (sum += (e as PerformanceEntry & { value: number }).value))).observe({ type: 'layout-shift', buffered: true });
          setTimeout(() => resolve(sum), 500);
        }),
    );
    expect(shift).toBe(0);
  }, 90_000);

  it('reads on a 360 px phone in both languages: nothing wider than the screen, charts fitted to the column', async () => {
    const { page } = session;
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      for (const path of ['/zh/cx-management/barriers/', '/en/satisfaction-loyalty/kpis/', '/en/auto-service/data-quality/']) {
        await page.goto(`${session.url}${path}`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
        const widest = await page.$$eval('.cx-chart-plot svg', (svgs) => Math.max(0, ...svgs.map((s) => s.getBoundingClientRect().right)));
        expect(widest, path).toBeLessThanOrEqual(360);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 720 });
    }
  }, 90_000);

  it('draws every chart text at 11 px or more as shown, from 360 to 1280 px wide, with and without the script', async () => {
    // The smallest text of each chart as the reader sees it: its font size times the drawing's scale on the page.
    const smallest = (page: Page) =>
      page.$$eval('.cx-chart-plot svg[width]', (svgs) =>
        svgs
          .filter((svg) => svg.getBoundingClientRect().width > 0 && svg.querySelector('text'))
          .map((svg) => {
            const scale = svg.getBoundingClientRect().width / Number(svg.getAttribute('width'));
            const sizes = [...svg.querySelectorAll('text')].filter((t) => t.textContent?.trim()).map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
            return { chart: svg.closest<HTMLElement>('[data-chart]')?.dataset.chart ?? '?', px: Math.min(...sizes) };
          }),
      );
    const pages = readdirSync(`${session.dist}/en`, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && d.name === 'index.html' && readFileSync(`${d.parentPath}/${d.name}`, 'utf8').includes('class="cx-chart-plot"'))
      .map((d) => `/${relative(session.dist, d.parentPath).split(sep).join('/')}/`);
    expect(pages.length).toBeGreaterThan(10);
    const browser = session.page.context().browser()!;
    const small: string[] = [];
    let charts = 0;
    for (const javaScriptEnabled of [false, true]) {
      for (const width of [360, 390, 768, 1280]) {
        const context = await browser.newContext({ javaScriptEnabled, viewport: { width, height: 800 } });
        try {
          const page = await context.newPage();
          // With the script, also a view it redraws at the column's width.
          for (const path of [...pages, ...(javaScriptEnabled ? ['/en/cx-management/overview/?industry=financial'] : [])]) {
            await page.goto(`${session.url}${path}`);
            if (path.includes('?')) await page.waitForSelector('html[data-cx-state="?industry=financial"]:not([data-cx-busy])', { timeout: 60_000 });
            for (const { chart, px } of await smallest(page)) {
              charts++;
              if (px < 11) small.push(`${path} ${chart} at ${width} px${javaScriptEnabled ? '' : ' without script'}: ${px.toFixed(1)} px`);
            }
          }
        } finally {
          await context.close();
        }
      }
    }
    expect(charts).toBeGreaterThan(100);
    expect(small).toEqual([]);
  }, 600_000);

  it('finds none on a page the script redrew: two industries compared', async () => {
    const search = '?industry=financial,retail&compare=industry';
    await session.page.goto(`${session.url}/zh/cx-management/overview/${search}`);
    await session.page.waitForSelector(`html[data-cx-state="${search}"]:not([data-cx-busy])`, { timeout: 60_000 });
    expect(await violations()).toEqual([]);
  }, 90_000);

  it('lets a keyboard alone open a filter list, tick a value and see the slice', async () => {
    const { page } = session;
    await page.goto(`${session.url}/zh/cx-management/overview/`);
    await page.focus('details[data-dim=industry] summary');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('financial');
    await page.keyboard.press('Space');
    await page.waitForSelector('html[data-cx-state="?industry=financial"]:not([data-cx-busy])', { timeout: 60_000 });
    // Focus is drawn visibly: an outline on the focused control.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
  }, 90_000);
});

