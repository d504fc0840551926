import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { SITE_URL, siteBase } from './src/pipeline/site-url.ts';

/** Static output only; every asset is served from the site itself. */
export default defineConfig({
  site: SITE_URL,
  // A site published in a folder of its host links within that folder.
  base: siteBase(SITE_URL),
  integrations: [mdx()],
  trailingSlash: 'always',
  // The stylesheet (a few KB) is inlined: the first paint waits for no second request.
  build: { format: 'directory', inlineStylesheets: 'always' },
  devToolbar: { enabled: false },
  vite: {
    build: {
      rollupOptions: {
        // MDX modules carry Astro's own head-injection directive; the bundler's note about it is noise.
        onwarn(warning, warn) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
      },
    },
  },
});
