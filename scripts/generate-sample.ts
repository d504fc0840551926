import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { toCsv } from '../src/sample/csv.ts';
import { SAMPLE_REPORTS, type SampleOptions, type SampleReport } from '../src/sample/reports.ts';
import { parseSurvey } from '../src/survey/parse.ts';
import type { Survey } from '../src/survey/survey.ts';

/**
 * Writes synthetic sample data. Without options: the committed waves of every sample report (or of
 * `--report <id>`). With `--wave 2025 --rows 1000000 --out file.csv [--seed 7] [--report <id>]`: one
 * scaled file, for benchmarks.
 */
const CHUNK = 10_000;

function surveyOf(report: SampleReport): Survey {
  const file = `data/${report.id}/survey.yaml`;
  return parseSurvey(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8'), file);
}

async function write(report: SampleReport, options: SampleOptions, path: URL | string): Promise<void> {
  const started = performance.now();
  const out = createWriteStream(path);
  let batch: string[][] = [];
  for (const row of report.generate(surveyOf(report), options)) {
    batch.push(row);
    if (batch.length === CHUNK) {
      if (!out.write(toCsv(batch))) await once(out, 'drain');
      batch = [];
    }
  }
  out.end(toCsv(batch));
  await once(out, 'finish');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${report.id}: wrote ${options.rows} rows of wave ${options.wave} to ${path instanceof URL ? path.pathname : path} in ${seconds} s`);
}

const { values } = parseArgs({
  options: { report: { type: 'string' }, wave: { type: 'string' }, rows: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } },
  strict: true,
});
const reports = values.report === undefined ? SAMPLE_REPORTS : SAMPLE_REPORTS.filter((r) => r.id === values.report);
if (reports.length === 0) throw new Error(`no sample report "${values.report}"; known: ${SAMPLE_REPORTS.map((r) => r.id).join(', ')}`);
if (values.wave === undefined && values.rows === undefined && values.out === undefined && values.seed === undefined) {
  for (const report of reports) {
    for (const { file, ...options } of report.committed) await write(report, options, new URL(`../data/${report.id}/${file}`, import.meta.url));
  }
} else {
  const report = values.report === undefined ? SAMPLE_REPORTS[0]! : reports[0]!;
  const rows = Number(values.rows ?? '1000');
  const seed = Number(values.seed ?? '1');
  if (!Number.isInteger(rows) || rows < 1) throw new Error('--rows must be a positive whole number');
  if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number');
  if (values.wave === undefined || values.out === undefined) throw new Error('--wave and --out are required with --rows or --seed');
  await write(report, { wave: values.wave, rows, seed }, values.out);
}
