/**
 * The address the site is published at, for the sitemap and the pages' language alternates, which must be
 * absolute. Set CX_SITE_URL when building for publication; the default is where `npm run preview` serves.
 */
export const SITE_URL = new URL(process.env.CX_SITE_URL ?? 'http://127.0.0.1:4321/').href;
