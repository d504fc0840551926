import { resolve } from 'node:path';
import { buildSite } from '../src/pipeline/build.ts';
import { InputError } from '../src/survey/errors.ts';

/** `npm run build [-- --out DIR]`: validate the data, compute every indicator, write the static site. */
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const root = process.cwd();
const outDir = resolve(root, outIndex >= 0 ? args[outIndex + 1]! : 'dist');

try {
  await buildSite(root, outDir, { log: (m) => console.log(m) });
} catch (e) {
  console.error(e instanceof InputError ? e.message : e);
  console.error('Build failed: the previous site was left unchanged.');
  process.exitCode = 1;
}
