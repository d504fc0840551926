import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

/** Content types of the files a built site holds, by extension. */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.gz': 'application/gzip',
  '.svg': 'image/svg+xml',
};

/** The content type a static host sends for `file`. */
export function contentType(file: string): string {
  return TYPES[extname(file)] ?? 'application/octet-stream';
}

/**
 * Serves a built site from `dir` on 127.0.0.1 (`port`, or a free one), as a static host would, in the folder
 * `base` (see `siteBase`: "/" at the host's root) where it was built to be published; nothing is served outside
 * it. The URL returned is the host's, with no trailing slash.
 */
export async function serve(dir: string, base = '/', port = 0): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    let requested: string;
    try {
      requested = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      // A malformed escape (`/%E0%A4%A`) is the client's error: answered, and the server keeps serving.
      res.writeHead(400).end();
      return;
    }
    // Normalised from a leading slash, ".." cannot climb out of `dir`.
    const path = normalize(`/${requested.slice(base.length)}`);
    let file = join(dir, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!requested.startsWith(base) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    // Validators, as static hosts send them: a browser revalidates what it holds (and keeps the engine's
    // compiled code, which it attaches to its cached copy of the module) instead of fetching it again.
    const { size, mtime } = statSync(file);
    const etag = `"${size.toString(16)}-${mtime.getTime().toString(16)}"`;
    const headers = { 'content-type': contentType(file), etag, 'last-modified': mtime.toUTCString() };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${address.port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** For a command that serves until stopped: says where, and stops cleanly on Ctrl+C or a termination signal. */
export function serveUntilStopped(url: string, stop: () => Promise<void>): void {
  console.log(`serving ${url} (Ctrl+C to stop)`);
  const exit = () => void stop().then(() => process.exit(0));
  process.on('SIGINT', exit);
  process.on('SIGTERM', exit);
}
