import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkAll } from '../src/pipeline/check.ts';
import { InputError } from '../src/survey/errors.ts';

/** `npm run check [-- --data DIR --content DIR]`: validate every survey definition, wave file and chapter; build nothing. */
const { values } = parseArgs({ options: { data: { type: 'string' }, content: { type: 'string' } }, strict: true });
const root = process.cwd();
const { surveys, problems, warnings } = await checkAll(root, resolve(root, values.data ?? 'data'), resolve(root, values.content ?? 'content'));
for (const w of warnings) console.warn(w);
if (problems.length) {
  console.error(new InputError(problems).message);
  process.exitCode = 1;
} else {
  for (const s of surveys) console.log(`${s.id}: ${s.respondents} respondents, definition, data and chapters valid`);
}
