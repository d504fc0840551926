import { quoteIdent, type Engine } from '../../engine/engine.ts';
import { MAX_FILTERED_DIMS } from '../../filters/where.ts';
import { dimensionsOf, WAVE } from '../../survey/dimensions.ts';
import type { Survey } from '../../survey/survey.ts';
import type { Withheld } from './protect.ts';

/** A slice of the published cube: a wave and a value (or NULL, "all") per dimension. */
export interface Slice {
  wave: string;
  values: (string | null)[];
}

/** The counts a measure publishes in one wave: its base (valid answers) per slice id that has any. */
export interface Layer {
  wave: string;
  measure: string;
  bases: Map<number, number>;
}

/**
 * An additive relation of one layer: base(parent) = Σ base(children) + blank, where the children split the
 * parent by one more dimension and `blank` counts the parent's rows whose answer on that dimension is blank
 * (not a slice readers can ask for: taken as known to an attacker, which errs on the safe side).
 */
export interface Relation {
  parent: number;
  dim: number;
  children: number[];
  blank: number;
}

/** Every base the published cube holds, before anything is withheld. */
export interface PublishedCounts {
  /** The dimensions beside the wave, in cube order. */
  dims: string[];
  slices: Slice[];
  layers: Layer[];
  /** Per slice: its size, the largest base of any measure (what decides whether the slice is published). */
  sizes: number[];
  /** The shape of every relation (see `splitsOf`). */
  splits: Split[];
}

const fixedDims = (s: Slice): number => s.values.reduce((k, v) => k + (v === null ? 0 : 1), 0);

/** The key of a slice: its wave and values. */
const sliceKey = (wave: string, values: readonly (string | null)[]): string => JSON.stringify([wave, ...values]);

/** The table of every base the published cube holds, each slice numbered (`slice`) in the order of its wave and values. */
export const SLICE_BASES_TABLE = 'slice_bases';

/** The tables of withheld cells (wave, dimensions, measure) and of slices withheld whole (wave, dimensions). */
export const WITHHELD_TABLES = { cells: 'withheld_cells', slices: 'withheld_slices' } as const;

const nonWaveDims = (survey: Survey): string[] => dimensionsOf(survey).filter((d) => d.id !== WAVE).map((d) => d.id);

/**
 * Reads the base of every measure in every slice the published cube holds, from `sliced`, a table of the
 * cube's rows rolled up into those slices (slices of blank answers left out).
 */
export async function readPublishedCounts(engine: Engine, survey: Survey, sliced: string): Promise<PublishedCounts> {
  const dims = nonWaveDims(survey);
  const cell = [quoteIdent(WAVE), ...dims.map(quoteIdent)];
  await engine.query(
    `CREATE OR REPLACE TEMP TABLE ${SLICE_BASES_TABLE} AS
SELECT ${cell.join(', ')}, measure, n::BIGINT AS n, (dense_rank() OVER (ORDER BY ${cell.map((c) => `${c} NULLS FIRST`).join(', ')}) - 1)::INTEGER AS __slice
FROM ${sliced} WHERE value IS NULL`,
  );
  const cols = await engine.columns(`SELECT ${cell.join(', ')}, measure, n, __slice FROM ${SLICE_BASES_TABLE} ORDER BY __slice, measure`);
  const slices: Slice[] = [];
  const layers = new Map<string, Layer>();
  const sizes: number[] = [];
  const ids = cols.__slice ?? [];
  for (let r = 0; r < ids.length; r++) {
    const id = Number(ids[r]);
    const wave = String(cols[WAVE]![r]);
    if (id === slices.length) {
      slices.push({ wave, values: dims.map((d) => cols[d]![r] as string | null) });
      sizes.push(0);
    }
    const measure = String(cols.measure![r]);
    const n = Number(cols.n![r]);
    const layerKey = JSON.stringify([wave, measure]);
    let layer = layers.get(layerKey);
    if (!layer) layers.set(layerKey, (layer = { wave, measure, bases: new Map() }));
    layer.bases.set(id, n);
    sizes[id] = Math.max(sizes[id]!, n);
  }
  return { dims, slices, layers: [...layers.values()], sizes, splits: splitsOf(slices) };
}

/** Writes the withheld cells and slices as tables (see WITHHELD_TABLES) keyed by wave and dimension values, as the published cube is. */
export async function writeWithheld(engine: Engine, survey: Survey, counts: PublishedCounts, withheld: Withheld): Promise<void> {
  const cell = [quoteIdent(WAVE), ...nonWaveDims(survey).map(quoteIdent)];
  const slices: string[] = [];
  const measures: string[] = [];
  counts.layers.forEach((layer, i) => {
    for (const slice of withheld.cells[i]!) {
      slices.push(String(slice));
      measures.push(layer.measure);
    }
  });
  await engine.query(
    `CREATE OR REPLACE TEMP TABLE ${WITHHELD_TABLES.cells} AS
SELECT ${cell.join(', ')}, measure FROM ${SLICE_BASES_TABLE} JOIN (SELECT unnest(?::VARCHAR[])::INTEGER AS __slice, unnest(?::VARCHAR[]) AS measure) USING (__slice, measure)`,
    [slices, measures],
  );
  await engine.query(
    `CREATE OR REPLACE TEMP TABLE ${WITHHELD_TABLES.slices} AS
SELECT DISTINCT ${cell.join(', ')} FROM ${SLICE_BASES_TABLE} WHERE list_contains(?::VARCHAR[]::INTEGER[], __slice)`,
    [[...withheld.slices].map(String)],
  );
}

/** A parent slice split by one dimension it does not fix: the slices fixing each value of it (whichever exist). */
export interface Split {
  parent: number;
  dim: number;
  children: number[];
}

/** Every split of a slice of at most MAX_FILTERED_DIMS dimensions into slices of one more: the shape of every relation. */
export function splitsOf(slices: readonly Slice[]): Split[] {
  const ids = new Map(slices.map((s, i) => [sliceKey(s.wave, s.values), i]));
  const splits = new Map<string, Split>();
  slices.forEach((s, child) => {
    s.values.forEach((v, dim) => {
      if (v === null) return;
      const parent = ids.get(sliceKey(s.wave, s.values.map((x, d) => (d === dim ? null : x))));
      if (parent === undefined || fixedDims(slices[parent]!) > MAX_FILTERED_DIMS) return;
      const key = `${parent}:${dim}`;
      const split = splits.get(key);
      if (split) split.children.push(child);
      else splits.set(key, { parent, dim, children: [child] });
    });
  });
  return [...splits.values()];
}

/**
 * The relations of one layer: every split (see `splitsOf`) of a parent the layer has, over the children it
 * has. A parent with no such child is no relation: it would only say that the parent is its own blanks.
 */
export function relationsOf(counts: PublishedCounts, layer: Layer): Relation[] {
  const out: Relation[] = [];
  for (const { parent, dim, children } of counts.splits) {
    const size = layer.bases.get(parent);
    if (size === undefined) continue;
    const present = children.filter((c) => layer.bases.has(c));
    if (present.length) out.push({ parent, dim, children: present, blank: size - present.reduce((sum, c) => sum + layer.bases.get(c)!, 0) });
  }
  return out;
}

/** A slice as readers name it: its wave and the values it fixes (`all` when none). */
export function describeSlice(counts: PublishedCounts, slice: number): { wave: string; slice: string } {
  const s = counts.slices[slice]!;
  const fixed = s.values.flatMap((v, d) => (v === null ? [] : [`${counts.dims[d]}=${v}`]));
  return { wave: s.wave, slice: fixed.length ? fixed.join(', ') : 'all' };
}
