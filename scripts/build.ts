import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSite } from '../src/pipeline/build.ts';
import { progressLine } from '../src/pipeline/progress.ts';
import { InputError } from '../src/survey/errors.ts';

/**
 * `npm run build [-- --out DIR] [--data DIR] [--content DIR] [--fresh]`: validate the data, compute every indicator, write
 * the static site. Results of an earlier build whose inputs did not change are reused, unless `--fresh`.
 */
const { values } = parseArgs({ options: { out: { type: 'string' }, data: { type: 'string' }, content: { type: 'string' }, fresh: { type: 'boolean' } }, strict: true });
const root = process.cwd();
const outDir = resolve(root, values.out ?? 'dist');
const dataDir = resolve(root, values.data ?? 'data');
// On a terminal, each step shows its progress; in a log (CI, a pipe), only what was done.
const tty = process.stdout.isTTY === true;
const started = performance.now();
const progress = tty ? progressLine(process.stdout, started) : undefined;

try {
  await buildSite(root, outDir, { log: (m) => (progress ? progress.log(m) : console.log(m)), progress: progress?.update }, dataDir, { fresh: values.fresh, content: values.content === undefined ? undefined : resolve(root, values.content) });
  progress?.clear();
} catch (e) {
  progress?.clear();
  console.error(e instanceof InputError ? e.message : e);
  console.error('Build failed: the previous site was left unchanged.');
  process.exitCode = 1;
}
