import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { downloadsDir } from '../export/folders.ts';
import { LANGS, type Lang } from '../survey/text.ts';
import type { BuildEffects } from './build.ts';
import { launchChromium } from './chromium.ts';
import { serve } from './serve.ts';
import { siteBase } from './site-url.ts';
import { builtSiteUrl } from './sitemap.ts';

/** A report in one language whose whole-report page (`/<lang>/<report>/print/`) the site has. */
export interface PrintTarget {
  report: string;
  lang: Lang;
}

/** Where the PDF of a report in one language is written, relative to the site folder. */
export function pdfPath(target: PrintTarget): string {
  return join(downloadsDir('', target.report, target.lang), `${target.report}.pdf`);
}

/** Report ids from the site's `data/index.json` when it has one, else the report folders of every language. */
function reportIds(dist: string): string[] {
  const index = join(dist, 'data', 'index.json');
  if (existsSync(index)) return z.array(z.string()).parse(JSON.parse(readFileSync(index, 'utf8')));
  const folders = LANGS.filter((lang) => existsSync(join(dist, lang))).flatMap((lang) =>
    readdirSync(join(dist, lang), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name),
  );
  return [...new Set(folders)].sort();
}

/** Every report and language of the built site in `dist` that has a whole-report page. */
export function printTargets(dist: string): PrintTarget[] {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`no built site in ${dist}: run "npm run build" first`);
  const targets = reportIds(dist).flatMap((report) =>
    LANGS.filter((lang) => existsSync(join(dist, lang, report, 'print', 'index.html'))).map((lang) => ({ report, lang })),
  );
  if (targets.length === 0) throw new Error(`no report pages in ${dist}: run "npm run build" first`);
  return targets;
}

/**
 * Points the page's links to other pages of the report at the same part of this page, and unlinks the rest
 * of the site: in the PDF they would lead to the local server that printed it. Links elsewhere stay. Runs in
 * the page.
 */
function linkWithinPage(base: string): void {
  // A page's path from the site's folder (`base`): language, report, chapter.
  const parts = (path: string) => path.slice(base.length).split('/');
  const [lang, report] = parts(location.pathname);
  const part = (id: string) => (id ? document.getElementById(id) : null);
  for (const a of document.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    if (a.getAttribute('href')!.startsWith('#')) continue;
    const [l, r, slug] = parts(a.pathname);
    const ours = a.origin === location.origin && l === lang && r === report;
    const target = ours ? (part(decodeURIComponent(a.hash.slice(1))) ?? part(slug === 'methodology' ? slug : `chapter-${slug}`)) : null;
    if (target) a.setAttribute('href', `#${target.id}`);
    else if (a.origin === location.origin) a.removeAttribute('href');
  }
}

// Chromium fills the footer's pageNumber and totalPages spans; the header is left empty.
const FOOTER = '<div style="width: 100%; font-size: 8px; color: #333; text-align: center;"><span class="pageNumber"></span> / <span class="totalPages"></span></div>';

/**
 * Renders the whole-report page of every report and language in `dist` to one PDF each (see `pdfPath`), in
 * headless Chromium against the site served on 127.0.0.1. Returns the files written, relative to `dist`.
 */
export async function writePdfs(dist: string, effects: BuildEffects): Promise<string[]> {
  const targets = printTargets(dist);
  const base = siteBase(builtSiteUrl(dist));
  const site = await serve(dist, base);
  const browser = await launchChromium();
  try {
    const written: string[] = [];
    for (const target of targets) {
      const page = await browser.newPage();
      await page.goto(`${site.url}${base}${target.lang}/${target.report}/print/`, { waitUntil: 'load' });
      // Text set in a font still loading would be printed in the fallback.
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      await page.evaluate(linkWithinPage, base);
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        outline: true,
        tagged: true,
        displayHeaderFooter: true,
        headerTemplate: '<div></div>',
        footerTemplate: FOOTER,
      });
      await page.close();
      const file = pdfPath(target);
      mkdirSync(dirname(join(dist, file)), { recursive: true });
      writeFileSync(join(dist, file), pdf);
      effects.log(`${file}: ${(pdf.length / 1024).toFixed(0)} KB`);
      written.push(file);
    }
    return written;
  } finally {
    await browser.close();
    await site.close();
  }
}
