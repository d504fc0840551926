import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'dist.*/', '.astro/', '.cx/', '.bench/', 'node_modules/', 'scratch/'] },
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  // Isomorphic modules run at build time and in the browser: no Node built-ins, no DuckDB bindings; and
  // each folder imports only the folders DESIGN.md allows it.
  ...[
    { files: ['src/survey/**'], also: ['../engine/*', '../indicators/*', '../filters/*', '../charts/*'] },
    { files: ['src/indicators/**'], also: ['../filters/*', '../charts/*'] },
    { files: ['src/filters/**'], also: ['../indicators/*', '../charts/*'] },
    { files: ['src/charts/**'], also: ['../filters/*'] },
    // The deck module is handed its images: it runs anywhere pptxgenjs does.
    { files: ['src/export/deck.ts'], also: [] },
  ].map(({ files, also }) => ({
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', '@duckdb/*', 'linkedom', '../pipeline/*', '../client/*', '../engine/native.ts', ...also] }],
    },
  })),
);
