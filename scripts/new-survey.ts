import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createSurvey } from '../src/pipeline/new-survey.ts';

/** `npm run new-survey -- <id> <data file> [--wave 2025]`: a new survey drafted from its data file. */
const { values, positionals } = parseArgs({ options: { wave: { type: 'string' }, data: { type: 'string' }, content: { type: 'string' } }, allowPositionals: true, strict: true });
const [id, file] = positionals;
if (!id || !file) {
  console.error('usage: npm run new-survey -- <id> <data file> [--wave 2025]');
  process.exit(2);
}
const root = process.cwd();
try {
  const made = await createSurvey(root, id, resolve(file), { dataDir: resolve(root, values.data ?? 'data'), contentDir: resolve(root, values.content ?? 'content'), wave: values.wave });
  const rel = (p: string) => relative(root, p);
  console.log(`wrote ${rel(made.definition)}, ${rel(made.data)} and ${made.chapters.map(rel).join(', ')}`);
  if (made.guesses.length) {
    console.log(`\n${made.guesses.length} guesses to review (each is a "# guessed:" comment in the definition: delete it once checked):`);
    for (const g of made.guesses) console.log(`  ${g}`);
    console.log();
  }
  console.log('next: edit the definition (types, options, labels), then npm run check and npm run dev');
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
}
