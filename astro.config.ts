import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { configuredSiteUrl, siteBase } from './src/pipeline/site-url.ts';

const site = configuredSiteUrl();

/** Static output only; every asset is served from the site itself. */
export default defineConfig({
  site,
  // A site published in a folder of its host links within that folder.
  base: siteBase(site),
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
