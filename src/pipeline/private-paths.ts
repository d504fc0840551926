import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';

/**
 * The folders of a project that the dev server must never serve, though Vite serves any file under its root:
 * the raw survey data (respondents' answers, e-mail addresses included), the pipeline's working files and
 * the test fixtures.
 */
export function privateFolders(root: string, dataDir: string): string[] {
  return [dataDir, join(root, 'data'), join(root, '.cx'), join(root, 'test'), join(root, '.git')].map((d) => resolve(d));
}

/** The folders whose files Vite may serve by absolute path (`/@fs/…`): the project and its packages, wherever they are linked from. */
export function servedFolders(root: string): string[] {
  const modules = join(root, 'node_modules');
  return [resolve(root), ...(existsSync(modules) ? [realpathSync(modules)] : [])];
}

const inside = (dir: string, file: string) => {
  const r = relative(dir, file);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
};

/**
 * What a dev-server request asks for: `"malformed"` when its address cannot be decoded, `"private"` when it
 * names a file in one of `folders` (as a path under `root`, or by absolute path after Vite's `/@fs/` or `/@id/`)
 * or a file outside `served` after `/@fs/`, else `"public"`.
 */
export function classifyRequest(url: string, root: string, folders: readonly string[], served: readonly string[] = [root]): 'malformed' | 'private' | 'public' {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, 'http://x').pathname);
  } catch {
    return 'malformed';
  }
  // Vite also reads files by absolute path after its /@fs/ and /@id/ prefixes.
  const prefixed = /^\/@(fs|id)(\/.*)$/.exec(path)?.[2];
  if (path.startsWith('/@fs/') && !served.some((dir) => inside(dir, resolve(prefixed!)))) return 'private';
  const files = [resolve(root, `.${resolve('/', path)}`), ...(prefixed ? [resolve(prefixed)] : [])];
  return files.some((file) => folders.some((dir) => inside(dir, file))) ? 'private' : 'public';
}
