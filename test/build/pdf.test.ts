import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/pipeline/build.ts';
import { launchChromium } from '../../src/pipeline/chromium.ts';
import { printTargets, writePdfs } from '../../src/pipeline/pdf.ts';
import { serve } from '../../src/pipeline/serve.ts';

const root = process.cwd();
const out = mkdtempSync(join(tmpdir(), 'cx-pdf-'));
const dist = join(out, 'dist');
const quiet = { log: () => undefined };

// What the site should hold, read from the sources: a report per survey with data, in each language it has chapters in.
const targets = readdirSync('content')
  .filter((report) => existsSync(join('data', report, 'survey.yaml')))
  .flatMap((report) => readdirSync(join('content', report)).map((lang) => ({ report, lang, chapters: readdirSync(join('content', report, lang)).filter((f) => f.endsWith('.mdx')).map((f) => f.slice(0, -4)) })));
const html = (path: string) => readFileSync(join(dist, path), 'utf8');
const charts = (page: string) => [...page.matchAll(/<figure class="cx-chart"[^>]*data-chart="([^"]+)"/g)].map((m) => m[1]!);

let written: string[] = [];
let browser: Browser;
let site: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  await buildSite(root, dist, quiet);
  written = await writePdfs(dist, quiet);
  site = await serve(dist);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  rmSync(out, { recursive: true, force: true });
});

describe('the whole-report page', () => {
  it('exists for every report and language, with every chart of its chapters once, and is not indexed', () => {
    expect(targets.length).toBeGreaterThanOrEqual(3);
    for (const { report, lang, chapters } of targets) {
      const page = html(`${lang}/${report}/print/index.html`);
      expect(page).toContain('<meta name="robots" content="noindex">');
      const expected = chapters.flatMap((slug) => charts(html(`${lang}/${report}/${slug}/index.html`)));
      expect(expected.length, report).toBeGreaterThan(0);
      expect(charts(page).sort(), report).toEqual(expected.sort());
      for (const slug of chapters) expect(page).toContain(`<a href="#chapter-${slug}">`);
      expect(page).toContain('<a href="#methodology">');
    }
  });

  it('is linked from no other page', () => {
    const pages = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html') && !f.includes('print'));
    expect(pages.length).toBeGreaterThan(targets.length * 3);
    for (const f of pages) expect(html(f), f).not.toMatch(/href="[^"]*print\/?"/);
  });
});

describe('npm run pdf', () => {
  it('writes one PDF per report and language under downloads/', () => {
    expect(written.sort()).toEqual(targets.map((t) => `downloads/${t.report}/${t.lang}/${t.report}.pdf`).sort());
  });

  it('gives each PDF a title page, contents, a page per chapter, the methodology and an outline', () => {
    for (const { report, lang, chapters } of targets) {
      const pdf = readFileSync(join(dist, 'downloads', report, lang, `${report}.pdf`)).toString('latin1');
      expect(pdf.startsWith('%PDF-')).toBe(true);
      // Page objects only: the page tree's node is `/Type /Pages`.
      const pages = pdf.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? [];
      expect(pages.length, report).toBeGreaterThanOrEqual(chapters.length + 2);
      expect(pdf).toContain('/Outlines');
      // Links to other pages of the report point inside the PDF, never at the server that printed it.
      expect(pdf).not.toContain('127.0.0.1');
    }
  });

  it('stops with a clear message when there is no built site', () => {
    const empty = mkdtempSync(join(out, 'empty-'));
    expect(() => printTargets(join(empty, 'dist'))).toThrow('run "npm run build" first');
    const run = spawnSync(process.execPath, [resolve('scripts/pdf.ts')], { cwd: empty, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('run "npm run build" first');
  });
});

describe('printing', () => {
  it('hides a chapter page’s controls, table and navigation, and keeps every chart and tile whole', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/zh/cx-management/overview/`, { waitUntil: 'load' });
    // The page's script shows the filter bar and the chart menus: printing must hide them all the same.
    await page.waitForSelector('form.cx-filters:not([hidden])');
    const styles = () =>
      page.evaluate(() => {
        const all = (selector: string) => [...document.querySelectorAll(selector)].map((e) => getComputedStyle(e));
        return {
          // The chart menu is hidden on screen too until opened: its print rule is checked, not its screen one.
          controls: ['form.cx-filters', '.cx-chart-unit', 'nav.toc', 'details.data-table'].flatMap((s) => all(s).map((c) => `${s} ${c.display}`)),
          menus: all('.cx-chart-menu').map((c) => c.display),
          figures: all('figure.cx-chart').map((c) => `${c.display} ${c.breakInside}`),
          tiles: all('.cx-kpi').map((c) => c.breakInside),
          footerLink: document.querySelector('.site-footer a')!.checkVisibility(),
        };
      });
    const screen = await styles();
    const kinds = (controls: string[]) => new Set(controls.map((c) => c.split(' ')[0]));
    expect(kinds(screen.controls)).toEqual(new Set(['form.cx-filters', '.cx-chart-unit', 'nav.toc', 'details.data-table']));
    expect(screen.controls.filter((c) => c.endsWith(' none'))).toEqual([]);
    expect(screen.figures.length).toBeGreaterThan(0);
    expect(screen.tiles.length).toBeGreaterThan(0);
    expect(screen.footerLink).toBe(true);
    await page.emulateMedia({ media: 'print' });
    const print = await styles();
    expect(print.controls).toEqual(screen.controls.map((c) => `${c.split(' ')[0]} none`));
    expect(print.menus.filter((d) => d !== 'none')).toEqual([]);
    expect(print.figures).toEqual(screen.figures.map(() => 'block avoid'));
    expect(print.tiles).toEqual(screen.tiles.map(() => 'avoid'));
    expect(print.footerLink).toBe(false);
    await page.close();
  }, 120_000);

  it('starts the contents, each chapter and the methodology of the whole-report page on a new page', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/zh/cx-management/print/`, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const breaks = await page.evaluate(() => [...document.querySelectorAll('body > nav, main > section')].map((e) => `${e.id} ${getComputedStyle(e).breakBefore}`));
    const chapters = targets.find((t) => t.report === 'cx-management' && t.lang === 'zh')!.chapters;
    expect(breaks.sort()).toEqual([...chapters.map((slug) => `chapter-${slug} page`), 'methodology page', 'contents page'].sort());
    await page.close();
  }, 120_000);
});
