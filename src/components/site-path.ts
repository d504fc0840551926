/**
 * A link to a file or page of the site, given from the site's folder ("zh/cx-management/"): under the folder
 * of `site`, the address the site is published at (Astro.site, from CX_SITE_URL or the build's option; Astro's
 * `base` is that folder too), so that a site published in a folder of its host links within itself. Read from
 * the address rather than import.meta.env.BASE_URL, which an environment variable of that name overrides when
 * pages are rendered.
 */
export function sitePath(site: URL | undefined, path: string): string {
  if (site === undefined) throw new Error('astro.config.ts: no site address (site)');
  return `${site.pathname}${path}`;
}
