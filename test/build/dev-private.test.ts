import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm run dev` serves the site, but never the raw wave files (e-mail addresses and all), the pipeline's
// working folder or anything else of the project that is not a page or a published file.
const root = process.cwd();
const data = join(root, '.cx', `dev-private-${process.pid}`);
let dev: ChildProcess;
let output = '';
let url: string;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  await new Promise((ok) => server.close(ok));
  return port;
}

/** GET `path` as sent, byte for byte (fetch would normalise a malformed escape): status and body. */
function get(path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((ok, fail) => {
    const req = request({ host: hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

beforeAll(async () => {
  mkdirSync(data, { recursive: true });
  cpSync('data/cx-management', join(data, 'cx-management'), { recursive: true });
  const port = await freePort();
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV'));
  dev = spawn(process.execPath, [resolve('scripts/dev.ts'), '--data', data, '--port', String(port)], { cwd: root, env });
  url = await new Promise<string>((ok, fail) => {
    dev.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const served = /serving (http:\/\/\S+)/.exec(output);
      if (served) ok(served[1]!);
    });
    dev.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    dev.on('exit', (code) => fail(new Error(`npm run dev exited with ${code}:\n${output}`)));
  });
}, 180_000);

afterAll(() => {
  dev?.kill('SIGTERM');
  rmSync(data, { recursive: true, force: true });
});

describe('npm run dev keeps private files private', () => {
  const wave = readFileSync('data/cx-management/2025.csv', 'utf8');
  const firstRow = wave.split('\n')[1]!;

  it('serves the pages and the published cube', async () => {
    expect((await get('/en/cx-management/')).status).toBe(200);
    expect((await get('/data/cx-management/survey.json')).status).toBe(200);
  }, 60_000);

  it.each([
    '/data/cx-management/2025.csv',
    '/data/cx-management/2025.csv?raw',
    '/data/cx-management/survey.yaml',
    '/data/cx-management/%320%325.csv',
    `/.cx/dev-private-${process.pid}/cx-management/2025.csv`,
    `/.cx/dev-private-${process.pid}/cx-management/2025.csv?import`,
    `/@fs${data}/cx-management/2025.csv`,
    `/@fs${data}/cx-management/2025.csv?raw`,
    `/@fs${root}/data/cx-management/2025.csv`,
    `/@id${root}/data/cx-management/2025.csv?raw`,
    '/src/../data/cx-management/2025.csv',
    '/%2e%2e/data/cx-management/2025.csv',
    '/test/fixtures/mini/2025.csv',
    '/.cx/artifacts/cx-management/results.json',
    '/@fs/etc/passwd',
    `/@fs${resolve(root, '..')}/`,
  ])('refuses %s', async (path) => {
    const res = await get(path);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.body).not.toContain(firstRow.slice(0, 20));
  }, 60_000);

  it('answers a malformed address with 400 and keeps serving', async () => {
    expect((await get('/%E0%A4%A')).status).toBe(400);
    expect((await get('/en/cx-management/')).status).toBe(200);
  }, 60_000);
});
