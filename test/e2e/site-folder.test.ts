import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/pipeline/build.ts';
import { launchChromium } from '../../src/pipeline/chromium.ts';
import { writePdfs } from '../../src/pipeline/pdf.ts';
import { serve } from '../../src/pipeline/serve.ts';

// An analyst publishes the report in a folder of a host (a project page, a folder of the company's site):
// every link, script, data file and engine file stays in that folder, and filtering, embedding and printing
// work there as at a host's root.
const SITE = 'https://example.org/reports/cx/';
const FOLDER = '/reports/cx/';
const root = process.cwd();
const quiet = { log: () => undefined };
let out: string;
let dist: string;
let site: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let page: Page;
/** Requests of the page that failed or were answered with an error. */
const failures: string[] = [];
/** Paths the page and its workers requested. */
const requested: string[] = [];

beforeAll(async () => {
  mkdirSync(join(root, '.cx'), { recursive: true });
  out = mkdtempSync(join(root, '.cx', 'site-folder-'));
  // One report is enough: the folder is the same for all.
  cpSync(join(root, 'data', 'cx-management'), join(out, 'data', 'cx-management'), { recursive: true });
  dist = join(out, 'dist');
  // The address is given without its trailing slash, as it is often written.
  await buildSite(root, dist, quiet, join(out, 'data'), { site: SITE.slice(0, -1) });
  site = await serve(dist, FOLDER);
  browser = await launchChromium();
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
  const own = new URL(site.url).host;
  await context.route((url) => url.host !== own, (route) => route.abort('blockedbyclient'));
  context.on('request', (r) => void requested.push(new URL(r.url()).pathname));
  context.on('requestfailed', (r) => void failures.push(`${r.url()}: ${r.failure()?.errorText}`));
  context.on('response', (r) => void (r.status() >= 400 && failures.push(`${r.url()}: ${r.status()}`)));
  page = await context.newPage();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

/** Every address a page of the site names in an attribute, other than anchors within it. */
function addresses(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src|content)="([^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&')).filter((a) => /^(\/|\.\.?\/|https?:|[a-z-]+\/)/.test(a));
}

describe('a site published in a folder of its host', () => {
  it('is served in that folder only', async () => {
    expect((await fetch(`${site.url}${FOLDER}zh/cx-management/overview/`)).status).toBe(200);
    expect((await fetch(`${site.url}/zh/cx-management/overview/`)).status).toBe(404);
  });

  it('links every page, script, image, download and alternate within the folder, and each answers', async () => {
    const pages = ['', 'zh/cx-management/', 'zh/cx-management/overview/', 'en/cx-management/maturity/', 'zh/cx-management/methodology/', 'embed/zh/cx-management/stages/'];
    let checked = 0;
    for (const path of pages) {
      const response = await fetch(`${site.url}${FOLDER}${path}`);
      expect(response.status, path).toBe(200);
      for (const address of addresses(await response.text())) {
        const url = new URL(address, `${SITE}${path}`);
        expect(url.href.startsWith(SITE), `${path}: ${address}`).toBe(true);
        expect((await fetch(`${site.url}${url.pathname}`, { method: 'HEAD' })).status, `${path}: ${address}`).toBe(200);
        checked++;
      }
    }
    // Chapters, languages, the engine's page script, chart downloads, the deck, the favicon: dozens of links.
    expect(checked).toBeGreaterThan(60);
    const sitemap = readFileSync(join(dist, 'sitemap.xml'), 'utf8');
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(locs[0]).toBe(SITE);
    expect(locs).toContain(`${SITE}zh/cx-management/overview/`);
    expect(locs.filter((l) => !l.startsWith(SITE))).toEqual([]);
    expect(readFileSync(join(dist, 'robots.txt'), 'utf8')).toContain(`Sitemap: ${SITE}sitemap.xml`);
  });

  it('filters there: a ready-made view, then one the engine computes from its files in the folder, with no request failing', async () => {
    await page.goto(`${site.url}${FOLDER}zh/cx-management/overview/`);
    const values = await page.$$eval('input[name=industry]', (els) => els.map((e) => (e as HTMLInputElement).value));
    await page.click('details[data-dim=industry] summary');
    const status = page.locator('.cx-filter-status');
    await page.check(`input[name=industry][value=${values[0]}]`);
    await page.waitForSelector(`html[data-cx-state="?industry=${values[0]}"]:not([data-cx-busy])`, { timeout: 60_000 });
    await page.check(`input[name=industry][value=${values[1]}]`);
    const both = [values[0], values[1]].sort().join(',');
    await page.waitForSelector(`html[data-cx-state="?industry=${both}"]:not([data-cx-busy])`, { timeout: 120_000 });
    expect(await status.textContent()).toBe('图表已按筛选条件重新计算。');
    // Two industries are computed by the engine, which started in the page.
    expect(await page.evaluate(() => performance.getEntriesByName('cx-engine-start').length)).toBe(1);
    expect(page.url()).toBe(`${site.url}${FOLDER}zh/cx-management/overview/?industry=${both}`);
    expect(failures).toEqual([]);
    const engine = requested.filter((p) => p.includes('/_engine/'));
    expect(engine.length).toBeGreaterThanOrEqual(2);
    expect(engine.filter((p) => !p.startsWith(`${FOLDER}_engine/`))).toEqual([]);
    expect(requested.filter((p) => !p.startsWith(FOLDER))).toEqual([]);
  }, 180_000);

  it('copies an embed code that points into the folder', async () => {
    const figure = page.locator('figure[data-chart=stages]');
    await figure.locator('.cx-chart-menu summary').click();
    await figure.locator('[data-export=embed]').click();
    await expect.poll(() => figure.locator('.cx-export-status').textContent()).toBe('嵌入代码已复制。');
    const embed = await page.evaluate(() => navigator.clipboard.readText());
    const src = /^<iframe src="([^"]+)"/.exec(embed)?.[1];
    expect(src).toBe(`${site.url}${FOLDER}embed/zh/cx-management/stages/${new URL(page.url()).search}`);
    expect((await fetch(src!)).status).toBe(200);
  }, 60_000);

  it('prints the whole report from the folder, its links pointing inside the PDF', async () => {
    const written = await writePdfs(dist, quiet);
    expect(written.sort()).toEqual(['downloads/cx-management/en/cx-management.pdf', 'downloads/cx-management/zh/cx-management.pdf']);
    const chapters = addresses(readFileSync(join(dist, 'zh/cx-management/index.html'), 'utf8')).filter((a) => /^[a-z-]+\/$/.test(a));
    const pdf = readFileSync(join(dist, written[1]!)).toString('latin1');
    // A title page, the contents, a page per chapter and the methodology, as at a host's root; a page the
    // server could not find would print as one page.
    expect((pdf.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length).toBeGreaterThanOrEqual(chapters.length + 2);
    expect(pdf).not.toContain('127.0.0.1');
  }, 180_000);

  it('is previewed in its folder by npm run preview, which reads it from the built site', async () => {
    const preview = spawn(process.execPath, ['scripts/preview.ts', '--out', dist, '--port', '0'], { cwd: root });
    try {
      const [line] = (await once(preview.stdout, 'data')) as [Buffer];
      const url = /serving (\S+)/.exec(line.toString())?.[1];
      expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+${FOLDER}$`));
      expect((await fetch(`${url}zh/cx-management/overview/`)).status).toBe(200);
    } finally {
      preview.kill();
    }
  });
});
