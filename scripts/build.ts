import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSite } from '../src/pipeline/build.ts';
import { InputError } from '../src/survey/errors.ts';

/** `npm run build [-- --out DIR] [--data DIR]`: validate the data, compute every indicator, write the static site. */
const { values } = parseArgs({ options: { out: { type: 'string' }, data: { type: 'string' } }, strict: true });
const root = process.cwd();
const outDir = resolve(root, values.out ?? 'dist');
const dataDir = resolve(root, values.data ?? 'data');

try {
  await buildSite(root, outDir, { log: (m) => console.log(m) }, dataDir);
} catch (e) {
  console.error(e instanceof InputError ? e.message : e);
  console.error('Build failed: the previous site was left unchanged.');
  process.exitCode = 1;
}
