import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startDev } from '../src/pipeline/dev.ts';
import { serveUntilStopped } from '../src/pipeline/serve.ts';
import { InputError } from '../src/survey/errors.ts';

/** `npm run dev [-- --data DIR --port N]`: the site with live reload as data, definitions or chapters change. */
const { values } = parseArgs({ options: { data: { type: 'string' }, port: { type: 'string' } }, strict: true });
const root = process.cwd();
try {
  const server = await startDev(root, resolve(root, values.data ?? 'data'), Number(values.port ?? 4321), { log: (m) => console.log(m) });
  serveUntilStopped(server.url, server.stop);
} catch (e) {
  console.error(e instanceof InputError ? e.message : e);
  process.exitCode = 1;
}
