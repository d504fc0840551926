import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { siteBase, siteUrl } from '../../src/pipeline/site-url.ts';
import { builtSiteUrl } from '../../src/pipeline/sitemap.ts';

describe('the address a site is published at', () => {
  it('is a folder: a host’s root or a folder of it, with its trailing slash, and no query or fragment', () => {
    expect(siteUrl('https://example.org')).toBe('https://example.org/');
    expect(siteUrl('https://example.org/reports/cx')).toBe('https://example.org/reports/cx/');
    expect(siteUrl('http://intranet:8080/cx/2025/?x=1#top')).toBe('http://intranet:8080/cx/2025/');
  });

  it('gives the folder every link of the site starts with', () => {
    expect(siteBase('https://example.org/')).toBe('/');
    expect(siteBase(siteUrl('https://example.org/reports/cx'))).toBe('/reports/cx/');
  });

  it('is refused, naming where it came from and the value, when it is not an absolute web address', () => {
    expect(() => siteUrl('reports/cx', 'CX_SITE_URL')).toThrow('CX_SITE_URL: value "reports/cx": must be an absolute address, for example https://example.org/reports/');
    expect(() => siteUrl('ftp://example.org/cx/', 'CX_SITE_URL')).toThrow('CX_SITE_URL: value "ftp://example.org/cx/": must start with http:// or https://');
  });

  it('of a built site is read from its sitemap; a folder with none says to build first', () => {
    const empty = mkdtempSync(join(tmpdir(), 'cx-site-'));
    try {
      expect(() => builtSiteUrl(empty)).toThrow(`${join(empty, 'sitemap.xml')}: no site address (no sitemap, or one with no page): run "npm run build" first`);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
