import { resolve } from 'node:path';
import { writePdfs } from '../src/pipeline/pdf.ts';

/** `npm run pdf`: every report of the built site in `dist/` as one PDF per language, under `dist/downloads/`. */
try {
  await writePdfs(resolve(process.cwd(), 'dist'), { log: (m) => console.log(m) });
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
}
