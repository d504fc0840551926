import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serve, serveUntilStopped } from '../src/pipeline/serve.ts';
import { siteBase } from '../src/pipeline/site-url.ts';
import { builtSiteUrl } from '../src/pipeline/sitemap.ts';

/**
 * `npm run preview [-- --out DIR --port N]`: the built site served on 127.0.0.1 as a static host serves it, in
 * the folder of the address it was built for (see CX_SITE_URL).
 */
const { values } = parseArgs({ options: { out: { type: 'string' }, port: { type: 'string' } }, strict: true });
const dist = resolve(process.cwd(), values.out ?? 'dist');
try {
  const base = siteBase(builtSiteUrl(dist));
  const site = await serve(dist, base, Number(values.port ?? 4321));
  serveUntilStopped(`${site.url}${base}`, site.close);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
}
