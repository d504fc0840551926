import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, watch, type FSWatcher } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, relative } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { ENGINE_DIR, ENGINE_FILES } from '../engine/bundle.ts';
import { InputError } from '../survey/errors.ts';
import { ARTIFACT_FILES } from './artifacts.ts';
import { surveyDirs, swap, writeArtifacts, type BuildEffects } from './build.ts';
import { publishedEngineFile } from './engine-module.ts';
import { classifyRequest, privateFolders, servedFolders } from './private-paths.ts';
import { contentType } from './serve.ts';
import { configuredSiteUrl, siteBase } from './site-url.ts';

/** A running dev server. */
export interface DevServer {
  url: string;
  stop(): Promise<void>;
}

const literal = (name: string) => name.replaceAll('.', '\\.');
/** A report's files that the build publishes under data/<report>/: its cube, its definition and its ready-made views. */
const PUBLISHED = new RegExp(`^/data/([a-z][a-z0-9-]*)/(${literal(ARTIFACT_FILES.cube)}|${literal(ARTIFACT_FILES.deepCube)}|${literal(ARTIFACT_FILES.survey)}|${ARTIFACT_FILES.slices}/_?[a-z][a-z0-9_]*(@[A-Za-z0-9_-]+)?\\.json)$`);

/**
 * Serves what the build copies beside the pages (duckdb-wasm's files, each report's cube, definition and
 * ready-made views), refuses every file of the private folders (`privateFolders`) and answers a malformed
 * address with 400,
 * so that filtering works in the dev server too, and keeps a handle on Vite to reload the browser.
 */
function sitePlugin(artifacts: string, privateDirs: { root: string; folders: string[]; served: string[] }, onServer: (server: ViteDevServer) => void): Plugin {
  const engine = new Map<string, string>(Object.values(ENGINE_FILES).map((f) => [`/${ENGINE_DIR}/${f}`, f]));
  return {
    name: 'cx-site-files',
    // Last, so that the address check below is put in front of Astro's middleware (see the returned hook).
    enforce: 'post',
    configureServer(server) {
      onServer(server);
      server.middlewares.use((req, res, next) => {
        const access = classifyRequest(req.url ?? '/', privateDirs.root, privateDirs.folders, privateDirs.served);
        // The path within the site's folder: the dev server takes Astro's base off before this middleware.
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        const engineFile = engine.get(path);
        if (engineFile) {
          res.setHeader('content-type', contentType(engineFile));
          res.end(publishedEngineFile(engineFile));
          return;
        }
        const data = PUBLISHED.exec(path);
        const file = data ? join(artifacts, data[1]!, data[2]!) : undefined;
        if (!file || !existsSync(file)) {
          if (access !== 'public') res.writeHead(404).end();
          else next();
          return;
        }
        res.setHeader('content-type', contentType(file));
        createReadStream(file).pipe(res);
      });
      // Astro puts its own middleware in front of everything, and it answers a malformed address with 500.
      return () => {
        server.middlewares.stack.unshift({
          route: '',
          handle: (req: IncomingMessage, res: ServerResponse, next: () => void) => {
            if (classifyRequest(req.url ?? '/', privateDirs.root, []) === 'malformed') res.writeHead(400).end();
            else next();
          },
        });
      };
    },
  };
}

/**
 * Runs the pipeline into `.cx/artifacts` and serves the site with Astro's dev server on 127.0.0.1:`port`.
 * When a file under `dataDir` changes, the survey's results are computed again (a survey whose inputs did
 * not change comes from the cache) and every open page reloads; chapters reload through Astro itself. Bad
 * input is reported and the last good results stay on screen.
 */
export async function startDev(root: string, dataDir: string, port: number, effects: BuildEffects): Promise<DevServer> {
  // Astro's configuration serves the site in the folder of CX_SITE_URL's address, as it will be published.
  const base = siteBase(configuredSiteUrl());
  const artifacts = join(root, '.cx', 'artifacts');
  mkdirSync(join(root, '.cx'), { recursive: true });
  const refresh = async (): Promise<boolean> => {
    const staging = mkdtempSync(join(root, '.cx', 'dev-'));
    try {
      await writeArtifacts(root, dataDir, staging, effects);
      swap(staging, artifacts);
      return true;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      effects.log(`${e.message}\nThe pages keep the last good results.`);
      return false;
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  };
  if (!(await refresh()) && !existsSync(artifacts)) throw new Error('no good results to serve: fix the problems above and start again');
  process.env.CX_ARTIFACTS = artifacts;
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  // Astro may start more than one Vite server (some only while it loads): reload through every one.
  const vites = new Set<ViteDevServer>();
  const { dev } = await import('astro');
  const server = await dev({ root, logLevel: 'warn', server: { host: '127.0.0.1', port }, vite: { plugins: [sitePlugin(artifacts, { root, folders: privateFolders(root, dataDir), served: servedFolders(root) }, (s) => vites.add(s))] } });
  // Each folder is watched, not each file: an editor that saves by writing a new file and renaming it over
  // the old one is seen too. Saving fires several events: recompute once they settle, one run at a time.
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const watchers = new Map<string, FSWatcher>();
  const onChange = (dir: string, name: string | null) => {
    if (!name || name.startsWith('.')) return;
    if (dir === dataDir) watchFolders();
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(async () => {
        const started = performance.now();
        effects.log(`${relative(root, join(dir, name))} changed: computing again`);
        if (await refresh()) {
          // The server the pages were loaded from (others Astro starts only while loading have no HTTP server).
          for (const v of vites) if (v.httpServer) v.ws.send({ type: 'full-reload' });
          effects.log(`results updated in ${((performance.now() - started) / 1000).toFixed(1)} s; pages reloaded`);
        }
      });
    }, 150);
  };
  const watchFolders = () => {
    for (const dir of [dataDir, ...surveyDirs(dataDir)]) if (!watchers.has(dir)) watchers.set(dir, watch(dir, (_, name) => onChange(dir, name)));
  };
  watchFolders();
  return {
    url: `http://127.0.0.1:${server.address.port}${base}`,
    stop: async () => {
      for (const w of watchers.values()) w.close();
      clearTimeout(timer);
      await running;
      await server.stop();
    },
  };
}
