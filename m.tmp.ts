import { openNativeEngine } from './src/engine/native.ts';
import { asText } from './src/pipeline/ingest.ts';
for (const path of ['/tmp/big.xlsx']) {
  const e = await openNativeEngine();
  const t0 = performance.now();
  try { const q = await asText(e, { path, label: path });
  const [r] = await e.query(`SELECT count(*) n, sum(CAST(q0 AS INT)) s FROM ${q.sql}`, q.params);
  console.log(path, r, `${((performance.now() - t0) / 1000).toFixed(1)} s`); } catch (x) { console.log((x as Error).message, `${((performance.now() - t0) / 1000).toFixed(1)} s`); }
  await e.close();
}
