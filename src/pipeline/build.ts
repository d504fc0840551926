import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINE_DIR, ENGINE_FILES } from '../engine/bundle.ts';
import { InputError, type InputProblem } from '../survey/errors.ts';
import type { Survey } from '../survey/survey.ts';
import { ARTIFACT_FILES } from './artifacts.ts';
import { checkChapters } from './chapter-check.ts';
import { writeDownloads } from '../export/downloads.ts';
import { runSurvey, type SurveyOutput } from './run.ts';
import { SITE_URL } from './site-url.ts';
import { writeSitemap } from './sitemap.ts';

/** Side effects of a build that callers choose: where to log. */
export interface BuildEffects {
  log(message: string): void;
}

/** Folders of `data` that hold a `survey.yaml`, in name order. */
export function surveyDirs(data: string): string[] {
  return readdirSync(data, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(data, d.name, 'survey.yaml')))
    .map((d) => join(data, d.name))
    .sort();
}

/** A survey's id names its folder (and its pages): the problem when they differ. */
export function folderProblem(root: string, surveyDir: string, survey: Survey): InputProblem | undefined {
  if (survey.id === basename(surveyDir)) return undefined;
  return { file: relative(root, join(surveyDir, 'survey.yaml')), path: 'id', value: survey.id, rule: `must equal the folder name "${basename(surveyDir)}"` };
}

/** Runs the data pipeline of every survey into `dir`: definition, results and cube per survey, and an index. */
export async function writeArtifacts(root: string, dataDir: string, dir: string, effects: BuildEffects): Promise<SurveyOutput[]> {
  const outputs: SurveyOutput[] = [];
  for (const surveyDir of surveyDirs(dataDir)) {
    const out = await runSurvey(surveyDir, root);
    const misnamed = folderProblem(root, surveyDir, out.survey);
    if (misnamed) throw new InputError([misnamed]);
    const target = join(dir, out.survey.id);
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, ARTIFACT_FILES.survey), JSON.stringify(out.survey));
    writeFileSync(join(target, ARTIFACT_FILES.results), JSON.stringify(out.results));
    writeFileSync(join(target, ARTIFACT_FILES.cube), out.cube);
    const t = out.timings;
    effects.log(`${out.survey.id}: ${Object.values(out.results.counts).reduce((a, b) => a + b, 0)} rows, ingest ${t.ingest.toFixed(0)} ms, cube ${t.cube.toFixed(0)} ms, indicators ${t.indicators.toFixed(0)} ms`);
    outputs.push(out);
  }
  writeFileSync(join(dir, 'index.json'), JSON.stringify(outputs.map((o) => o.survey.id)));
  return outputs;
}

/** Copies duckdb-wasm's files into the site (see `ENGINE_FILES`). */
function publishEngine(out: string): void {
  mkdirSync(join(out, ENGINE_DIR), { recursive: true });
  for (const file of Object.values(ENGINE_FILES)) copyFileSync(fileURLToPath(import.meta.resolve(`@duckdb/duckdb-wasm/dist/${file}`)), join(out, ENGINE_DIR, file));
}

/** Replaces `target` with `source` in two renames, so that readers never see a half-written folder. */
function swap(source: string, target: string): void {
  const old = `${target}.old-${process.pid}`;
  if (existsSync(target)) renameSync(target, old);
  renameSync(source, target);
  rmSync(old, { recursive: true, force: true });
}

/**
 * Builds the site atomically: the data pipeline and Astro write to temporary folders, which replace
 * `.cx/artifacts` and `outDir` only when everything succeeded. A failed build leaves the last good site.
 */
export async function buildSite(root: string, outDir: string, effects: BuildEffects, dataDir = join(root, 'data')): Promise<void> {
  mkdirSync(join(root, '.cx'), { recursive: true });
  const staging = mkdtempSync(join(root, '.cx', 'staging-'));
  const tmpOut = `${outDir}.tmp-${process.pid}`;
  try {
    const outputs = await writeArtifacts(root, dataDir, staging, effects);
    const chapters = checkChapters(root, join(root, 'content'), outputs.map((o) => o.survey));
    if (chapters.length) throw new InputError(chapters);
    process.env.CX_ARTIFACTS = staging;
    process.env.ASTRO_TELEMETRY_DISABLED = '1';
    const { build } = await import('astro');
    await build({ root, outDir: tmpOut, logLevel: 'warn' });
    for (const o of outputs) {
      mkdirSync(join(tmpOut, 'data', o.survey.id), { recursive: true });
      for (const file of [ARTIFACT_FILES.cube, ARTIFACT_FILES.survey]) copyFileSync(join(staging, o.survey.id, file), join(tmpOut, 'data', o.survey.id, file));
    }
    publishEngine(tmpOut);
    await writeDownloads(root, tmpOut, outputs);
    writeSitemap(SITE_URL, tmpOut);
    swap(tmpOut, outDir);
    swap(staging, join(root, '.cx', 'artifacts'));
    effects.log(`site written to ${relative(root, outDir) || outDir}`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(tmpOut, { recursive: true, force: true });
  }
}
