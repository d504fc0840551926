import { InputError } from '../survey/errors.ts';

/**
 * A site's address as a folder (with a trailing slash): a host's root ("https://example.org/") or a folder
 * of it ("https://example.org/reports/cx/"). `source` names where the address came from, for the error.
 */
export function siteUrl(address: string, source = 'the site address'): string {
  const refused = (rule: string) => new InputError([{ file: source, value: address, rule }]);
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw refused('must be an absolute address, for example https://example.org/reports/');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refused('must start with http:// or https://');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url.href;
}

/** The path of the folder a site is published in ("/" at a host's root): every link of the site starts with it. */
export function siteBase(site: string): string {
  return new URL(site).pathname;
}

/**
 * The address the site is published at, for the sitemap and the pages' language alternates, which must be
 * absolute, and for the folder every link starts with: CX_SITE_URL, set when building for publication; by
 * default, where `npm run preview` serves.
 */
export function configuredSiteUrl(): string {
  return siteUrl(process.env.CX_SITE_URL ?? 'http://127.0.0.1:4321/', 'CX_SITE_URL');
}
