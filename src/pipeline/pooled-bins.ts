import { quoteIdent, type Engine } from '../engine/engine.ts';
import type { NativeEngine } from '../engine/native.ts';
import { publishedSlice } from '../filters/where.ts';
import { PUBLISHED_CUBE_TABLE } from '../indicators/cube.ts';
import type { SliceResults } from '../indicators/result.ts';
import { sliceComputer } from '../indicators/run.ts';
import { dimensionsOf } from '../survey/dimensions.ts';
import { measuresOf } from '../survey/measures.ts';
import type { Survey } from '../survey/survey.ts';

/**
 * Bins of one slice pooled from the lowest value up: each pool takes the next bins until it holds `threshold`
 * respondents, and a remainder under it joins the last pool. Returns the pool of each bin, counted from `first`.
 */
export function poolBins(counts: readonly number[], threshold: number, first = 0): number[] {
  const pools: number[] = [];
  let pool = first;
  let held = 0;
  for (const n of counts) {
    pools.push(pool);
    held += n;
    if (held >= threshold) {
      pool++;
      held = 0;
    }
  }
  // A remainder too small to stand alone joins the pool below it (none below: the slice is too small and withheld anyway).
  if (held > 0 && pool > first) for (let i = pools.length - 1; i >= 0 && pools[i] === pool; i--) pools[i] = pool - 1;
  return pools;
}

/**
 * Pools the bins of binned numbers in every slice of the published cube so that none holds fewer than
 * `suppress_below` respondents (a bin of one respondent would publish that respondent's value). A pool's value
 * is the weighted mean of its bins' values; medians and percentiles are then read off the pools.
 */
export async function poolPublishedBins(engine: Engine, survey: Survey): Promise<void> {
  const binned = measuresOf(survey)
    .filter((m) => m.shape === 'numeric' && m.bin !== undefined)
    .map((m) => m.id);
  if (!binned.length) return;
  const cell = dimensionsOf(survey).map((d) => quoteIdent(d.id));
  const slice = `[${[...cell, 'measure'].map((c) => `CAST(${c} AS VARCHAR)`).join(', ')}]::VARCHAR`;
  const rows = `measure IN (${binned.map(() => '?').join(', ')}) AND value IS NOT NULL AND n IS NOT NULL`;
  const bins = await engine.query(`SELECT rowid AS rid, ${slice} AS slice, n FROM ${PUBLISHED_CUBE_TABLE} WHERE ${rows} ORDER BY slice, x`, binned);
  const rids: string[] = [];
  const pools: string[] = [];
  let next = 0;
  for (let i = 0; i < bins.length; ) {
    let j = i;
    while (j < bins.length && bins[j]!.slice === bins[i]!.slice) j++;
    const part = bins.slice(i, j);
    const pooled = poolBins(part.map((b) => Number(b.n)), survey.suppress_below, next);
    next = (pooled.at(-1) ?? next) + 1;
    part.forEach((b, k) => {
      rids.push(String(b.rid));
      pools.push(String(pooled[k]));
    });
    i = j;
  }
  await engine.query(`CREATE OR REPLACE TEMP TABLE bin_pool AS SELECT unnest(?::VARCHAR[])::BIGINT AS rid, unnest(?::VARCHAR[])::BIGINT AS pool`, [rids, pools]);
  const x = 'round(coalesce(sum(x * w) / nullif(sum(w), 0), avg(x)), 9)';
  await engine.query(
    `CREATE OR REPLACE TEMP TABLE pooled AS
SELECT ${cell.join(', ')}, measure, CAST(${x} AS VARCHAR) AS value, ${x} AS x, sum(n) AS n, sum(w) AS w, sum(w2) AS w2
FROM ${PUBLISHED_CUBE_TABLE} JOIN bin_pool ON ${PUBLISHED_CUBE_TABLE}.rowid = bin_pool.rid GROUP BY pool, ${cell.join(', ')}, measure`,
  );
  await engine.query(`DELETE FROM ${PUBLISHED_CUBE_TABLE} WHERE rowid IN (SELECT rid FROM bin_pool)`);
  await engine.query(`INSERT INTO ${PUBLISHED_CUBE_TABLE} BY NAME SELECT * FROM pooled`);
  // The same rows in the same order every build: the published files are byte-identical.
  await engine.query(`CREATE OR REPLACE TABLE ${PUBLISHED_CUBE_TABLE} AS SELECT * FROM ${PUBLISHED_CUBE_TABLE} ORDER BY ALL NULLS FIRST`);
  await engine.query('DROP TABLE bin_pool; DROP TABLE pooled');
}

/**
 * The percentile indicators of the unfiltered report, computed over the published cube as the browser computes
 * them: read off the pooled bins, so that a page's median is the one its filters come back to.
 */
export async function publishedPercentiles(engine: NativeEngine, survey: Survey): Promise<SliceResults> {
  const percentiles = survey.indicators.filter((i) => i.kind === 'percentile');
  if (!percentiles.length) return {};
  // A connection of its own: the slice computer's session tables and statements are its own.
  const session = await engine.connect();
  try {
    return await sliceComputer(session, survey).compute(percentiles, publishedSlice(survey, { dims: {} }));
  } finally {
    await session.close();
  }
}
