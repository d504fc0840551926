import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compileWhere } from '../../src/filters/where.ts';
import { computeIndicators } from '../../src/indicators/run.ts';
import { loadFixture } from './mini.ts';

// The battery fixture's definition (three 1-5 items, missing code 9, suppress_below 3, min_base 5) over
// generated answers, each figure compared with the same figure counted here from the rows themselves.
// Wave files must lie inside the project folder: generated surveys go under .cx/ (not committed).
mkdirSync('.cx', { recursive: true });
const work = mkdtempSync(resolve('.cx', 'battery-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const definition = readFileSync('test/fixtures/battery/survey.yaml', 'utf8').replace('$schema=../../../schemas', '$schema=../../../../schemas');

const ITEMS = ['speed', 'staff', 'price'] as const;
const answer = fc.oneof(fc.integer({ min: 1, max: 5 }).map(String), fc.constantFrom('9', ''));
const row = fc.record({ region: fc.constantFrom('N', 'S'), speed: answer, staff: answer, price: answer });

/** Top box, mean and distribution of one item over rows, as the methodology defines them: 1-5 answers only. */
function expected(values: string[]) {
  const valid = values.filter((v) => v !== '' && v !== '9').map(Number);
  const n = valid.length;
  const shown = n >= 3;
  return {
    n,
    top: shown ? valid.filter((v) => v >= 4).length / n : null,
    mean: shown ? valid.reduce((a, b) => a + b, 0) / n : null,
    dist: [1, 2, 3, 4, 5].map((p) => (shown ? valid.filter((v) => v === p).length / n : null)),
  };
}

const close = (got: number | null | undefined, want: number | null) => (want === null ? got === null : typeof got === 'number' && Math.abs(got - want) < 1e-9);

describe('battery figures over generated answers', () => {
  it('equal the figures counted from the rows, item by item and region by region', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 30 }), async (rows) => {
        const dir = join(work, `s${run++}`);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'survey.yaml'), definition);
        writeFileSync(join(dir, '2025.csv'), ['ID,Region,Speed,Staff,Price', ...rows.map((r, i) => `${i + 1},${r.region},${r.speed},${r.staff},${r.price}`)].join('\n') + '\n');
        const { engine, survey } = await loadFixture(dir);
        try {
          const results = await computeIndicators(engine, survey, survey.indicators, compileWhere(survey, { wave: '2025', dims: {} }), ['2025']);
          const fig = (id: string, key: string, group: string | null = null) => results[id]!['2025']!.find((f) => f.key === key && f.group === group);
          for (const item of ITEMS) {
            const all = expected(rows.map((r) => r[item]));
            expect(fig('service_top', item)?.n).toBe(all.n);
            expect(close(fig('service_top', item)?.value, all.top)).toBe(true);
            expect(close(fig('service_mean', item)?.value, all.mean)).toBe(true);
            all.dist.forEach((share, p) => expect(close(fig('service_dist', `${item}:${p + 1}`)?.value, share)).toBe(true));
            for (const [group, code] of [['north', 'N'], ['south', 'S']] as const) {
              const own = expected(rows.filter((r) => r.region === code).map((r) => r[item]));
              expect(fig('service_by_region', item, group)?.n).toBe(own.n);
              expect(close(fig('service_by_region', item, group)?.value, own.top)).toBe(true);
            }
          }
        } finally {
          await engine.close();
        }
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
