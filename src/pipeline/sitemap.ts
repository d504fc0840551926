import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HTML_LANG, LANGS } from '../survey/text.ts';

const escape = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;');

/**
 * The sitemap of a built site: every page that search engines may index (print and embed pages say
 * noindex and stay out), each with its other-language editions as alternates. Paths are sorted, so the
 * same site gives the same file.
 */
export function sitemapXml(site: string, dir: string): string {
  const pages = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name === 'index.html')
    .map((d) => join(d.parentPath, d.name))
    .filter((f) => !/<meta name="robots" content="noindex"/.test(readFileSync(f, 'utf8')))
    .map((f) => `${f.slice(dir.length, -'index.html'.length).replaceAll('\\', '/')}`)
    .sort();
  const indexed = new Set(pages);
  // Paths from the site's folder: a site published in a folder of its host keeps it.
  const url = (path: string) => escape(new URL(path.slice(1), site).href);
  const entries = pages.map((path) => {
    const lang = LANGS.find((l) => path.startsWith(`/${l}/`));
    const editions = lang ? LANGS.map((l) => ({ l, p: `/${l}/${path.slice(lang.length + 2)}` })).filter((e) => indexed.has(e.p)) : [];
    const links = editions.length > 1 ? editions.map((e) => `\n    <xhtml:link rel="alternate" hreflang="${HTML_LANG[e.l]}" href="${url(e.p)}"/>`).join('') : '';
    return `  <url>\n    <loc>${url(path)}</loc>${links}\n  </url>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${entries.join('\n')}
</urlset>
`;
}

/** The address a site built into `dir` is published at, as its sitemap names it: the address of its front page. */
export function builtSiteUrl(dir: string): string {
  const file = join(dir, 'sitemap.xml');
  const loc = existsSync(file) ? /<loc>([^<]*)<\/loc>/.exec(readFileSync(file, 'utf8'))?.[1] : undefined;
  if (loc === undefined) throw new Error(`${file}: no site address (no sitemap, or one with no page): run "npm run build" first`);
  return loc.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&amp;', '&');
}

/** Writes `sitemap.xml` and a `robots.txt` that points to it into the built site `dir`. */
export function writeSitemap(site: string, dir: string): void {
  writeFileSync(join(dir, 'sitemap.xml'), sitemapXml(site, dir));
  writeFileSync(join(dir, 'robots.txt'), `User-agent: *\nAllow: /\n\nSitemap: ${new URL('sitemap.xml', site).href}\n`);
}
