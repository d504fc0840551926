import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateCxManagement, type CxSampleOptions } from '../src/sample/cx-management.ts';
import { toCsv } from '../src/sample/csv.ts';
import { parseSurvey } from '../src/survey/parse.ts';

/**
 * Writes synthetic CX management data. Without options: the committed sample of both waves.
 * With options: `--wave 2025 --respondents 1000000 --out file.csv --seed 7`, one scaled file for benchmarks.
 */
const dir = new URL('../data/cx-management/', import.meta.url);
const survey = parseSurvey(readFileSync(new URL('survey.yaml', dir), 'utf8'), 'data/cx-management/survey.yaml');

// The committed sample: sizes of the published study, fixed seeds so regenerating changes nothing.
const COMMITTED: (CxSampleOptions & { file: string })[] = [
  { wave: '2024', respondents: 234, seed: 2024, file: '2024.csv' },
  { wave: '2025', respondents: 223, seed: 2025, file: '2025.csv' },
];
const CHUNK = 10_000;

async function write(options: CxSampleOptions, path: URL | string): Promise<void> {
  const started = performance.now();
  const out = createWriteStream(path);
  let batch: string[][] = [];
  for (const row of generateCxManagement(survey, options)) {
    batch.push(row);
    if (batch.length === CHUNK) {
      if (!out.write(toCsv(batch))) await once(out, 'drain');
      batch = [];
    }
  }
  out.end(toCsv(batch));
  await once(out, 'finish');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`wrote ${options.respondents} respondents of wave ${options.wave} to ${path instanceof URL ? path.pathname : path} in ${seconds} s`);
}

const { values } = parseArgs({
  options: { wave: { type: 'string' }, respondents: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } },
  strict: true,
});
if (values.wave === undefined && values.respondents === undefined && values.out === undefined && values.seed === undefined) {
  for (const { file, ...options } of COMMITTED) await write(options, new URL(file, dir));
} else {
  const wave = values.wave ?? '2025';
  const respondents = Number(values.respondents ?? '1000');
  const seed = Number(values.seed ?? '1');
  if (wave !== '2024' && wave !== '2025') throw new Error(`--wave must be 2024 or 2025, not ${wave}`);
  if (!Number.isInteger(respondents) || respondents < 1) throw new Error(`--respondents must be a positive whole number`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number`);
  if (values.out === undefined) throw new Error('--out is required with --wave, --respondents or --seed');
  await write({ wave, respondents, seed }, values.out);
}
