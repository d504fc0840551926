import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../../src/pipeline/serve.ts';

describe('the local static server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cx-serve-'));
  let site: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(dir, 'engine.wasm'), new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    // 2026-01-02T03:04:05Z, so that the validators are known in advance.
    utimesSync(join(dir, 'engine.wasm'), 1767323045, 1767323045);
    site = await serve(dir);
  });
  afterAll(async () => {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends validators as static hosts do, and answers 304 to a browser holding the same file', async () => {
    const first = await fetch(`${site.url}/engine.wasm`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/wasm');
    expect(first.headers.get('last-modified')).toBe('Fri, 02 Jan 2026 03:04:05 GMT');
    // Size 8 and the time in milliseconds, in hexadecimal: 1767323045000 = 0x19b7ca98c88.
    expect(first.headers.get('etag')).toBe('"8-19b7ca98c88"');
    expect(new Uint8Array(await first.arrayBuffer())).toEqual(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    const again = await fetch(`${site.url}/engine.wasm`, { headers: { 'if-none-match': '"8-19b7ca98c88"' } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const changed = await fetch(`${site.url}/engine.wasm`, { headers: { 'if-none-match': '"8-0"' } });
    expect(changed.status).toBe(200);
    expect((await fetch(`${site.url}/`)).headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await fetch(`${site.url}/missing.js`)).status).toBe(404);
  });

  it('serves a site built for a folder of its host in that folder, and nothing outside it', async () => {
    const folder = await serve(dir, '/reports/cx/');
    try {
      expect((await fetch(`${folder.url}/reports/cx/engine.wasm`)).status).toBe(200);
      expect((await fetch(`${folder.url}/reports/cx/`)).headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect((await fetch(`${folder.url}/engine.wasm`)).status).toBe(404);
      expect((await fetch(`${folder.url}/reports/engine.wasm`)).status).toBe(404);
    } finally {
      await folder.close();
    }
  });

  it('answers a malformed address with 400 and keeps serving', async () => {
    // %E0%A4%A is a cut-off UTF-8 sequence that decodeURIComponent rejects.
    expect((await fetch(`${site.url}/%E0%A4%A`)).status).toBe(400);
    expect((await fetch(`${site.url}/%`)).status).toBe(400);
    expect((await fetch(`${site.url}/engine.wasm`)).status).toBe(200);
  });
});
