import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { ENGINE_DIR, ENGINE_FILES } from '../engine/bundle.ts';
import { InputError, type InputProblem } from '../survey/errors.ts';
import type { Survey } from '../survey/survey.ts';
import { ARTIFACT_FILES, readReport, type Report } from './artifacts.ts';
import { Cache, contentKey } from './cache.ts';
import { checkChapters } from './chapter-check.ts';
import { publishedEngineFile } from './engine-module.ts';
import { writeDownloads } from '../export/downloads.ts';
import { rasterFontStack, type PngStore, type RasterJob } from '../export/raster.ts';
import { readSurvey, runSurvey } from './run.ts';
import { configuredSiteUrl, siteBase, siteUrl } from './site-url.ts';
import { writeSitemap } from './sitemap.ts';

/** Side effects of a build that callers choose: where to log, and where to show progress on long steps. */
export interface BuildEffects {
  log(message: string): void;
  /** `done` of `total` items of a step (surveys, pages, downloads) finished. */
  progress?(step: string, done: number, total: number): void;
}

/** How a build runs: `fresh` computes everything again rather than reuse what an earlier build computed. */
export interface BuildOptions {
  fresh?: boolean;
  /** The address the site is published at (see `siteUrl`); CX_SITE_URL's by default (see `configuredSiteUrl`). */
  site?: string;
  /** The folder of the chapters (`<survey>/<lang>/<chapter>.mdx`); the project's `content/` by default. */
  content?: string;
}

/** Folders of `data` that hold a `survey.yaml`, in name order; a link to a folder counts as the folder. */
export function surveyDirs(data: string): string[] {
  return readdirSync(data, { withFileTypes: true })
    .filter((d) => (d.isDirectory() || (d.isSymbolicLink() && statSync(join(data, d.name), { throwIfNoEntry: false })?.isDirectory())) && existsSync(join(data, d.name, 'survey.yaml')))
    .map((d) => join(data, d.name))
    .sort();
}

/** A survey's id names its folder (and its pages): the problem when they differ. */
export function folderProblem(root: string, surveyDir: string, survey: Survey): InputProblem | undefined {
  if (survey.id === basename(surveyDir)) return undefined;
  return { file: relative(root, join(surveyDir, 'survey.yaml')), path: 'id', value: survey.id, rule: `must equal the folder name "${basename(surveyDir)}"` };
}

/**
 * The cache key of a survey's pipeline: its definition and every wave file it names. Undefined when the
 * definition is invalid: that is never cached, the pipeline runs and reports it.
 */
function pipelineKey(root: string, surveyDir: string): string | undefined {
  let files: string[];
  try {
    files = readSurvey(surveyDir, root).waves.map((w) => resolve(surveyDir, w.file));
  } catch {
    return undefined;
  }
  return contentKey([readFileSync(join(surveyDir, 'survey.yaml')), ...files.flatMap((f) => [f, existsSync(f) ? readFileSync(f) : 'missing'])]);
}

/**
 * Runs the data pipeline of every survey into `dir`: definition, results and cube per survey, and an index.
 * A survey whose definition, data files and code are those of an earlier build is not computed again: its
 * artifacts come from the cache (unless `fresh`).
 */
export async function writeArtifacts(root: string, dataDir: string, dir: string, effects: BuildEffects, fresh = false): Promise<Report[]> {
  const cache = new Cache(root, 'pipeline');
  const reports: Report[] = [];
  const dirs = surveyDirs(dataDir);
  if (!dirs.length) effects.log(`${relative(root, dataDir) || '.'}: no survey found (each survey is a folder holding a survey.yaml)`);
  for (const surveyDir of dirs) {
    effects.progress?.('surveys', reports.length, dirs.length);
    const name = basename(surveyDir);
    const target = join(dir, name);
    const key = fresh ? undefined : pipelineKey(root, surveyDir);
    if (key !== undefined && cache.restore(name, key, target)) {
      effects.log(`${name}: definition and data unchanged, results from the last build`);
    } else {
      const out = await runSurvey(surveyDir, root);
      const misnamed = folderProblem(root, surveyDir, out.survey);
      if (misnamed) throw new InputError([misnamed]);
      mkdirSync(target, { recursive: true });
      writeFileSync(join(target, ARTIFACT_FILES.survey), JSON.stringify(out.survey));
      writeFileSync(join(target, ARTIFACT_FILES.results), JSON.stringify(out.results));
      writeFileSync(join(target, ARTIFACT_FILES.cube), out.cube);
      writeFileSync(join(target, ARTIFACT_FILES.deepCube), out.deepCube);
      writeFileSync(join(target, ARTIFACT_FILES.quality), JSON.stringify(out.quality));
      mkdirSync(join(target, ARTIFACT_FILES.slices));
      for (const [file, results] of out.slices) writeFileSync(join(target, ARTIFACT_FILES.slices, file), JSON.stringify(results));
      if (key !== undefined) cache.store(name, key, target);
      const t = out.timings;
      effects.log(`${name}: ${Object.values(out.results.counts).reduce((a, b) => a + b, 0)} rows, ingest ${t.ingest.toFixed(0)} ms, cube ${t.cube.toFixed(0)} ms, indicators ${t.indicators.toFixed(0)} ms, protection ${t.protection.toFixed(0)} ms, ready-made views ${t.slices.toFixed(0)} ms`);
    }
    reports.push(readReport(name, dir));
  }
  writeFileSync(join(dir, 'index.json'), JSON.stringify(reports.map((r) => r.survey.id)));
  return reports;
}

/** Chart images drawn by earlier builds, by their SVG and width (none kept when `fresh`); `prune` drops those this build did not use. */
function pngStore(root: string, fresh = false): PngStore & { prune(): void } {
  const cache = new Cache(root, 'png');
  const used = new Set<string>();
  const fonts = rasterFontStack();
  // Each job's key is hashed once, when it is looked up, and reused when its drawing is stored.
  const keys = new WeakMap<RasterJob, string>();
  const key = (job: RasterJob) => {
    const known = keys.get(job) ?? contentKey([job.svg, String(job.width), fonts]);
    keys.set(job, known);
    return known;
  };
  return {
    get: (job) => {
      const k = key(job);
      used.add(k);
      return fresh ? undefined : cache.read(k);
    },
    set: (job, png) => cache.write(key(job), png),
    prune: () => cache.retain(used),
  };
}

/** Writes duckdb-wasm's files into the site (see `ENGINE_FILES` and `publishedEngineFile`). */
function publishEngine(out: string): void {
  mkdirSync(join(out, ENGINE_DIR), { recursive: true });
  for (const file of Object.values(ENGINE_FILES)) writeFileSync(join(out, ENGINE_DIR, file), publishedEngineFile(file));
}

/** Replaces `target` with `source` in two renames, so that readers never see a half-written folder. */
export function swap(source: string, target: string): void {
  const old = `${target}.old-${process.pid}`;
  if (existsSync(target)) renameSync(target, old);
  renameSync(source, target);
  rmSync(old, { recursive: true, force: true });
}

/**
 * Builds the site atomically: the data pipeline and Astro write to temporary folders, which replace
 * `.cx/artifacts` and `outDir` only when everything succeeded. A failed build leaves the last good site.
 */
export async function buildSite(root: string, outDir: string, effects: BuildEffects, dataDir = join(root, 'data'), options: BuildOptions = {}): Promise<void> {
  const site = options.site === undefined ? configuredSiteUrl() : siteUrl(options.site);
  mkdirSync(join(root, '.cx'), { recursive: true });
  const staging = mkdtempSync(join(root, '.cx', 'staging-'));
  const tmpOut = `${outDir}.tmp-${process.pid}`;
  try {
    const outputs = await writeArtifacts(root, dataDir, staging, effects, options.fresh);
    const content = options.content ?? join(root, 'content');
    const chapters = checkChapters(root, content, outputs.map((o) => o.survey));
    if (chapters.length) throw new InputError(chapters);
    process.env.CX_ARTIFACTS = staging;
    process.env.CX_CONTENT = content;
    process.env.ASTRO_TELEMETRY_DISABLED = '1';
    const { build } = await import('astro');
    effects.progress?.('pages', 0, 1);
    await build({ root, outDir: tmpOut, logLevel: 'warn', site, base: siteBase(site) });
    effects.progress?.('pages', 1, 1);
    for (const o of outputs) {
      mkdirSync(join(tmpOut, 'data', o.survey.id), { recursive: true });
      for (const file of [ARTIFACT_FILES.cube, ARTIFACT_FILES.deepCube, ARTIFACT_FILES.survey]) copyFileSync(join(staging, o.survey.id, file), join(tmpOut, 'data', o.survey.id, file));
      cpSync(join(staging, o.survey.id, ARTIFACT_FILES.slices), join(tmpOut, 'data', o.survey.id, ARTIFACT_FILES.slices), { recursive: true });
    }
    publishEngine(tmpOut);
    // GitHub Pages publishing a branch runs Jekyll, which leaves out folders whose names start with an
    // underscore (_astro, _engine): this empty file turns it off. Other hosts serve it as any file.
    writeFileSync(join(tmpOut, '.nojekyll'), '');
    const pngs = pngStore(root, options.fresh);
    await writeDownloads(root, tmpOut, outputs, effects.progress && ((done, total) => effects.progress!('downloads', done, total)), pngs);
    pngs.prune();
    writeSitemap(site, tmpOut);
    swap(tmpOut, outDir);
    swap(staging, join(root, '.cx', 'artifacts'));
    effects.log(`site written to ${relative(root, outDir) || outDir}`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(tmpOut, { recursive: true, force: true });
  }
}
