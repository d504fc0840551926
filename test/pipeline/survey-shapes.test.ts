import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSurvey } from '../../src/pipeline/run.ts';

// Surveys of every shape (no dimension but the wave, one, two, three or four; segments only, groupings only,
// both), generated: both files of the published cube load into duckdb-wasm (the browser's engine, here on
// Node), and their slices hold the counts of the generated rows, counted here.
const dist = join(dirname(createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/blocking')));
let db: duckdb.DuckDBBindings;
let root: string;
beforeAll(async () => {
  db = await duckdb.createDuckDB(
    {
      mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
      eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate(() => undefined);
  root = mkdtempSync(join(tmpdir(), 'cx-shapes-'));
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SUPPRESS = 5;
const text = (s: string) => ({ zh: s, en: s });

/** A survey of `segments` segments (codes 1-3, 9 "not stated") and `groupings` groupings, and its rows. */
function writeSurvey(id: string, segments: number, groupings: number, rows: { codes: number[]; sat: number }[]): string {
  const dir = join(root, 'data', id);
  mkdirSync(dir, { recursive: true });
  const survey = {
    id,
    title: text(id),
    description: text(id),
    source: text(id),
    unit: text('respondents'),
    id_column: 'id',
    suppress_below: SUPPRESS,
    waves: [{ id: '2025', file: '2025.csv' }],
    segments: Array.from({ length: segments }, (_, s) => ({
      id: `seg${s}`,
      column: `seg${s}`,
      label: text(`seg${s}`),
      options: [1, 2, 3].map((c) => ({ id: `v${c}`, code: c, label: text(`v${c}`) })),
      missing: [9],
    })),
    questions: [
      { id: 'sat', type: 'rating', column: 'sat', label: text('sat'), scale: { min: 1, max: 5 } },
      { id: 'spend', type: 'number', column: 'spend', min: 0, label: text('spend') },
    ],
    groupings: Array.from({ length: groupings }, (_, g) => ({
      id: `grp${g}`,
      label: text(`grp${g}`),
      score: 'spend',
      bands: [
        { id: 'low', from: 0, to: 0.5, label: text('low') },
        { id: 'high', from: 0.5, to: 1, label: text('high') },
      ],
    })),
    indicators: [{ id: 'sat_mean', kind: 'mean', measure: 'sat' }],
  };
  writeFileSync(join(dir, 'survey.yaml'), stringify(survey));
  const header = ['id', ...survey.segments.map((s) => s.column), 'sat', 'spend'];
  const lines = rows.map((r, i) => [i + 1, ...r.codes.slice(0, segments), r.sat, i].join(','));
  writeFileSync(join(dir, '2025.csv'), [header.join(','), ...lines].join('\n') + '\n');
  return dir;
}

/** The published cube's two files, loaded into duckdb-wasm as one table. */
function loadPublished(cube: Uint8Array, deep: Uint8Array): duckdb.DuckDBConnection {
  const c = db.connect();
  c.query('DROP TABLE IF EXISTS published');
  c.insertArrowFromIPCStream(gunzipSync(cube), { name: 'published', create: true });
  c.insertArrowFromIPCStream(gunzipSync(deep), { name: 'published', create: false });
  return c;
}

describe('the published cube of any shape of survey', () => {
  it('loads into duckdb-wasm, and its slices of one value count the rows of that value', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 2 }),
        fc.array(fc.record({ codes: fc.array(fc.constantFrom(1, 2, 3, 9), { minLength: 3, maxLength: 3 }), sat: fc.integer({ min: 1, max: 5 }) }), { minLength: 1, maxLength: 40 }),
        async (segments, groupings, rows) => {
          const id = `shape-${run++}`;
          const out = await runSurvey(writeSurvey(id, segments, groupings, rows), root);
          const c = loadPublished(out.cube, out.deepCube);
          const dims = [...Array.from({ length: segments }, (_, s) => `seg${s}`), ...Array.from({ length: groupings }, (_, g) => `grp${g}`)];
          const nulls = (except?: string) => dims.filter((d) => d !== except).map((d) => ` AND ${d} IS NULL`).join('');
          const base = (where: string) => c.query(`SELECT n FROM published WHERE measure = 'sat' AND value IS NULL${where}`).toArray().map((r) => r.n as number | null);
          // The whole report: every row, "not stated" included (a slice under SUPPRESS is one marker, no n).
          // A slice may also be withheld to protect a small one (secondary suppression): then it has no n either.
          const counted = (got: (number | null)[], n: number) => {
            expect(got.every((v) => v === n)).toBe(true);
            if (n < SUPPRESS) expect(got).toEqual([]);
          };
          counted(base(nulls()), rows.length);
          for (let s = 0; s < segments; s++) {
            for (const code of [1, 2, 3]) {
              const n = rows.filter((r) => r.codes[s] === code).length;
              counted(base(` AND seg${s} = 'v${code}'${nulls(`seg${s}`)}`), n);
            }
          }
          // Slices of two filters and a "by" (three dimensions not rolled up) exist when a row has three stated
          // dimensions (a grouping always is): marked withheld when small, but there.
          const deep = c.query(`SELECT count(*) AS n FROM published WHERE ${dims.length > 2 ? dims.map((d) => `(${d} IS NOT NULL)::INTEGER`).join(' + ') : '0'} > 2`).toArray()[0]!.n;
          const stated = (r: (typeof rows)[number]) => r.codes.slice(0, segments).filter((code) => code !== 9).length + groupings;
          expect(Number(deep) > 0).toBe(rows.some((r) => stated(r) > 2));
          c.close();
        },
      ),
      { numRuns: 24, seed: 20251204 },
    );
  }, 240_000);
});
