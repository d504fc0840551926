import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { openNativeEngine } from '../src/engine/native.ts';
import { DUCKDB_VERSION } from '../src/engine/versions.ts';
import { readHeader, typedSource } from '../src/pipeline/ingest.ts';
import { readSurvey } from '../src/pipeline/run.ts';
import type { ReaderFigures } from './bench-browser.ts';

/**
 * `npm run bench`: generates 10k, 100k and 1M respondents of the CX management questionnaire (half per
 * wave, under .bench/, not committed), times the pipeline steps and the full build, and writes the medians
 * to BENCHMARKS.md. Each run is a fresh process, so nothing is cached between runs.
 */
const SIZES = [10_000, 100_000, 1_000_000];
const RUNS = (size: number) => (size >= 1_000_000 ? 3 : 5);
const root = process.cwd();
const node = process.execPath;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const run = (args: string[]) => execFileSync(node, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

type Format = 'csv' | 'parquet';
const WAVES = [['2024', 1], ['2025', 2]] as const;
const folder = (size: number, format: Format) => join(root, '.bench', `${size}-${format}`);

/** Generated CSV waves of `size` respondents in all, and the same rows as typed Parquet. */
async function prepare(size: number): Promise<void> {
  const csv = join(folder(size, 'csv'), 'data', 'cx-management');
  const parquet = join(folder(size, 'parquet'), 'data', 'cx-management');
  mkdirSync(csv, { recursive: true });
  mkdirSync(parquet, { recursive: true });
  copyFileSync(join(root, 'data', 'cx-management', 'survey.yaml'), join(csv, 'survey.yaml'));
  const doc = parseDocument(readFileSync(join(csv, 'survey.yaml'), 'utf8'));
  WAVES.forEach(([wave], i) => doc.setIn(['waves', i, 'file'], `${wave}.parquet`));
  writeFileSync(join(parquet, 'survey.yaml'), doc.toString());
  const survey = readSurvey(csv, root);
  const engine = await openNativeEngine();
  for (const [wave, seed] of WAVES) {
    const file = join(csv, `${wave}.csv`);
    if (!existsSync(file)) run(['scripts/generate-sample.ts', '--report', 'cx-management', '--wave', wave, '--rows', String(size / 2), '--seed', String(seed), '--out', file]);
    const target = join(parquet, `${wave}.parquet`);
    if (existsSync(target)) continue;
    const csvFile = { path: file, label: file };
    const source = await typedSource(engine, survey, csvFile, await readHeader(engine, csvFile));
    await engine.query(`COPY (SELECT * FROM ${source.sql}) TO '${target.replaceAll("'", "''")}' (FORMAT parquet)`, source.params);
  }
  await engine.close();
}

interface Row {
  size: number;
  format: Format;
  runs: number;
  ingest: number;
  cube: number;
  indicators: number;
  toIndicators: number;
  build: number;
  memory: number;
}

const rows: Row[] = [];
for (const size of SIZES) {
  await prepare(size);
  for (const format of ['csv', 'parquet'] as const) {
    const base = folder(size, format);
    const dir = join(base, 'data', 'cx-management');
    const pipeline = Array.from({ length: RUNS(size) }, () => JSON.parse(run(['scripts/bench-pipeline.ts', dir])) as Record<string, number>);
    const builds = Array.from({ length: RUNS(size) }, () => {
      const out = join(base, 'dist');
      const started = performance.now();
      // Every timed build computes everything: a full build, not one from the cache of the last.
      run(['scripts/build.ts', '--data', join(base, 'data'), '--out', out, '--fresh']);
      const ms = performance.now() - started;
      rmSync(out, { recursive: true, force: true });
      return ms;
    });
    const pick = (k: string) => median(pipeline.map((p) => p[k]!));
    const row: Row = {
      size,
      format,
      runs: RUNS(size),
      ingest: pick('ingest'),
      cube: pick('cube'),
      indicators: pick('indicators'),
      toIndicators: median(pipeline.map((p) => p.ingest! + p.cube! + p.indicators!)),
      build: median(builds),
      memory: median(pipeline.map((p) => p.maxRssMb!)),
    };
    rows.push(row);
    console.log(JSON.stringify(row));
  }
}

// The reader's side: the 1M report built once more, opened in headless Chromium (scripts/bench-browser.ts).
const browserBase = folder(1_000_000, 'parquet');
const browserSite = join(browserBase, 'dist');
run(['scripts/build.ts', '--data', join(browserBase, 'data'), '--out', browserSite]);
const reader = JSON.parse(run(['scripts/bench-browser.ts', browserSite])) as ReaderFigures;
rmSync(browserSite, { recursive: true, force: true });
console.log(JSON.stringify(reader));
const readerGoals: [string, string, boolean][] = [
  ['bytes before the first chart is painted (gzip)', `${(reader.bytes / 1024).toFixed(1)} KB`, reader.bytes < 100 * 1024],
  ['first chart (first contentful paint)', `${reader.firstChart.toFixed(0)} ms (a one-line page: ${reader.floor.toFixed(0)} ms; a screenful of plain text: ${reader.screenful.toFixed(0)} ms)`, reader.firstChart < 100],
  ['first filter change (one industry, ready-made), from the first touch of the bar', `${reader.firstFilter.toFixed(0)} ms`, reader.firstFilter < 1000],
  ['later filter change (one industry, ready-made)', `${reader.laterFilter.toFixed(0)} ms`, reader.laterFilter < 50],
  ['first change the engine computes (two industries), ticked as soon as the page has loaded: its load included, from the first touch', `${(reader.firstEngine / 1000).toFixed(2)} s (of which duckdb-wasm's own start: ${(reader.engineStart / 1000).toFixed(2)} s; ${(reader.engineBytes / 1e6).toFixed(1)} MB fetched by then, gzip)`, reader.firstEngine < 1000],
  ['the same, after reading the page for 10 s (the engine started meanwhile)', `${reader.firstEngineRead.toFixed(0)} ms`, reader.firstEngineRead < 1000],
  ['later change the engine computes (three industries, ticked straight after the previous view is drawn)', `${reader.laterEngine.toFixed(0)} ms`, reader.laterEngine < 50],
  ['the same, the reader looking at each view for 1 s first (the views one tick away computed meanwhile)', `${reader.pausedEngine.toFixed(0)} ms`, reader.pausedEngine < 50],
  ['later change the engine computes, to a view not computed ahead (three industries, several ticks at once)', `${reader.jumpEngine.toFixed(0)} ms`, reader.jumpEngine < 50],
  ['a returning reader (the browser kept the engine it compiled on the visit before): first change the engine computes, ticked as soon as the page has loaded', `${(reader.returningEngine / 1000).toFixed(2)} s (of which duckdb-wasm's own start: ${(reader.returningStart / 1000).toFixed(2)} s)`, reader.returningEngine < 1000],
  ['the same reader: later change the engine computes, ticked straight after the previous view is drawn', `${reader.returningLater.toFixed(0)} ms`, reader.returningLater < 50],
];

// Rebuilds of the sample reports: a full build, a rebuild with nothing changed, and one after one chapter
// changed (results and chart images come from the cache; Astro renders every page again).
const sampleSite = join(root, '.bench', 'sample-site');
const timed = (args: string[]) => {
  const started = performance.now();
  run(['scripts/build.ts', '--out', sampleSite, ...args]);
  return performance.now() - started;
};
const chapterFile = join(root, 'content', 'cx-management', 'en', 'technology.mdx');
const chapterText = readFileSync(chapterFile, 'utf8');
const rebuilds = { full: [] as number[], none: [] as number[], chapter: [] as number[] };
for (let i = 0; i < 3; i++) {
  rebuilds.full.push(timed(['--fresh']));
  rebuilds.none.push(timed([]));
  try {
    writeFileSync(chapterFile, `${chapterText}\nA sentence added for the benchmark (run ${i}).\n`);
    rebuilds.chapter.push(timed([]));
  } finally {
    writeFileSync(chapterFile, chapterText);
  }
}
// Ratios are taken within each round (the same machine state), then their median.
const ratio = (xs: number[]) => median(xs.map((x, i) => x / rebuilds.full[i]!));
const rebuild = { full: median(rebuilds.full), none: median(rebuilds.none), chapter: median(rebuilds.chapter), noneRatio: ratio(rebuilds.none), chapterRatio: ratio(rebuilds.chapter) };
console.log(JSON.stringify(rebuild));

// Lighthouse on chapter pages of the sample reports, in both languages (scripts/bench-lighthouse.ts).
run(['scripts/build.ts', '--out', sampleSite]);
const lighthouse = JSON.parse(run(['scripts/bench-lighthouse.ts', sampleSite, '/zh/cx-management/overview/', '/en/satisfaction-loyalty/kpis/'])) as Record<string, Record<string, number>>;
rmSync(sampleSite, { recursive: true, force: true });
console.log(JSON.stringify(lighthouse));

const lighthouseVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'lighthouse', 'package.json'), 'utf8')) as { version: string }).version;
const GOAL = { seconds: 3, megabytes: 1500 };
const verdicts = rows
  .filter((r) => r.size === 1_000_000)
  .map((r) => {
    const met = r.toIndicators / 1000 < GOAL.seconds && r.memory < GOAL.megabytes;
    return `- 1M from ${r.format === 'csv' ? 'CSV' : 'Parquet'}: ${(r.toIndicators / 1000).toFixed(2)} s and ${r.memory.toFixed(0)} MB: ${met ? 'met' : 'not met'}.`;
  })
  .join('\n');
const s = (ms: number) => (ms / 1000).toFixed(2);
const table = rows
  .map((r) => `| ${r.size.toLocaleString('en')} | ${r.format} | ${r.runs} | ${s(r.ingest)} | ${s(r.cube)} | ${s(r.indicators)} | ${s(r.toIndicators)} | ${s(r.build)} | ${Math.round(r.memory)} |`)
  .join('\n');
writeFileSync(
  join(root, 'BENCHMARKS.md'),
  `# Benchmarks

Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}. Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'},
${Math.round(totalmem() / 2 ** 30)} GiB memory; Node ${process.versions.node}; DuckDB ${DUCKDB_VERSION} (native).

Data: the CX management questionnaire (20 skills, ~90 columns), generated by \`scripts/generate-sample.ts\`,
half the respondents in each of two waves, as CSV and as the same rows in typed Parquet. Every figure is the median of the runs shown; each run
is a new process. Seconds, except memory. Peak memory is the maximum resident size of the pipeline process
(native DuckDB included), through the Arrow export of the cube and the data-quality scan of the files. The full build adds Astro's page rendering.

| respondents | input | runs | validation + ingest + derived (s) | cube (s) | all indicators (s) | ingest to indicators (s) | full \`npm run build\` (s) | peak memory of the pipeline (MB) |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${table}

Goal for 1M respondents: ingest to indicators under 3 s, peak memory under 1.5 GB.
${verdicts}

## In the browser

The 1M report's overview chapter, built and served on 127.0.0.1, in headless Chromium (Debian's), a new
context (empty cache) per run. The first paint: medians of 7 runs, measured apart in a browser doing nothing
else, after one load that is not counted (a reader's browser is already running). Filter changes: medians of
3 runs (later changes: the median of each run's 4 or 5, then of the runs). First
changes are timed from the moment the pointer first reaches the filter bar; the page times each change
itself, from the change event to the first frame painted with the figures on screen redrawn. The whole
report and each single value of a segment are views the build publishes ready-made (opening a segment's
list fetches its values' figures); any other view is computed by the engine (duckdb-wasm, served by the
site), which starts loading once the page is idle (on a connection the browser reports as 4G, without
Save-Data) or when the reader reaches for the bar, after the ready-made path; on an idle page it then computes
the views of two values of one segment, until the reader reaches for the bar. The returning reader is the one
who read for 10 s, back on a new page of the same browser profile (kept on disk, as a reader's browser keeps
it): the browser reuses the engine it compiled. Goals: under 100 KB before the first
chart, first chart under 100 ms, first filter change under 1 s, later changes under 50 ms.

| measure | median | goal |
| --- | --- | --- |
${readerGoals.map(([what, value, met]) => `| ${what} | ${value} | ${met ? 'met' : 'not met'} |`).join('\n')}

## Rebuilds

The three sample reports, medians of 3 rounds (\`npm run build\`; ratios taken within each round): a full build (\`--fresh\`), a rebuild with no
input changed, and a rebuild after one chapter changed. A survey whose definition and data files are
unchanged takes its results from the cache, and chart images whose drawing is unchanged are not drawn again;
Astro renders every page each time.

| build | seconds | against the full build |
| --- | --- | --- |
| full | ${s(rebuild.full)} | 1 |
| nothing changed | ${s(rebuild.none)} | ${rebuild.noneRatio.toFixed(2)} |
| one chapter changed | ${s(rebuild.chapter)} | ${rebuild.chapterRatio.toFixed(2)} |

## Lighthouse

Lighthouse ${lighthouseVersion} in the same Chromium, on chapter pages of the sample reports as built by \`npm run build\`, with its
mobile settings (its default: a slow phone on a 4G network, simulated) and its desktop settings. Goal: at least 95 in
every category.

| page (settings) | performance | accessibility | best practices | SEO |
| --- | --- | --- | --- | --- |
${Object.entries(lighthouse).map(([page, s]) => `| ${page} | ${s.performance} | ${s.accessibility} | ${s['best-practices']} | ${s.seo} |`).join('\n')}
`,
);
console.log('wrote BENCHMARKS.md');
