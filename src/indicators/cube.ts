/**
 * The cube: the contract between build and browser. One row per cell of the dimensions (wave, segments,
 * groupings) x measure x answer value, holding sufficient statistics, never a respondent row.
 * - `value` is an option id or a scale point; NULL marks the measure's base row for the cell.
 * - `x` is the numeric value of a scale point (NULL for options and base rows).
 * - `n` counts respondents (unweighted), `w` and `w2` sum their weights and squared weights.
 * - `wx` and `wxx` (base rows of scale and numeric measures) sum weight x value and weight x value².
 * - A pair `a~b` (for key drivers) has one base row per cell over the rows answering both: `wx`, `wxx` for a,
 *   `wy`, `wyy` for b, and `wxy` the sum of weight x a x b. Other rows leave these three NULL.
 */
export const CUBE_TABLE = 'cube';

/**
 * The cube as the site publishes it (see the pipeline's published cube): every slice readers can ask for,
 * small parts withheld. The browser loads it under this name and reads one slice of it at a time as the cube.
 */
export const PUBLISHED_CUBE_TABLE = 'published';

/**
 * The files of the published cube, Arrow IPC streams compressed with gzip, under the site's `data/<report>/`:
 * the rows every slice reads, and the deep part, the rows only slices of two filters read (most of the rows),
 * loaded when needed.
 */
export const PUBLISHED_FILES = { cube: 'cube.arrow.gz', deepCube: 'cube-deep.arrow.gz' } as const;

/** Statistic columns of the cube, after its dimension columns (defined with the dimensions, whose ids may not take them). */
export { CUBE_STAT_COLUMNS } from '../survey/dimensions.ts';
