import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../src/pipeline/chromium.ts';

// `npm run dev` on a copy of the CX management data: a changed wave file shows its new figures in the open
// page within seconds, without the reader reloading; bad data leaves the last good figures on screen.
const root = process.cwd();
const data = join(root, '.cx', `dev-test-${process.pid}`);
const wave = join(data, 'cx-management', '2025.csv');
let dev: ChildProcess;
let output = '';
let browser: Browser;
let page: Page;
let url: string;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  await new Promise((ok) => server.close(ok));
  return port;
}

const sample = () => page.textContent('p.sample');

beforeAll(async () => {
  mkdirSync(data, { recursive: true });
  cpSync('data/cx-management', join(data, 'cx-management'), { recursive: true });
  const port = await freePort();
  // As an analyst's shell would start it: Astro's dev server serves no page when it believes Vitest runs
  // it, and reloads no page under NODE_ENV=test.
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
  browser = await launchChromium();
  page = await browser.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  dev?.kill('SIGTERM');
  rmSync(data, { recursive: true, force: true });
});

describe('npm run dev', () => {
  it('serves the report from the data folder it watches', async () => {
    await page.goto(`${url}zh/cx-management/`);
    expect(await sample()).toBe('样本（受访者）：2024: n = 234；2025: n = 223');
  }, 60_000);

  it('shows a changed wave file’s figures in the open page within seconds', async () => {
    const lines = readFileSync(wave, 'utf8').trimEnd().split('\n');
    const started = performance.now();
    writeFileSync(wave, `${lines.slice(0, -1).join('\n')}\n`);
    // The page reloads by itself: no goto here.
    await expect.poll(() => sample().catch(() => ''), { timeout: 20_000, interval: 250 }).toBe('样本（受访者）：2024: n = 234；2025: n = 222');
    expect(performance.now() - started).toBeLessThan(20_000);
  }, 60_000);

  it('shows a saved chapter in the open page', async () => {
    const file = 'content/cx-management/en/technology.mdx';
    const text = readFileSync(file, 'utf8');
    await page.goto(`${url}en/cx-management/technology/`);
    try {
      writeFileSync(file, `${text}\nA sentence saved while the page was open.\n`);
      await expect.poll(() => page.textContent('article').catch(() => ''), { timeout: 20_000, interval: 250 }).toContain('A sentence saved while the page was open.');
    } finally {
      writeFileSync(file, text);
    }
  }, 60_000);

  it('reports bad data and keeps the last good figures', async () => {
    const text = readFileSync(wave, 'utf8');
    writeFileSync(wave, text.replace(/\n[^,\n]*,/, '\n,'));
    await expect.poll(() => output, { timeout: 20_000 }).toMatch(/2025\.csv:2: column "Respondent ID", value "": required: the id is blank\nThe pages keep the last good results\./);
    await page.goto(`${url}zh/cx-management/`);
    expect(await sample()).toBe('样本（受访者）：2024: n = 234；2025: n = 222');
  }, 60_000);
});
