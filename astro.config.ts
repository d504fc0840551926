import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';

/** Static output only; every asset is served from the site itself. */
export default defineConfig({
  integrations: [mdx()],
  trailingSlash: 'always',
  build: { format: 'directory' },
  devToolbar: { enabled: false },
});
