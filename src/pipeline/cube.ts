import { quoteIdent, type Engine, type SqlParam } from '../engine/engine.ts';
import { CUBE_TABLE } from '../indicators/cube.ts';
import { dimensionsOf } from '../survey/dimensions.ts';
import { measuresOf, type Measure } from '../survey/measures.ts';
import type { Survey } from '../survey/survey.ts';
import { multiColumn } from './data-columns.ts';
import { CELL } from './cells.ts';
import { RESPONSES_TABLE, WEIGHT } from './responses.ts';

interface Part {
  sql: string;
  params: SqlParam[];
}

const W = quoteIdent(WEIGHT);
const COUNTS = `count(*) AS n, sum(${W}) AS w, sum(${W} * ${W}) AS w2`;
const NO_MOMENTS = 'NULL::DOUBLE AS wx, NULL::DOUBLE AS wxx';

/** The dimension values of each cell. */
const CELLS = 'cube_cells';

/** The SELECTs that reduce one measure to cube rows (value rows, then base rows), per integer cell. */
function measureParts(m: Measure): Part[] {
  const c = quoteIdent(m.id);
  const select = (value: string, x: string, stats: string, where: string, params: SqlParam[] = []): Part => ({
    sql: `SELECT ${CELL}, ?::VARCHAR AS measure, ${value} AS value, ${x} AS x, ${stats} FROM ${RESPONSES_TABLE} WHERE ${where} GROUP BY ${CELL}, value, x`,
    params: [m.id, ...params],
  });
  switch (m.shape) {
    case 'categorical':
      return [
        select(c, 'NULL::DOUBLE', `${COUNTS}, ${NO_MOMENTS}`, `${c} IS NOT NULL`),
        select('NULL::VARCHAR', 'NULL::DOUBLE', `${COUNTS}, ${NO_MOMENTS}`, `${c} IS NOT NULL`),
      ];
    case 'multi': {
      const cols = m.choices.map((o) => quoteIdent(multiColumn(m.id, o.id)));
      return [
        ...m.choices.map((o, i) => select('?::VARCHAR', 'NULL::DOUBLE', `${COUNTS}, ${NO_MOMENTS}`, `${cols[i]}`, [o.id])),
        select('NULL::VARCHAR', 'NULL::DOUBLE', `${COUNTS}, ${NO_MOMENTS}`, `${cols[0]} IS NOT NULL`),
      ];
    }
    case 'scale':
      return [
        select(`CAST(CAST(${c} AS BIGINT) AS VARCHAR)`, `${c}`, `${COUNTS}, ${NO_MOMENTS}`, `${c} IS NOT NULL`),
        select('NULL::VARCHAR', 'NULL::DOUBLE', `${COUNTS}, sum(${W} * ${c}) AS wx, sum(${W} * ${c} * ${c}) AS wxx`, `${c} IS NOT NULL`),
      ];
    case 'numeric':
      return [select('NULL::VARCHAR', 'NULL::DOUBLE', `${COUNTS}, sum(${W} * ${c}) AS wx, sum(${W} * ${c} * ${c}) AS wxx`, `${c} IS NOT NULL`)];
  }
}

/**
 * Reduces the responses table to the cube, sorted so that the same inputs give the same bytes. Each measure
 * is grouped by the integer cell of its rows; the cells are turned back into dimension values at the end.
 */
export async function buildCube(engine: Engine, survey: Survey): Promise<void> {
  const dimIds = dimensionsOf(survey).map((d) => quoteIdent(d.id));
  await engine.query(`CREATE OR REPLACE TEMP TABLE ${CELLS} AS SELECT DISTINCT ${CELL}, ${dimIds.join(', ')} FROM ${RESPONSES_TABLE}`);
  const parts = measuresOf(survey).flatMap(measureParts);
  await engine.query(
    `CREATE OR REPLACE TABLE ${CUBE_TABLE} AS
SELECT ${dimIds.map((d) => `c.${d}`).join(', ')}, measure, value, x, n::INTEGER AS n, w, w2, wx, wxx
FROM (${parts.map((p) => p.sql).join('\nUNION ALL\n')}) AS s JOIN ${CELLS} c USING (${CELL})
ORDER BY ${dimIds.map((d) => `c.${d}`).join(', ')}, measure, value NULLS FIRST`,
    parts.flatMap((p) => p.params),
  );
  await engine.query(`DROP TABLE ${CELLS}`);
}
