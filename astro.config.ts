import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { SITE_URL } from './src/pipeline/site-url.ts';

/** Static output only; every asset is served from the site itself. */
export default defineConfig({
  site: SITE_URL,
  integrations: [mdx()],
  trailingSlash: 'always',
  build: { format: 'directory' },
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
